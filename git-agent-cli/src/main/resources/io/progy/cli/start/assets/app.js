// Progy's local learning page: a small single-page app over progy start's JSON API and event stream.
// Plain DOM, no framework and no build step. Server-rendered HTML (READMEs, code, hints) is escaped on the server;
// everything else is set as text.
"use strict";

const main = document.getElementById("main");
window.progyPageLoads = (window.progyPageLoads || 0) + 1; // a reload would reset it: tests check it stays 1
let course = null;
let view = { name: "map" };

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "html") el.innerHTML = value; // server-escaped HTML only
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the children of {@code el}, leaving out null and flattening lists. */
function fill(el, ...children) {
  el.replaceChildren(...children.flat(2).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

async function api(path, body) {
  const options = { credentials: "same-origin", headers: { "Accept": "application/json" } };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function say(text) {
  document.getElementById("connection").textContent = text;
}

const darkScheme = window.matchMedia("(prefers-color-scheme: dark)");
let themeSetting = "system";

/** Applies the chosen theme; "system" follows the operating system's light or dark scheme. */
function applyTheme(theme) {
  themeSetting = theme || "system";
  document.documentElement.dataset.theme =
    themeSetting === "system" ? (darkScheme.matches ? "dark" : "light") : themeSetting;
}
darkScheme.addEventListener("change", () => applyTheme(themeSetting));

// ---- live events --------------------------------------------------------------------------------------------------

function connect() {
  const events = new EventSource("/api/events");
  events.onopen = () => say("");
  events.onerror = () => say("Reconnecting to progy…");
  events.addEventListener("check-started", (e) => {
    const data = JSON.parse(e.data);
    if (view.name === "exercise" && view.id === data.exercise) {
      showRunning(data.trigger === "save" ? "A file was saved: checking again…" : "Checking with " + data.runner + "…");
    }
  });
  events.addEventListener("output", (e) => {
    const data = JSON.parse(e.data);
    if (view.name === "exercise" && view.id === data.exercise) {
      const output = document.getElementById("output");
      if (output) {
        output.hidden = false;
        output.textContent += data.text;
        output.scrollTop = output.scrollHeight;
      }
    }
  });
  events.addEventListener("check-finished", async (e) => {
    const data = JSON.parse(e.data);
    await refreshCourse();
    if (view.name === "exercise" && view.id === data.exercise) {
      showResult(data.result);
      updateExerciseStatus();
    } else if (view.name === "map") {
      renderMap();
    }
  });
}

async function refreshCourse() {
  course = await api("/api/course");
  document.getElementById("course-name").textContent = course.name + " " + course.version;
  applyTheme(course.settings.theme);
  return course;
}

// ---- routing ------------------------------------------------------------------------------------------------------

async function route() {
  const hash = location.hash || "#/";
  const parts = hash.slice(2).split("/");
  if (parts[0] === "exercise") view = { name: "exercise", id: decodeURIComponent(parts.slice(1).join("/")) };
  else if (["git", "setup", "settings"].includes(parts[0])) view = { name: parts[0] };
  else view = { name: "map" };
  for (const link of document.querySelectorAll("[data-nav]")) {
    link.toggleAttribute("aria-current", false);
    if (link.dataset.nav === (view.name === "exercise" ? "map" : view.name)) link.setAttribute("aria-current", "page");
  }
  try {
    if (!course) await refreshCourse();
    if (view.name === "exercise") await renderExercise(view.id);
    else if (view.name === "git") await renderGit();
    else if (view.name === "setup") await renderSetup();
    else if (view.name === "settings") await renderSettings();
    else { await refreshCourse(); renderMap(); }
  } catch (error) {
    fill(main, h("h1", {}, "Something went wrong"), h("p", { role: "alert" }, error.message));
  }
  main.focus({ preventScroll: true });
}

// ---- the course map -----------------------------------------------------------------------------------------------

const STATUS_TEXT = { done: "Done", current: "Current", locked: "Locked", pending: "To do" };

function renderMap() {
  document.title = course.name + " · Progy";
  const percent = course.total ? Math.floor((100 * course.done) / course.total) : 100;
  const modules = course.modules.map((module) =>
    h("section", { class: "module", "aria-labelledby": "m-" + module.id },
      h("h2", { id: "m-" + module.id }, h("span", {}, module.title), h("span", { class: "muted" }, module.done + "/" + module.total)),
      h("ul", { class: "exercises" }, module.exercises.map((exercise) =>
        h("li", { dataset: { exercise: exercise.id, status: exercise.status } },
          h("span", { class: "badge " + exercise.status }, STATUS_TEXT[exercise.status] || exercise.status),
          exercise.status === "locked"
            ? h("span", { class: "locked-title", title: exercise.lock_reason }, exercise.title,
                h("span", { class: "muted" }, " — locked: " + exercise.lock_reason))
            : h("a", { href: "#/exercise/" + encodeURIComponent(exercise.id) }, exercise.title),
          exercise.has_quiz ? h("span", { class: "muted" }, "· quiz") : null)))));
  fill(main, 
    course.cover ? h("img", { class: "cover", src: course.cover, alt: "" }) : null,
    h("h1", {}, course.name),
    course.description ? h("p", { class: "muted" }, course.description) : null,
    h("p", { id: "summary" }, course.done + " of " + course.total + " exercises done (" + percent + "%)"),
    h("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": percent,
      "aria-label": "Course progress" }, h("span", { style: null, dataset: { percent } })),
    course.current
      ? h("p", {}, h("a", { class: "continue", href: "#/exercise/" + encodeURIComponent(course.current) }, "Continue where you left off →"))
      : h("p", { class: "ok" }, "Every exercise is done. Well done!"),
    modules);
  const bar = main.querySelector(".progress > span");
  if (bar) bar.style.width = percent + "%"; // set through the DOM: the page's policy allows no inline style
}

// ---- an exercise --------------------------------------------------------------------------------------------------

async function renderExercise(id) {
  const exercise = await api("/api/exercise?id=" + encodeURIComponent(id));
  document.title = exercise.title + " · Progy";
  const locked = exercise.status === "locked";
  const runner = course.runners.find((r) => r.id === course.runner);
  const files = h("ul", { class: "files tests" }, exercise.files.map((file) =>
    h("li", {},
      h("div", { class: "file-head" }, h("code", {}, file.path),
        h("button", { type: "button", onclick: () => openInEditor(file.path) }, "Open in editor")),
      file.html === null ? h("p", { class: "muted" }, "(not shown: binary or large)")
        : h("details", {}, h("summary", {}, "Show the file"), h("pre", {}, h("code", { html: file.html }))))));
  fill(main, 
    h("p", {}, h("a", { href: "#/" }, "← Course map")),
    h("h1", {}, exercise.title, " ", h("span", { id: "exercise-status", class: "badge " + exercise.status }, STATUS_TEXT[exercise.status])),
    locked ? h("p", { class: "notice", role: "note" }, "Locked: " + exercise.lock_reason + ".") : null,
    h("div", { class: "toolbar" },
      h("button", { id: "run", class: "primary", type: "button", disabled: locked, onclick: () => run(exercise.id) }, "Run"),
      h("span", { class: "muted" }, runner ? "Runner: " + runner.label : "This course has no runner"),
      h("span", { class: "muted" }, "Saving a file checks it again."),
      exercise.next ? h("a", { id: "next", href: "#/exercise/" + encodeURIComponent(exercise.next) }, "Next exercise →") : null),
    h("div", { class: "layout" },
      h("article", { class: "readme", "aria-label": "Instructions", html: exercise.readme_html }),
      h("div", {},
        h("section", { id: "result", class: "result", role: "status", "aria-live": "polite", dataset: { status: "none" } },
          h("p", { class: "headline" }, "Not checked yet in this session."), h("p", { class: "muted" }, "Press Run, or save a file.")),
        h("pre", { id: "output", class: "output", hidden: true, "aria-label": "Output of the check" }),
        h("section", { class: "panel", "aria-labelledby": "files-h" }, h("h2", { id: "files-h" }, "Files"), files),
        hintsPanel(exercise),
        exercise.has_quiz ? h("section", { id: "quiz", class: "panel", "aria-labelledby": "quiz-h" },
          h("h2", { id: "quiz-h" }, "Quiz"),
          exercise.quiz_score ? h("p", { class: "muted" }, "Last score: " + exercise.quiz_score.correct + " of " + exercise.quiz_score.total) : null,
          h("button", { id: "take-quiz", type: "button", onclick: () => loadQuiz(exercise.id) }, "Take the quiz")) : null)));
  if (exercise.last_result) showResult(exercise.last_result);
  if (!locked) api("/api/watch", { exercise: exercise.id }).catch(() => {});
}

function hintsPanel(exercise) {
  const list = h("ol", { id: "hints" }, exercise.hints.shown.map((hint) => h("li", { html: hint })));
  const more = exercise.hints.shown.length < exercise.hints.total;
  return h("section", { class: "panel", "aria-labelledby": "hints-h" },
    h("h2", { id: "hints-h" }, "Hints"),
    exercise.hints.total === 0 ? h("p", { class: "muted" }, "No hints for this exercise.") : list,
    exercise.hints.total > 0 ? h("button", { id: "hint", type: "button", disabled: !more, onclick: async (e) => {
      const hints = await api("/api/hint", { exercise: exercise.id });
      fill(list, hints.shown.map((hint) => h("li", { html: hint })));
      e.target.disabled = hints.shown.length >= hints.total;
      e.target.textContent = e.target.disabled ? "No more hints" : "Show hint " + (hints.shown.length + 1) + " of " + hints.total;
      list.lastElementChild && list.lastElementChild.setAttribute("tabindex", "-1");
      list.lastElementChild && list.lastElementChild.focus();
    } }, more ? "Show hint " + (exercise.hints.shown.length + 1) + " of " + exercise.hints.total : "No more hints") : null);
}

async function run(id) {
  const button = document.getElementById("run");
  button.disabled = true;
  try {
    showRunning("Checking…");
    await api("/api/run", { exercise: id });
  } catch (error) {
    showResult({ status: "error", message: error.message, tests: [], diagnostics: [] });
  } finally {
    button.disabled = false;
  }
}

function showRunning(text) {
  const result = document.getElementById("result");
  const output = document.getElementById("output");
  if (!result) return;
  result.dataset.status = "running";
  fill(result, h("p", { class: "headline" }, text));
  if (output) { output.textContent = ""; output.hidden = true; }
}

function showResult(result) {
  const box = document.getElementById("result");
  if (!box) return;
  box.dataset.status = result.status;
  const headline = { pass: "✓ Passed", fail: "✗ Not yet: the check failed", error: "! The check could not finish" }[result.status];
  const failed = result.tests.filter((t) => t.status !== "pass").length;
  fill(box, 
    h("p", { class: "headline" }, headline),
    result.message ? h("p", {}, result.message) : null,
    result.tests.length ? h("ul", { class: "tests", "aria-label": "Tests" }, result.tests.map((test) =>
      h("li", {}, h("span", { class: test.status === "pass" ? "ok" : "ko" }, test.status === "pass" ? "✓ " : "✗ "), test.name,
        test.message && test.status !== "pass" ? h("div", { class: "muted" }, test.message) : null,
        test.output && test.status !== "pass" ? h("pre", {}, test.output) : null))) : null,
    result.tests.length > 1 ? h("p", { class: "muted" }, (result.tests.length - failed) + " of " + result.tests.length + " tests pass") : null,
    result.diagnostics.length ? h("div", {}, h("h3", {}, "Diagnostics"),
      h("ul", { class: "diagnostics" }, result.diagnostics.map((d) =>
        h("li", {}, h("span", { class: d.severity === "error" ? "ko" : "warn" }, d.severity + " "),
          d.location ? h("button", { type: "button", class: "location", title: "Open in editor",
            onclick: () => openInEditor(d.file, d.line) }, d.location) : null,
          " ", d.message, d.snippet ? h("pre", {}, d.snippet) : null)))) : null,
    result.status === "pass" && document.getElementById("next") ? h("p", {}, h("a", { href: document.getElementById("next").getAttribute("href") }, "On to the next exercise →")) : null);
}

async function updateExerciseStatus() {
  const badge = document.getElementById("exercise-status");
  if (!badge || !course) return;
  for (const module of course.modules) {
    for (const exercise of module.exercises) {
      if (exercise.id === view.id) {
        badge.className = "badge " + exercise.status;
        badge.textContent = STATUS_TEXT[exercise.status];
      }
    }
  }
}

async function openInEditor(path, line) {
  try {
    const opened = await api("/api/open", { path, line: line || null });
    say(opened.message);
  } catch (error) {
    say(error.message);
  }
}

// ---- the quiz -----------------------------------------------------------------------------------------------------

async function loadQuiz(id) {
  const quiz = await api("/api/quiz?id=" + encodeURIComponent(id));
  const section = document.getElementById("quiz");
  const form = h("form", { id: "quiz-form" });
  quiz.questions.forEach((q, i) => {
    const name = "q-" + q.id;
    let input;
    if (q.type === "multiple-choice") {
      input = q.options.map((option, o) => h("label", { class: "choice" },
        h("input", { type: q.multiple ? "checkbox" : "radio", name, value: o }), " " + option));
    } else if (q.type === "true-false") {
      input = [h("label", { class: "choice" }, h("input", { type: "radio", name, value: "true" }), " True"),
               h("label", { class: "choice" }, h("input", { type: "radio", name, value: "false" }), " False")];
    } else if (q.type === "matching") {
      input = q.lefts.map((left, l) => h("div", { class: "match" },
        h("label", { for: name + "-" + l }, left),
        h("select", { id: name + "-" + l, name: name + "-" + l }, h("option", { value: "" }, "Choose…"),
          q.rights.map((right) => h("option", { value: right }, right)))));
    } else if (q.type === "essay" || q.type === "coding") {
      input = [h("textarea", { name, "aria-label": "Your answer" }, q.starting_code || ""),
               h("p", { class: "muted" }, "Recorded, not graded" + (q.min_words ? " · at least " + q.min_words + " words" : ""))];
    } else {
      input = h("input", { type: "text", name, "aria-label": "Your answer", autocomplete: "off" });
    }
    form.append(h("fieldset", { dataset: { question: q.id } }, h("legend", {}, (i + 1) + ". " + q.question), input,
      h("div", { class: "verdict", role: "status" })));
  });
  form.append(h("button", { id: "submit-quiz", class: "primary", type: "submit" }, "Check my answers"), h("p", { id: "quiz-score", role: "status" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answers = {};
    for (const q of quiz.questions) {
      const name = "q-" + q.id;
      if (q.type === "multiple-choice") {
        const picked = [...form.querySelectorAll("input[name='" + name + "']:checked")].map((i) => Number(i.value));
        answers[q.id] = q.multiple ? picked : (picked.length ? picked[0] : null);
      } else if (q.type === "true-false") {
        const picked = form.querySelector("input[name='" + name + "']:checked");
        answers[q.id] = picked ? picked.value === "true" : null;
      } else if (q.type === "matching") {
        answers[q.id] = q.lefts.map((_, l) => form.querySelector("[name='" + name + "-" + l + "']").value);
      } else {
        answers[q.id] = form.querySelector("[name='" + name + "']").value;
      }
    }
    const result = await api("/api/quiz", { exercise: id, answers });
    for (const verdict of result.verdicts) {
      const box = form.querySelector("fieldset[data-question='" + CSS.escape(verdict.id) + "'] .verdict");
      fill(box, 
        h("span", { class: verdict.correct === null ? "muted" : verdict.correct ? "ok" : "ko" },
          (verdict.correct === null ? "" : verdict.correct ? "✓ " : "✗ ") + verdict.feedback),
        verdict.explanation ? h("div", { class: "muted" }, verdict.explanation) : null);
    }
    document.getElementById("quiz-score").textContent = "Score: " + result.correct + " of " + result.total;
  });
  fill(section, h("h2", { id: "quiz-h" }, quiz.title || "Quiz"), quiz.description ? h("p", { class: "muted" }, quiz.description) : null, form);
}

// ---- progress (git) -----------------------------------------------------------------------------------------------

async function renderGit() {
  document.title = "Progress · Progy";
  const git = await api("/api/git");
  const message = h("input", { type: "text", id: "save-message", placeholder: "What you did (optional)", "aria-label": "Commit message" });
  const outcome = h("p", { id: "git-outcome", role: "status", "aria-live": "polite" });
  const act = async (path, body) => {
    try {
      const result = await api(path, body);
      await renderGit();
      document.getElementById("git-outcome").textContent = result.message;
    } catch (error) {
      outcome.textContent = error.message;
    }
  };
  fill(main, 
    h("h1", {}, "Your progress"),
    git.note ? h("p", { class: "notice" }, git.note) : null,
    git.repository ? h("p", {}, "Branch ", h("code", {}, git.branch || "?"), " · ",
      h("span", { id: "changed" }, git.changed_files + " changed file" + (git.changed_files === 1 ? "" : "s")), " · ",
      h("span", { id: "not-uploaded" }, git.not_uploaded + " commit" + (git.not_uploaded === 1 ? "" : "s") + " not yet uploaded"), " · ",
      "last sync: ", git.last_sync ? new Date(git.last_sync).toLocaleString() : "never") : null,
    h("div", { class: "toolbar" }, message,
      h("button", { id: "save", class: "primary", type: "button", onclick: () => act("/api/git/save", { message: message.value }) }, "Save"),
      h("button", { id: "sync", type: "button", onclick: () => act("/api/git/sync", {}) }, "Sync")),
    outcome,
    h("h2", {}, "Recent commits"),
    git.recent.length ? h("ul", { class: "commits", id: "commits" }, git.recent.map((c) =>
      h("li", {}, h("code", {}, c.id.slice(0, 7)), " ", c.message, " ",
        h("span", { class: "muted" }, new Date(c.when).toLocaleString() + (c.uploaded ? " · uploaded" : " · not uploaded")))))
      : h("p", { class: "muted" }, "No commits yet."));
}

// ---- setup --------------------------------------------------------------------------------------------------------

async function renderSetup(run) {
  document.title = "Setup · Progy";
  const setup = run ? await api("/api/setup/run", {}) : await api("/api/setup");
  const failed = setup.checks.some((c) => c.passed === false);
  fill(main, 
    h("h1", {}, "Setup"),
    setup.checks.length === 0 ? h("p", { class: "muted" }, "This course needs nothing beyond progy and its runner.") :
      h("div", {},
        h("ul", { class: "checks", id: "checks" }, setup.checks.map((c) => h("li", {},
          h("span", { class: c.passed === null ? "muted" : c.passed ? "ok" : "ko" }, c.passed === null ? "· " : c.passed ? "✓ " : "✗ "),
          c.name, c.command ? h("code", { class: "muted" }, "  " + c.command) : null,
          c.passed === false && c.solution ? h("p", {}, c.solution) : null,
          c.passed === false && c.output ? h("pre", {}, c.output) : null))),
        h("button", { id: "run-setup", class: "primary", type: "button", onclick: () => renderSetup(true) }, run ? "Run the checks again" : "Run the checks"),
        setup.all_passed === true ? h("p", { class: "ok", role: "status" }, "Everything this course needs is there.") : null),
    (failed || setup.checks.length === 0) && setup.guide_html ? h("section", { class: "panel", "aria-labelledby": "guide-h" },
      h("h2", { id: "guide-h" }, "Setup guide"), h("div", { class: "readme", html: setup.guide_html })) : null);
}

// ---- settings -----------------------------------------------------------------------------------------------------

async function renderSettings() {
  document.title = "Settings · Progy";
  const settings = await api("/api/settings");
  const status = h("p", { role: "status", id: "settings-status" });
  const save = async (change) => {
    try {
      const saved = await api("/api/settings", change);
      applyTheme(saved.theme);
      await refreshCourse();
      status.textContent = "Saved.";
    } catch (error) {
      status.textContent = error.message;
    }
  };
  const runners = h("fieldset", { class: "radio-list" }, h("legend", {}, "Runner"),
    course.runners.length === 0 ? h("p", { class: "muted" }, "This course has no runner.") : null,
    course.runners.map((r) => h("label", {},
      h("input", { type: "radio", name: "runner", value: r.id, checked: r.id === course.runner, onchange: () => save({ runner: r.id }) }),
      " " + r.label + " (" + r.type + ")")));
  const theme = h("select", { id: "theme", onchange: (e) => save({ theme: e.target.value }) },
    ["system", "light", "dark"].map((t) => h("option", { value: t, selected: settings.theme === t }, t[0].toUpperCase() + t.slice(1))));
  fill(main, h("h1", {}, "Settings"), runners,
    h("fieldset", {}, h("legend", {}, "Theme"), h("label", { for: "theme" }, "Colours "), theme), status);
}

window.addEventListener("hashchange", route);
connect();
route();
