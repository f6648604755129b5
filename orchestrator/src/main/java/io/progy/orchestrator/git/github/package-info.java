/**
 * The {@code github} git provider: one private repository per student and course in an organization the operator
 * configures, with the student (their linked GitHub login) added as a collaborator with push rights. Git credentials
 * are installation tokens of a GitHub App limited to the one repository, when an App is configured; GitHub offers no
 * such token to a personal access token, so without an App the credentials endpoint answers 501. GitHub is reached
 * only through kohsuke's {@code github-api} inside this package.
 */
package io.progy.orchestrator.git.github;
