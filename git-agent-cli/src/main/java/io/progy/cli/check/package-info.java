/**
 * Running an exercise's check: {@code CheckRunner} picks a local process or a Docker container from the course's
 * {@code runner} and always returns a {@code results.json} v3 result. {@code CheckProcess} runs one command without
 * a shell, with a scrubbed environment ({@code CheckEnvironment}), a timeout that ends the whole process tree and a
 * hard cap on the output it keeps.
 */
package io.progy.cli.check;
