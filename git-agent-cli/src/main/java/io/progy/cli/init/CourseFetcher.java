package io.progy.cli.init;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.Output;
import io.progy.cli.cache.ArtifactCache;
import io.progy.cli.http.TransferListener;
import io.progy.cli.registry.CourseRef;
import io.progy.cli.registry.RegistryApi;
import io.progy.format.SemVer;
import io.progy.format.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gets a verified course artifact: resolves the range with the registry, reuses the cached artifact when its
 * sha256 matches (a corrupt one is deleted and downloaded again), otherwise downloads into a temporary file,
 * verifies it and only then moves it into the cache. Offline, picks the highest cached version in range.
 */
final class CourseFetcher {
    private final ArtifactCache cache;
    private final Output out;
    private final Supplier<TransferListener> progress;

    CourseFetcher(ArtifactCache cache, Output out, Supplier<TransferListener> progress) {
        this.cache = cache;
        this.out = out;
        this.progress = progress;
    }

    FetchedCourse online(RegistryApi registry, CourseRef ref) throws IOException {
        RegistryApi.Resolution resolution;
        try {
            resolution = registry.resolve(ref.name(), ref.range());
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.UNAVAILABLE
                    && !cache.versions(ref.name()).isEmpty()) {
                throw new CliException(e.exitCode(), e.getMessage() + "; `--offline` installs from the cache", e);
            }
            throw e;
        }
        var resolved = resolution.resolved();
        if (resolved == null && ref.range() == null && resolution.allYanked()) {
            throw CliException.usage("every version of " + ref.name()
                    + " is yanked; install an exact version with @<version> (e.g. progy init " + ref.name() + "@"
                    + resolution.versions().get(0).version() + ")");
        }
        if (resolved == null || resolved.version() == null || resolved.sha256() == null) {
            throw new CliException(
                    ExitCode.UNAVAILABLE, "the server did not say which version of " + ref.name() + " to install");
        }
        var name = ref.name().toString();
        out.debug("resolved " + ref + " to " + resolved.version() + " (sha256 " + resolved.sha256() + ")");
        var cached = cache.find(ref.name(), resolved.version());
        if (cached.isPresent()) {
            if (Sha256.of(cached.get()).equalsIgnoreCase(resolved.sha256())) {
                cache.touch(cached.get());
                out.debug("using the cached " + cached.get());
                return new FetchedCourse(name, resolved.version(), resolved.sha256(), cached.get(), true);
            }
            out.warn("the cached " + name + "@" + resolved.version() + " is corrupt (sha256 mismatch);"
                    + " downloading it again");
            cache.remove(cached.get());
        }
        var temp = cache.newTempFile();
        try {
            out.info("Downloading " + name + "@" + resolved.version() + " (" + Output.bytes(resolved.size()) + ")");
            var download = registry.download(resolved.downloadUrl(), temp, progress.get());
            var actual = download.sha256();
            if (!actual.equalsIgnoreCase(resolved.sha256())
                    || (download.announcedSha256() != null && !actual.equalsIgnoreCase(download.announcedSha256()))) {
                throw new CliException(
                        ExitCode.UNAVAILABLE,
                        "the download of " + name + "@" + resolved.version() + " is corrupt: expected sha256 "
                                + resolved.sha256() + ", got " + actual + " (" + download.size()
                                + " bytes); nothing was kept. Try again; if it persists, the server's copy is"
                                + " damaged.");
            }
            var stored = cache.store(ref.name(), resolved.version(), temp);
            return new FetchedCourse(name, resolved.version(), actual, stored, false);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    FetchedCourse offline(CourseRef ref) throws IOException {
        var versions = cache.versions(ref.name());
        if (versions.isEmpty()) {
            throw CliException.usage("--offline: " + ref.name() + " is not in the cache (" + cache.root()
                    + "); run `progy init " + ref.name() + "` once while online");
        }
        var version = SemVer.select(versions, ref.rangeOrLatest(), Set.of())
                .orElseThrow(() -> CliException.usage("--offline: no cached version of " + ref.name() + " matches "
                        + ref.rangeOrLatest() + " (cached: " + String.join(", ", versions) + ")"));
        var artifact = cache.pathOf(ref.name(), version);
        cache.touch(artifact);
        out.debug("offline: using the cached " + artifact);
        return new FetchedCourse(ref.name().toString(), version, Sha256.of(artifact), artifact, true);
    }
}
