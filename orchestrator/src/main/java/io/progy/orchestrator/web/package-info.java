/**
 * Server-rendered pages (Mustache templates in {@code templates/}, one shared layout and stylesheet
 * {@code /css/progy.css}): sign-in with a password or GitHub, the {@code /device} approval page, the account
 * page. Plain HTML forms that work without JavaScript, CSRF-protected by {@link io.progy.orchestrator.web.Pages}.
 */
package io.progy.orchestrator.web;
