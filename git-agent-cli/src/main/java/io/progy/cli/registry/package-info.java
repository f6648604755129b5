/**
 * The registry as instructors and students see it: {@code pack}, {@code publish}, {@code search}, {@code info},
 * {@code yank}, the typed registry endpoints ({@link io.progy.cli.registry.RegistryApi}) and course references
 * on the command line ({@link io.progy.cli.registry.CourseRef}).
 */
package io.progy.cli.registry;
