/**
 * The HTTP client of the Progy API ({@link io.progy.cli.http.HttpApi}: java.net.http plus Jackson in
 * snake_case): bearer token, {@code User-Agent: progy/<version>}, timeouts, streamed uploads and downloads,
 * and RFC 9457 problems mapped once to exit codes.
 */
package io.progy.cli.http;
