package io.progy.orchestrator.git;

import io.progy.orchestrator.git.GitRepository.TokenGrant;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.GitProtocolConstants;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.UploadPackInternalServerErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Git smart HTTP, stateless, for the builtin host: {@code GET .../info/refs?service=...},
 * {@code POST .../git-upload-pack} (protocol v0 and v2) and {@code POST .../git-receive-pack}.
 *
 * <p>JGit's packs run on {@code boundedElastic}: the request body reaches them as an {@link InputStream}
 * fed by the body's buffers as they arrive, and what they write is sent as it is flushed, so a pack is
 * never held in memory whole. Authentication is HTTP Basic with a git token; a repository the token does
 * not grant answers 404, so other users' repositories cannot even be probed. A push holds its repository's
 * lock while it is received ({@link RepositoryHousekeeping}), so compaction never deletes a pack it needs.
 */
@Component
@ConditionalOnProperty(prefix = "progy.git", name = "provider", havingValue = "builtin", matchIfMissing = true)
class GitHttpHandler {

    private static final Logger log = LoggerFactory.getLogger(GitHttpHandler.class);

    static final String UPLOAD_PACK = "git-upload-pack";
    static final String RECEIVE_PACK = "git-receive-pack";
    private static final String REALM = "Basic realm=\"Progy\", charset=\"UTF-8\"";
    private static final int CHUNK_SIZE = 64 * 1024;
    /** Request buffers read ahead of the pack: bounds memory per push. */
    private static final int BODY_DEMAND = 16;

    private static final Executor BLOCKING = task -> Schedulers.boundedElastic().schedule(task);

    private final BuiltinGitProvider tokens;
    private final BareRepositories disk;
    private final RepositoryHousekeeping housekeeping;
    private final GitProperties properties;
    private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

    GitHttpHandler(
            BuiltinGitProvider tokens,
            BareRepositories disk,
            RepositoryHousekeeping housekeeping,
            GitProperties properties) {
        this.tokens = tokens;
        this.disk = disk;
        this.housekeeping = housekeeping;
        this.properties = properties;
    }

    /** {@code GET /git/{owner}/{repo}.git/info/refs?service=git-upload-pack|git-receive-pack} */
    Mono<ServerResponse> infoRefs(ServerRequest request) {
        String service = request.queryParam("service").orElse("");
        if (!service.equals(UPLOAD_PACK) && !service.equals(RECEIVE_PACK)) {
            return plain(HttpStatus.FORBIDDEN, "only smart HTTP is served: git-upload-pack or git-receive-pack");
        }
        return withRepository(
                request,
                (repositoryName, grant) -> streamed(
                        "application/x-" + service + "-advertisement",
                        out -> withOpen(repositoryName, repository -> {
                            var packetOut = new PacketLineOut(out);
                            if (service.equals(UPLOAD_PACK)) {
                                UploadPack up = uploadPack(repository, request);
                                try {
                                    up.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packetOut), service);
                                } finally {
                                    up.getRevWalk().close();
                                }
                            } else {
                                ReceivePack rp = receivePack(repository, grant);
                                packetOut.writeString("# service=" + service + "\n");
                                packetOut.end();
                                try {
                                    rp.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packetOut));
                                } finally {
                                    rp.getRevWalk().close();
                                }
                            }
                        })));
    }

    /** {@code POST /git/{owner}/{repo}.git/git-upload-pack}: fetch and clone. */
    Mono<ServerResponse> uploadPack(ServerRequest request) {
        if (!hasContentType(request, "application/x-git-upload-pack-request")) {
            return plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "expected application/x-git-upload-pack-request");
        }
        return withRepository(
                request,
                (repositoryName, grant) -> streamed(
                        "application/x-git-upload-pack-result",
                        out -> withOpen(repositoryName, repository -> {
                            try (InputStream in = requestBody(request);
                                    UploadPack up = uploadPack(repository, request)) {
                                try {
                                    up.uploadWithExceptionPropagation(in, out, null);
                                } catch (ServiceMayNotContinueException | UploadPackInternalServerErrorException e) {
                                    // Already reported to the client in the response.
                                    log.debug("upload-pack of {} stopped: {}", repositoryName, e.toString());
                                }
                                drain(in);
                            }
                        })));
    }

    /** {@code POST /git/{owner}/{repo}.git/git-receive-pack}: push. */
    Mono<ServerResponse> receivePack(ServerRequest request) {
        if (!hasContentType(request, "application/x-git-receive-pack-request")) {
            return plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "expected application/x-git-receive-pack-request");
        }
        return withRepository(
                request,
                (repositoryName, grant) -> streamed(
                        "application/x-git-receive-pack-result",
                        out -> withOpen(repositoryName, repository -> {
                            String[] parts = repositoryName.split("/", 2);
                            boolean received = false;
                            try (InputStream in = new AnswersAvailable(requestBody(request))) {
                                ReceivePack rp = receivePack(repository, grant);
                                try (var writing = housekeeping.lockForPush(parts[0], parts[1])) {
                                    rp.receive(in, new CoalescedFlushes(out), null);
                                    received = true;
                                } catch (UnpackException | CorruptObjectException | PackProtocolException e) {
                                    // Reported to the client in the status report (e.g. a pack over the size limit).
                                    log.debug("push to {} refused: {}", repositoryName, e.toString());
                                }
                                // Read what the client still sends, so it gets to read the answer.
                                drain(in);
                            }
                            if (received) {
                                housekeeping.afterPush(parts[0], parts[1]);
                            }
                        })));
    }

    // ------------------------------------------------------------------ JGit

    private static UploadPack uploadPack(Repository repository, ServerRequest request) {
        UploadPack up = new UploadPack(repository);
        up.setBiDirectionalPipe(false);
        String protocol = request.headers().firstHeader(GitProtocolConstants.PROTOCOL_HEADER);
        if (protocol != null) {
            // e.g. "version=2"; several parameters are separated by ':'
            up.setExtraParameters(Arrays.asList(protocol.split(":")));
        }
        return up;
    }

    private ReceivePack receivePack(Repository repository, TokenGrant grant) {
        ReceivePack rp = new ReceivePack(repository);
        rp.setBiDirectionalPipe(false);
        rp.setAllowNonFastForwards(false);
        rp.setAllowDeletes(false);
        rp.setAllowBranchDeletes(false);
        rp.setCheckReceivedObjects(true);
        rp.setMaxPackSizeLimit(properties.maxPushSize().toBytes());
        rp.setRefLogIdent(new PersonIdent(grant.username(), grant.username() + "@progy"));
        rp.setPreReceiveHook((pack, commands) -> explainRejections(pack));
        return rp;
    }

    /** Tells the student, in words the git client prints as "remote: ...", why a command was refused. */
    private static void explainRejections(ReceivePack pack) {
        for (ReceiveCommand command : pack.getAllCommands()) {
            switch (command.getResult()) {
                case REJECTED_NONFASTFORWARD ->
                    pack.sendMessage("Progy keeps every commit: force pushes are refused."
                            + " Fetch and rebase first (progy sync, or git pull --rebase).");
                case REJECTED_NODELETE ->
                    pack.sendMessage("Progy keeps every commit: deleting " + command.getRefName() + " is refused.");
                default -> {}
            }
        }
    }

    // ------------------------------------------------------------------ HTTP

    private interface RepositoryWork {
        void run(Repository repository) throws IOException;
    }

    private interface GrantedRequest {
        Mono<ServerResponse> handle(String repositoryName, TokenGrant grant);
    }

    /** Authenticates the request and checks that its token grants the repository in the path. */
    private Mono<ServerResponse> withRepository(ServerRequest request, GrantedRequest handler) {
        String owner = request.pathVariable("owner");
        String repo = request.pathVariable("repo");
        Optional<String[]> credentials = basicCredentials(request);
        if (credentials.isEmpty()) {
            return unauthorized("authentication required: use the git user and token from POST /v1/git/credentials");
        }
        String name = repo.endsWith(".git") ? repo.substring(0, repo.length() - 4) : "";
        return tokens.authenticate(credentials.get()[0], credentials.get()[1])
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(grant -> {
                    if (grant.isEmpty()) {
                        return unauthorized("invalid or expired git token: ask for new credentials");
                    }
                    if (!grant.get().repoOwner().equals(owner)
                            || !grant.get().repoName().equals(name)) {
                        return notFound();
                    }
                    return Mono.fromCallable(() -> disk.exists(owner, name))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(exists -> exists ? handler.handle(owner + "/" + name, grant.get()) : notFound());
                });
    }

    private static Optional<String[]> basicCredentials(ServerRequest request) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    /** Runs {@code work} on the open repository (checked to exist before the response started). */
    private void withOpen(String repositoryName, RepositoryWork work) {
        String[] parts = repositoryName.split("/", 2);
        try {
            Optional<Repository> opened = disk.open(parts[0], parts[1]);
            if (opened.isEmpty()) {
                throw new IllegalStateException("repository " + repositoryName + " is missing on disk");
            }
            try (Repository repository = opened.get()) {
                work.run(repository);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Mono<ServerResponse> streamed(String contentType, java.util.function.Consumer<OutputStream> writer) {
        Flux<DataBuffer> body = Flux.from(DataBufferUtils.outputStreamPublisher(
                out -> {
                    try (out) {
                        writer.accept(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                buffers,
                BLOCKING,
                CHUNK_SIZE));
        return ServerResponse.ok()
                .contentType(MediaType.parseMediaType(contentType))
                .cacheControl(CacheControl.noCache())
                .body(BodyInserters.fromDataBuffers(body));
    }

    /** The request body as a stream, un-gzipped when the client compressed it (C git does for large requests). */
    private static InputStream requestBody(ServerRequest request) throws IOException {
        InputStream in =
                DataBufferUtils.subscriberInputStream(request.body(BodyExtractors.toDataBuffers()), BODY_DEMAND);
        String encoding = request.headers().firstHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null
                && List.of("gzip", "x-gzip").contains(encoding.trim().toLowerCase(java.util.Locale.ROOT))) {
            return new GZIPInputStream(in, CHUNK_SIZE);
        }
        return in;
    }

    /**
     * Says whether more bytes will come, even when none has arrived yet. ReceivePack's pack size limit
     * tells "over the limit" from "end of the pack" by {@link InputStream#available()} once the limit is
     * reached; a stream fed by network buffers answers 0 between buffers, which would turn an oversized
     * push into a confusing "Packfile is truncated" instead of the limit's message.
     */
    static final class AnswersAvailable extends java.io.PushbackInputStream {

        AnswersAvailable(InputStream in) {
            super(in, 1);
        }

        @Override
        public int available() throws IOException {
            int buffered = super.available();
            if (buffered > 0) {
                return buffered;
            }
            int next = read();
            if (next < 0) {
                return 0;
            }
            unread(next);
            return 1;
        }
    }

    /**
     * Passes a flush on at most once a second, and always on close. ReceivePack flushes after each progress
     * message, which the JGit client never asks to be spared (C git does, with {@code quiet}): on a small push
     * that is several network writes, each waiting for the response to take it, for messages nobody reads.
     * Once a second still carries progress and keep-alives of a long push; the status report goes out on close.
     */
    static final class CoalescedFlushes extends java.io.FilterOutputStream {
        private static final long INTERVAL_NANOS = 1_000_000_000L;
        private long lastFlush = System.nanoTime();

        CoalescedFlushes(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            long now = System.nanoTime();
            if (now - lastFlush >= INTERVAL_NANOS) {
                out.flush();
                lastFlush = now;
            }
        }

        @Override
        public void close() throws IOException {
            out.flush(); // the stream underneath is closed by the response
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static boolean hasContentType(ServerRequest request, String expected) {
        return request.headers()
                .contentType()
                .map(type -> type.toString().startsWith(expected))
                .orElse(false);
    }

    private static Mono<ServerResponse> unauthorized(String message) {
        return ServerResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, REALM)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(message + "\n");
    }

    private static Mono<ServerResponse> notFound() {
        return plain(HttpStatus.NOT_FOUND, "repository not found");
    }

    private static Mono<ServerResponse> plain(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message + "\n");
    }
}
