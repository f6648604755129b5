/**
 * End-to-end tests: the real orchestrator started in-process on a random port (on H2 + local storage, and on
 * PostgreSQL + S3 through s3proxy), driven by the real CLI main as an instructor and a student would, with
 * assertions on what they see: output, exit codes, files on disk and Git history. Also the real launcher.
 */
package io.progy.cli.e2e;
