package io.progy.orchestrator.registry;

import io.progy.format.CourseName;
import io.progy.orchestrator.error.ApiException;
import io.progy.orchestrator.error.ProblemCode;

/** A course's identity in URLs and caches: {@code @scope/slug}. */
record CourseKey(String scope, String slug) {

    static CourseKey of(CourseName name) {
        return new CourseKey(name.scope(), name.slug());
    }

    /** Validates path segments; bad ones answer 400 INVALID_NAME. */
    static CourseKey fromPath(String scope, String slug) {
        String scopeText = scope.startsWith("@") ? scope.substring(1) : scope;
        String name = "@" + scopeText + "/" + slug;
        CourseName.problem(name).ifPresent(problem -> {
            throw new ApiException(ProblemCode.INVALID_NAME, "invalid course name " + name + ": " + problem);
        });
        return new CourseKey(scopeText, slug);
    }

    String name() {
        return "@" + scope + "/" + slug;
    }

    /** Where a version's artifact is stored: {@code packages/@scope/slug/<version>.progy}. */
    String blobKey(String version) {
        return "packages/@" + scope + "/" + slug + "/" + version + ".progy";
    }

    String downloadPath(String version) {
        return "/v1/registry/download/" + scope + "/" + slug + "/" + version;
    }
}
