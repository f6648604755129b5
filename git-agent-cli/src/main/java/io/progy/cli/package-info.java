/**
 * The {@code progy} command line: {@link io.progy.cli.Progy} (entry point and {@code execute} for tests), the
 * shared picocli mixins ({@link io.progy.cli.ServerOptions}, {@link io.progy.cli.OutputOptions}), the exit-code
 * table ({@link io.progy.cli.ExitCode}) and the stdout/stderr discipline ({@link io.progy.cli.Output}). Feature
 * packages hold one class per subcommand; classes here stay light because every run, {@code --version}
 * included, loads them.
 */
package io.progy.cli;
