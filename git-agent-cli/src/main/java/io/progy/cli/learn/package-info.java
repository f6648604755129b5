/**
 * The student's loop, offline: {@code test}, {@code watch}, {@code status}/{@code list}, {@code hint}, {@code next},
 * {@code reset} and {@code quiz}. {@code StudentCourse} finds the course from the working directory, knows the current
 * exercise and keeps progress in {@code .progy/state.json}; checks run through {@code io.progy.cli.check}.
 */
package io.progy.cli.learn;
