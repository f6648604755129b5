package io.progy.orchestrator.auth.device;

import io.progy.orchestrator.ratelimit.RateLimiter;
import io.progy.orchestrator.ratelimit.RateLimiter.Policy;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/auth/device/code} and {@code POST /v1/auth/device/token} as RFC 8628 defines them:
 * form-encoded requests, JSON answers, OAuth error codes (not problem details) on the token endpoint.
 */
@RestController
class DeviceController {

    static final String DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    private final DeviceAuthorizationService devices;
    private final RateLimiter rateLimiter;

    DeviceController(DeviceAuthorizationService devices, RateLimiter rateLimiter) {
        this.devices = devices;
        this.rateLimiter = rateLimiter;
    }

    @PostMapping(value = "/v1/auth/device/code", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> code(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            rateLimiter.check(Policy.DEVICE_CODE_PER_IP, RateLimiter.clientAddress(exchange.getRequest()));
            return devices.start(form.getFirst("client_id"), form.getFirst("scope"))
                    .map(started -> {
                        String verification = baseUrl(exchange.getRequest()) + "/device";
                        String userCode = DeviceAuthorizationService.formatUserCode(started.userCode());
                        var body = new LinkedHashMap<String, Object>();
                        body.put("device_code", started.deviceCode());
                        body.put("user_code", userCode);
                        body.put("verification_uri", verification);
                        body.put("verification_uri_complete", verification + "?user_code=" + userCode);
                        body.put("expires_in", started.expiresIn());
                        body.put("interval", started.interval());
                        return noStore(body);
                    });
        });
    }

    @PostMapping(value = "/v1/auth/device/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            rateLimiter.check(Policy.DEVICE_TOKEN_PER_IP, RateLimiter.clientAddress(exchange.getRequest()));
            String grantType = form.getFirst("grant_type");
            if (grantType == null || grantType.isBlank()) {
                return Mono.error(new DeviceGrantException("invalid_request", "grant_type is required"));
            }
            if (!DEVICE_GRANT_TYPE.equals(grantType)) {
                return Mono.error(new DeviceGrantException(
                        "unsupported_grant_type", "this endpoint serves only " + DEVICE_GRANT_TYPE));
            }
            return devices.poll(form.getFirst("client_id"), form.getFirst("device_code"))
                    .map(granted -> {
                        var body = new LinkedHashMap<String, Object>();
                        body.put("access_token", granted.token().token());
                        body.put("token_type", "Bearer");
                        body.put("expires_in", granted.expiresIn());
                        body.put("scope", String.join(" ", granted.token().scopes()));
                        body.put("token_id", granted.token().tokenId());
                        return noStore(body);
                    });
        });
    }

    @ExceptionHandler(DeviceGrantException.class)
    ResponseEntity<Map<String, Object>> oauthError(DeviceGrantException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    private static ResponseEntity<Map<String, Object>> noStore(Map<String, Object> body) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    /** The server's own base URL as the client reached it, e.g. {@code http://127.0.0.1:8080}. */
    static String baseUrl(ServerHttpRequest request) {
        URI uri = request.getURI();
        return UriComponentsBuilder.newInstance()
                .scheme(uri.getScheme())
                .host(uri.getHost())
                .port(uri.getPort())
                .build()
                .toUriString();
    }
}
