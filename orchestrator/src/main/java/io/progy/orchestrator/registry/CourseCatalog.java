package io.progy.orchestrator.registry;

import io.progy.format.CourseName;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What other features may ask the registry: whether a course exists, who owns it, which versions it has. */
@Component
public class CourseCatalog {

    /**
     * A course with at least one published version.
     *
     * @param id the package's id, which other features' rows refer to
     * @param ownerId the user who owns the course's scope
     * @param versions every published version, yanked ones included
     */
    public record PublishedCourse(long id, long ownerId, CourseName name, Set<String> versions) {}

    private final RegistryRepository repository;
    private final CourseCache cache;

    CourseCatalog(RegistryRepository repository, CourseCache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    /** The course named by URL path segments ({@code scope} with or without {@code @}); 400 INVALID_NAME if bad. */
    public static CourseName nameFromPath(String scope, String slug) {
        CourseKey key = CourseKey.fromPath(scope, slug);
        return new CourseName(key.scope(), key.slug());
    }

    /**
     * The published course, from the registry's in-memory cache (a course published on another node may take
     * the cache's TTL to appear); empty when no version of it is published.
     */
    public Mono<PublishedCourse> find(CourseName course) {
        CourseKey key = CourseKey.of(course);
        return cache.get(key)
                .flatMap(found -> Mono.justOrEmpty(found.map(entry -> new PublishedCourse(
                        entry.pkg().id(),
                        entry.pkg().ownerId(),
                        course,
                        entry.byVersion().keySet()))));
    }

    /**
     * True when the course has at least one published (ready) version, yanked or not. A course the cache holds
     * is answered from memory; an absence is always checked in the database, so a course just published on
     * another node is found at once.
     */
    public Mono<Boolean> isPublished(CourseName course) {
        return find(course).hasElement().flatMap(cached -> cached ? Mono.just(true) : isPublishedInDatabase(course));
    }

    private Mono<Boolean> isPublishedInDatabase(CourseName course) {
        return repository
                .findPackage(CourseKey.of(course))
                .flatMap(found -> repository.readyVersions(found.id()).hasElements())
                .defaultIfEmpty(false);
    }
}
