package io.progy.orchestrator.git;

import io.progy.format.CourseName;
import java.net.URI;

/**
 * A student's repository for one course.
 *
 * @param course the course it holds progress for
 * @param name the repository name, {@code progy-<scope>-<slug>}
 * @param url where git clones it from: absolute, or a path on this server (resolve it against the request)
 * @param created whether this call created it
 */
public record RepoRef(CourseName course, String name, URI url, boolean created) {}
