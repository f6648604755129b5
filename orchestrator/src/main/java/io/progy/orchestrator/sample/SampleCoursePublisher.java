package io.progy.orchestrator.sample;

import io.progy.format.CourseManifest;
import io.progy.format.CoursePacker;
import io.progy.orchestrator.auth.AccountService;
import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.config.ProgyProperties;
import io.progy.orchestrator.registry.PublishService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * On start-up (by default only in embedded mode), publishes the sample courses bundled in the jar under
 * {@code sample-courses/<dir>/} so a newcomer can {@code progy init @progy/java-intro} at once. Each
 * course is extracted to a temp dir, packed with {@link CoursePacker} and published through the same
 * service path as an upload, as the reserved user {@code progy}, unless that version is already there.
 */
@Component
@Order(20)
class SampleCoursePublisher implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleCoursePublisher.class);
    static final String ROOT = "sample-courses/";
    static final String OWNER = "progy";

    private final ProgyProperties properties;
    private final AccountService accounts;
    private final PublishService publisher;
    private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

    SampleCoursePublisher(ProgyProperties properties, AccountService accounts, PublishService publisher) {
        this.properties = properties;
        this.accounts = accounts;
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.publishSampleCourses()) {
            return;
        }
        Resource[] manifests = resources.getResources("classpath*:" + ROOT + "*/course.json");
        if (manifests.length == 0) {
            log.info("no sample course bundled; skipping sample publishing");
            return;
        }
        for (Resource manifest : manifests) {
            String dir = courseDirectory(manifest);
            try {
                publishIfAbsent(dir);
            } catch (Exception e) {
                log.warn("could not publish the sample course in {}{}: {}", ROOT, dir, e.getMessage());
            }
        }
    }

    // Start-up work, not a request path: blocking on the service's Mono is fine here.
    private void publishIfAbsent(String dir) throws IOException {
        Path work = Files.createTempDirectory(tempRoot(), "sample-");
        try {
            Path tree = work.resolve("course");
            extract(dir, tree);
            CourseManifest manifest = CourseManifest.read(tree.resolve("course.json"));
            if (!manifest.courseName().scope().equals(OWNER)) {
                log.warn("sample course {} is not under @{}; skipped", manifest.name(), OWNER);
                return;
            }
            if (Boolean.TRUE.equals(publisher
                    .isPublished(manifest.courseName(), manifest.version())
                    .block(Duration.ofMinutes(1)))) {
                return;
            }
            Path archive = work.resolve("course.progy");
            CoursePacker.pack(tree, archive);
            Caller owner = AccountService.systemCaller(
                    accounts.systemUser(OWNER).block(Duration.ofMinutes(1)), Caller.SCOPE_PUBLISH);
            var published = publisher.publishArchive(owner, archive).block(Duration.ofMinutes(5));
            log.info("published sample course {}@{}", published.name(), published.version());
        } finally {
            deleteRecursively(work);
        }
    }

    /** Copies every bundled file of {@code sample-courses/<dir>/} into {@code target}. */
    private void extract(String dir, Path target) throws IOException {
        String prefix = ROOT + dir + "/";
        for (Resource resource : resources.getResources("classpath*:" + prefix + "**")) {
            if (!resource.isReadable() || resource.getURL().toString().endsWith("/")) {
                continue;
            }
            String url = decode(resource.getURL().toString());
            int at = url.lastIndexOf(prefix);
            if (at < 0) {
                continue;
            }
            Path file = target.resolve(url.substring(at + prefix.length())).normalize();
            if (!file.startsWith(target)) {
                continue;
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = resource.getInputStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String courseDirectory(Resource manifest) throws IOException {
        String url = decode(manifest.getURL().toString());
        String withoutFile = url.substring(0, url.length() - "/course.json".length());
        return withoutFile.substring(withoutFile.lastIndexOf('/') + 1);
    }

    private Path tempRoot() throws IOException {
        return Files.createDirectories(properties.tempDir());
    }

    private static String decode(String url) {
        return URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort; the temp dir is under the data dir's tmp/
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
