/**
 * Git-backed progress: provisioning a personal repository per student and course through the {@link io.progy.orchestrator.git.GitProvider} port ({@code POST /v1/git/ensure-repo}), short-lived git credentials bound to that one repository ({@code POST /v1/git/credentials}), and the builtin git host, which serves bare repositories under the data dir over Git smart HTTP (JGit's {@code UploadPack} / {@code ReceivePack}, stateless, protocol v0 and v2, streamed on {@code boundedElastic}).
 */
package io.progy.orchestrator.git;
