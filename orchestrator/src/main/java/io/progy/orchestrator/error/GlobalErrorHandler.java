package io.progy.orchestrator.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progy.orchestrator.config.ProgyProperties;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Renders every error, ours and the framework's, as {@code application/problem+json} with a stable
 * {@code code}. Runs before Boot's default handler so no HTML page or stack trace ever leaves the server.
 */
@Component
@Order(-2)
public class GlobalErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);

    /**
     * How much of an oversized upload is read and discarded after the 413 so the client, still sending,
     * gets to read the answer: closing a connection with unread bytes makes the kernel reset it, and the
     * client then sees "connection reset" instead of the problem. Uploads declared larger than this are
     * cut off at once.
     */
    private static final int DRAIN_FACTOR = 4;

    private final ObjectMapper objectMapper;
    private final long drainLimit;

    public GlobalErrorHandler(ObjectMapper objectMapper, ProgyProperties properties) {
        this.objectMapper = objectMapper;
        this.drainLimit = DRAIN_FACTOR * properties.maxArtifactSize().toBytes();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ApiException problem = toApiException(error);
        logIfServerSide(exchange, problem, error);

        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setInstance(URI.create(exchange.getRequest().getPath().value()));
        detail.setProperty("code", problem.code().name());
        if (!problem.errors().isEmpty()) {
            detail.setProperty("errors", problem.errors());
        }
        byte[] body;
        try {
            body = objectMapper.writeValueAsBytes(detail);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        response.setStatusCode(problem.status());
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.ETAG);
        headers.remove(HttpHeaders.CACHE_CONTROL);
        headers.remove(HttpHeaders.CONTENT_DISPOSITION);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        if (problem.code() == ProblemCode.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.retryAfterSeconds() > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
        }
        if (problem.code() == ProblemCode.TOO_LARGE
                && exchange.getRequest().getHeaders().getContentLength() > drainLimit) {
            // Not worth reading: answer, then close the connection. Smaller uploads are drained by the
            // server after the answer, so the client reads the 413 rather than a reset.
            headers.set(HttpHeaders.CONNECTION, "close");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static ApiException toApiException(Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return new ApiException(ProblemCode.TOO_LARGE, "request body is too large");
        }
        if (error instanceof WebExchangeBindException bind) {
            List<FieldProblem> fields = bind.getFieldErrors().stream()
                    .map(f -> new FieldProblem(jsonName(f.getField()), String.valueOf(f.getDefaultMessage())))
                    .toList();
            String detail = fields.isEmpty()
                    ? "invalid request"
                    : fields.stream()
                            .map(f -> f.field() + ": " + f.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElseThrow();
            return new ApiException(ProblemCode.INVALID_REQUEST, detail, fields);
        }
        if (error instanceof UnsupportedMediaTypeStatusException media) {
            return new ApiException(
                    ProblemCode.INVALID_REQUEST,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported content type" + (media.getContentType() == null ? "" : " " + media.getContentType()),
                    List.of(),
                    null);
        }
        if (error instanceof MethodNotAllowedException method) {
            return new ApiException(
                    ProblemCode.INVALID_REQUEST,
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "method " + method.getHttpMethod() + " is not allowed here",
                    List.of(),
                    null);
        }
        if (error instanceof NotAcceptableStatusException) {
            return new ApiException(
                    ProblemCode.INVALID_REQUEST,
                    HttpStatus.NOT_ACCEPTABLE,
                    "no acceptable representation",
                    List.of(),
                    null);
        }
        if (error instanceof MissingRequestValueException missing) {
            return ApiException.invalidRequest(missing.getName(), "is required");
        }
        if (error instanceof ServerWebInputException input) {
            if (causedBy(error, DecodingException.class)) {
                return new ApiException(
                        ProblemCode.INVALID_REQUEST, "request body is not valid JSON for this endpoint");
            }
            return new ApiException(
                    ProblemCode.INVALID_REQUEST, input.getReason() == null ? "invalid request" : input.getReason());
        }
        if (error instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            if (code == 404) {
                return ApiException.notFound("no such resource");
            }
            if (code >= 400 && code < 500) {
                HttpStatus http = HttpStatus.resolve(code);
                return new ApiException(
                        ProblemCode.INVALID_REQUEST,
                        http == null ? HttpStatus.BAD_REQUEST : http,
                        status.getReason() == null ? "invalid request" : status.getReason(),
                        List.of(),
                        null);
            }
        }
        return new ApiException(ProblemCode.INTERNAL, "internal error", error);
    }

    private static void logIfServerSide(ServerWebExchange exchange, ApiException problem, Throwable original) {
        if (problem.status().is5xxServerError()) {
            Throwable cause = problem.getCause() != null ? problem.getCause() : original;
            log.error(
                    "{} {} failed: {} ({})",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    problem.getMessage(),
                    problem.code(),
                    cause);
        }
    }

    /** The JSON name of a bound field: the API's properties are snake_case ({@code githubLogin} is {@code github_login}). */
    static String jsonName(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
