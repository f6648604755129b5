/**
 * Server-rendered pages (Mustache templates in {@code templates/}, one shared layout, stylesheet
 * {@code /css/progy.css} and an optional script {@code /js/progy.js} for copy buttons): sign-in with a password or
 * GitHub, the {@code /device} approval page, the account page with API tokens, the course catalogue and course pages,
 * the student's dashboard and the owner's course analytics. They call the services directly (registry, progress,
 * git, tokens), never the HTTP API. Plain HTML forms that work without JavaScript, CSRF-protected by
 * {@link io.progy.orchestrator.web.Pages}.
 */
package io.progy.orchestrator.web;
