package io.progy.orchestrator.registry;

import io.progy.format.CourseName;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What other features may ask the registry: whether a course exists. */
@Component
public class CourseCatalog {

    private final RegistryRepository repository;

    CourseCatalog(RegistryRepository repository) {
        this.repository = repository;
    }

    /** True when the course has at least one published (ready) version, yanked or not. */
    public Mono<Boolean> isPublished(CourseName course) {
        return repository
                .findPackage(CourseKey.of(course))
                .flatMap(found -> repository.readyVersions(found.id()).hasElements())
                .defaultIfEmpty(false);
    }
}
