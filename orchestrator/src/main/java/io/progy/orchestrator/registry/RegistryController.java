package io.progy.orchestrator.registry;

import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.ratelimit.RateLimiter;
import io.progy.orchestrator.ratelimit.RateLimiter.Policy;
import io.progy.orchestrator.registry.RegistryRecords.DownloadStats;
import io.progy.orchestrator.registry.RegistryRecords.PublishResponse;
import io.progy.orchestrator.registry.RegistryRecords.SearchResponse;
import io.progy.orchestrator.registry.RegistryRecords.VersionRow;
import io.progy.orchestrator.registry.RegistryRecords.YankResponse;
import io.progy.orchestrator.storage.BlobContent;
import java.time.Duration;
import java.util.List;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /v1/registry/*}: publish, resolve, download, search, yank. */
@RestController
class RegistryController {

    static final String SHA256_HEADER = "X-Progy-Sha256";
    private static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final UploadReceiver uploads;
    private final PublishService publisher;
    private final RegistryQueries queries;
    private final RateLimiter rateLimiter;

    RegistryController(
            UploadReceiver uploads, PublishService publisher, RegistryQueries queries, RateLimiter rateLimiter) {
        this.uploads = uploads;
        this.publisher = publisher;
        this.queries = queries;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Receives the upload, then publishes it detached from the request: a client that disconnects once
     * its bytes are in cannot cancel a publish halfway.
     */
    @PostMapping("/v1/registry/publish")
    Mono<ResponseEntity<PublishResponse>> publish(Caller caller, ServerHttpRequest request) {
        return Mono.fromCallable(() -> {
                    caller.require(Caller.SCOPE_PUBLISH);
                    rateLimiter.check(Policy.PUBLISH_PER_USER, Long.toString(caller.userId()));
                    return caller;
                })
                .then(uploads.receive(request))
                .flatMap(upload ->
                        Mono.fromFuture(publisher.publish(caller, upload).toFuture(), true))
                .map(published -> ResponseEntity.status(HttpStatus.CREATED).body(published));
    }

    @GetMapping("/v1/registry/resolve/{scope}/{slug}")
    Mono<ResponseEntity<byte[]>> resolve(
            @PathVariable String scope,
            @PathVariable String slug,
            @RequestParam(required = false) String range,
            ServerHttpRequest request) {
        return Mono.defer(() -> queries.resolve(CourseKey.fromPath(scope, slug), range))
                .map(rendered -> {
                    if (matches(request.getHeaders().getIfNoneMatch(), rendered.etag())) {
                        return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                                .eTag(rendered.etag())
                                .cacheControl(CacheControl.noCache())
                                .build();
                    }
                    return ResponseEntity.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .eTag(rendered.etag())
                            .cacheControl(CacheControl.noCache())
                            .body(rendered.body());
                });
    }

    /** Streams the artifact; a local file goes out zero-copy (sendfile). HEAD answers headers only. */
    @GetMapping("/v1/registry/download/{scope}/{slug}/{version}")
    Mono<Void> download(
            @PathVariable String scope,
            @PathVariable String slug,
            @PathVariable String version,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request.getMethod() == HttpMethod.HEAD) {
            return Mono.defer(() -> {
                CourseKey key = CourseKey.fromPath(scope, slug);
                return queries.version(key, version).flatMap(row -> {
                    downloadHeaders(response.getHeaders(), key, row, row.size());
                    return response.setComplete();
                });
            });
        }
        return Mono.defer(() -> {
                    rateLimiter.check(Policy.DOWNLOAD_PER_IP, RateLimiter.clientAddress(request));
                    return queries.download(CourseKey.fromPath(scope, slug), version);
                })
                .flatMap(download -> {
                    downloadHeaders(
                            response.getHeaders(),
                            download.key(),
                            download.version(),
                            download.content().size());
                    if (download.content() instanceof BlobContent.LocalFile file) {
                        if (response instanceof ZeroCopyHttpOutputMessage zeroCopy) {
                            return zeroCopy.writeWith(file.path(), 0, file.size());
                        }
                        return response.writeWith(
                                DataBufferUtils.read(file.path(), response.bufferFactory(), 64 * 1024));
                    }
                    return response.writeWith(((BlobContent.Streamed) download.content()).content());
                });
    }

    private static void downloadHeaders(HttpHeaders headers, CourseKey key, VersionRow version, long size) {
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setContentLength(size);
        headers.set(SHA256_HEADER, version.sha256());
        headers.setETag("\"" + version.sha256() + "\"");
        headers.setCacheControl(IMMUTABLE);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(key.slug() + "-" + version.version() + ".progy")
                .build());
    }

    @GetMapping("/v1/registry/search")
    Mono<SearchResponse> search(
            @RequestParam(name = "q", required = false) String query,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "per_page", defaultValue = "20") int perPage) {
        return queries.search(query, page, perPage);
    }

    /** Download counts per week and version, for the course page; public like the counts' course. */
    @GetMapping("/v1/registry/stats/{scope}/{slug}")
    Mono<DownloadStats> downloadStats(
            @PathVariable String scope,
            @PathVariable String slug,
            @RequestParam(name = "weeks", defaultValue = "12") int weeks) {
        return Mono.defer(() -> queries.downloadStats(CourseKey.fromPath(scope, slug), weeks));
    }

    @PostMapping("/v1/registry/{scope}/{slug}/{version}/yank")
    Mono<YankResponse> yank(
            Caller caller, @PathVariable String scope, @PathVariable String slug, @PathVariable String version) {
        return Mono.defer(() -> publisher.setYanked(caller, CourseKey.fromPath(scope, slug), version, true));
    }

    @DeleteMapping("/v1/registry/{scope}/{slug}/{version}/yank")
    Mono<YankResponse> unyank(
            Caller caller, @PathVariable String scope, @PathVariable String slug, @PathVariable String version) {
        return Mono.defer(() -> publisher.setYanked(caller, CourseKey.fromPath(scope, slug), version, false));
    }

    private static boolean matches(List<String> ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch) {
            String candidate = tag.trim();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals("*") || candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
