package io.progy.cli.start;

import com.fasterxml.jackson.databind.JsonNode;
import io.progy.cli.CliException;
import io.progy.cli.check.SetupChecks;
import io.progy.cli.learn.LearningSession;
import io.progy.cli.learn.LocalSettings;
import io.progy.cli.learn.QuizAnswers;
import io.progy.format.CheckResult;
import io.progy.format.Exercise;
import io.progy.format.Quiz;
import io.progy.format.RunnerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages and JSON API of {@code progy start}, on top of a {@link LearningSession} (the course, checks, file
 * watching), a {@link ProgressGit} (the git panel) and an {@link EventHub} (live updates).
 *
 * <pre>
 * GET  /                     the page (index.html; the UI is app.js)
 * GET  /api/course           the map: modules, exercises with done / current / locked / pending, runners, settings
 * GET  /api/exercise?id=     one exercise: README as HTML, files, hints shown, last result
 * POST /api/watch            {exercise}: check it again whenever one of its files is saved
 * POST /api/run              {exercise}: check it now (output and result arrive as events)
 * POST /api/hint             {exercise}: reveal one more hint
 * GET  /api/quiz?id=         the quiz, without its answers;  POST /api/quiz {exercise, answers}: grade and record
 * POST /api/open             {path, line}: open a file of the course in the student's editor
 * GET  /api/git              recent commits, not uploaded, last sync;  POST /api/git/save, /api/git/sync
 * GET  /api/setup            the setup checks and guide;  POST /api/setup/run: run them
 * GET  /api/settings         runner and theme;  POST /api/settings
 * GET  /api/cover, /api/asset?path=   the course's cover image, images its Markdown shows
 * GET  /api/events           server-sent events: check-started, output, check-finished
 * </pre>
 */
final class LearnApi {
    private static final Map<String, String> IMAGE_TYPES = Map.of(
            "png",
            "image/png",
            "jpg",
            "image/jpeg",
            "jpeg",
            "image/jpeg",
            "gif",
            "image/gif",
            "svg",
            "image/svg+xml",
            "webp",
            "image/webp",
            "ico",
            "image/x-icon");
    private static final Map<String, byte[]> ASSETS = new java.util.concurrent.ConcurrentHashMap<>();

    private final LearningSession session;
    private final ProgressGit git;
    private final EventHub events;
    private final Map<String, String> env;

    LearnApi(LearningSession session, ProgressGit git, EventHub events, Map<String, String> env) {
        this.session = session;
        this.git = git;
        this.events = events;
        this.env = env;
    }

    /** Tells the pages what the session's checks do. */
    static LearningSession.Events relay(EventHub hub) {
        return relay(hub, exercise -> {});
    }

    /** The same, and {@code firstPass} told of each exercise that passes for the first time. */
    static LearningSession.Events relay(EventHub hub, java.util.function.Consumer<Exercise> firstPass) {
        return new LearningSession.Events() {
            @Override
            public void checkStarted(Exercise exercise, LearningSession.Trigger trigger, RunnerSpec runner) {
                var data = new LinkedHashMap<String, Object>();
                data.put("exercise", exercise.id());
                data.put("trigger", trigger.name().toLowerCase(Locale.ROOT));
                data.put("runner", runner.label());
                hub.publish("check-started", data);
            }

            @Override
            public void output(Exercise exercise, String text) {
                hub.publish("output", Map.of("exercise", exercise.id(), "text", text));
            }

            @Override
            public void checkFinished(Exercise exercise, CheckResult result) {
                var data = new LinkedHashMap<String, Object>();
                data.put("exercise", exercise.id());
                data.put("result", result(result));
                hub.publish("check-finished", data);
            }

            @Override
            public void passedFirstTime(Exercise exercise) {
                firstPass.accept(exercise);
            }
        };
    }

    void register(LearnServer server) {
        server.route("GET", "/", r -> r.bytes("text/html; charset=utf-8", asset("index.html")));
        server.route("GET", "/assets/app.js", r -> r.bytes("text/javascript; charset=utf-8", asset("app.js")));
        server.route("GET", "/assets/app.css", r -> r.bytes("text/css; charset=utf-8", asset("app.css")));
        server.route("GET", "/api/course", r -> r.json(course()));
        server.route("GET", "/api/exercise", r -> r.json(exercise(session.exercise(r.param("id")))));
        server.route("POST", "/api/watch", r -> {
            session.watch(exerciseOf(r));
            r.json(Map.of("watching", true));
        });
        server.route("POST", "/api/run", r -> {
            session.check(exerciseOf(r));
            r.json(Map.of("queued", true));
        });
        server.route("POST", "/api/hint", r -> r.json(hints(exerciseOf(r), true)));
        server.route("GET", "/api/quiz", r -> r.json(quiz(session.exercise(r.param("id")))));
        server.route("POST", "/api/quiz", r -> r.json(answerQuiz(r)));
        server.route("POST", "/api/open", r -> r.json(open(r.body())));
        server.route("GET", "/api/git", r -> r.json(gitStatus()));
        server.route("POST", "/api/git/save", r -> {
            var message = r.body().path("message").asText(null);
            r.json(git.save(message));
        });
        server.route("POST", "/api/git/sync", r -> r.json(git.sync()));
        server.route("GET", "/api/setup", r -> r.json(setup(false)));
        server.route("POST", "/api/setup/run", r -> r.json(setup(true)));
        server.route("GET", "/api/settings", r -> r.json(session.settings()));
        server.route("POST", "/api/settings", r -> {
            var body = r.body();
            var current = session.settings();
            var runner = body.has("runner") ? textOrNull(body.get("runner")) : current.runner();
            var theme = body.has("theme") ? textOrNull(body.get("theme")) : current.theme();
            if (theme != null && !LocalSettings.THEMES.contains(theme)) {
                throw CliException.usage("theme must be one of " + LocalSettings.THEMES);
            }
            session.saveSettings(new LocalSettings(runner, theme));
            r.json(session.settings());
        });
        server.route("GET", "/api/cover", r -> {
            var cover = session.manifest().branding().coverImage();
            if (cover == null) {
                throw CliException.usage("no exercise cover: this course has no branding.coverImage");
            }
            image(r, cover);
        });
        server.route("GET", "/api/asset", r -> image(r, r.param("path")));
        server.route("GET", "/api/events", r -> events.stream(r.exchange()));
    }

    private Exercise exerciseOf(LearnServer.Request request) throws IOException {
        var id = request.body().path("exercise").asText("");
        if (id.isBlank()) {
            throw CliException.usage("missing exercise");
        }
        return session.exercise(id);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private Map<String, Object> course() {
        var manifest = session.manifest();
        var json = new LinkedHashMap<String, Object>();
        json.put("name", manifest.name());
        json.put("version", manifest.version());
        json.put("description", manifest.description());
        json.put("cover", manifest.branding().coverImage() == null ? null : "/api/cover");
        var runners = new ArrayList<Map<String, Object>>();
        for (var runner : manifest.runners()) {
            runners.add(Map.of(
                    "id",
                    runner.id(),
                    "label",
                    runner.label(),
                    "type",
                    runner.type().json()));
        }
        json.put("runners", runners);
        json.put("runner", runnerId());
        json.put("settings", session.settings());
        var counts = session.doneAndRequired();
        json.put("done", counts[0]);
        json.put("total", counts[1]);
        json.put("current", session.current().map(Exercise::id).orElse(null));
        json.put("has_setup", manifest.setup().isPresent());
        var modules = new ArrayList<Map<String, Object>>();
        for (var module : session.map()) {
            var exercises = new ArrayList<Map<String, Object>>();
            for (var status : module.exercises()) {
                var exercise = status.exercise();
                var item = new LinkedHashMap<String, Object>();
                item.put("id", exercise.id());
                item.put("name", exercise.name());
                item.put("title", exercise.title());
                item.put("status", status.status());
                item.put("lock_reason", status.lockReason());
                item.put("attempts", status.attempts());
                item.put("has_quiz", exercise.quiz() != null);
                exercises.add(item);
            }
            var item = new LinkedHashMap<String, Object>();
            item.put("id", module.id());
            item.put("title", module.title());
            item.put("done", module.done());
            item.put("total", module.total());
            item.put("exercises", exercises);
            modules.add(item);
        }
        json.put("modules", modules);
        return json;
    }

    private String runnerId() {
        try {
            return session.runnerSpec().id();
        } catch (CliException e) {
            return null; // a course without a runner: the page says so when a check is asked for
        }
    }

    private Map<String, Object> exercise(Exercise exercise) throws IOException {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", exercise.id());
        json.put("name", exercise.name());
        json.put("title", exercise.title());
        json.put("path", exercise.path());
        json.put("module", exercise.module());
        var status = session.map().stream()
                .flatMap(m -> m.exercises().stream())
                .filter(s -> s.exercise().equals(exercise))
                .findFirst()
                .orElseThrow();
        json.put("status", status.status());
        json.put("lock_reason", status.lockReason());
        var readme = exercise.readme() == null
                ? "<p>This exercise has no README.md.</p>"
                : Markdown.html(
                        Files.readString(exercise.readme(), StandardCharsets.UTF_8), session.root(), exercise.readme());
        json.put("readme_html", readme);
        var files = new ArrayList<Map<String, Object>>();
        for (var file : session.files(exercise)) {
            var item = new LinkedHashMap<String, Object>();
            item.put("path", file.path());
            item.put("size", file.size());
            item.put(
                    "html",
                    file.text() == null ? null : Highlighter.html(file.text(), LearningSession.language(file.path())));
            files.add(item);
        }
        json.put("files", files);
        json.put("hints", hints(exercise, false));
        json.put("has_quiz", exercise.quiz() != null);
        json.put("quiz_score", session.quizScore(exercise).orElse(null));
        json.put(
                "last_result",
                session.lastResult(exercise).map(LearnApi::result).orElse(null));
        var all = session.map().stream().flatMap(m -> m.exercises().stream()).toList();
        var index = all.indexOf(status);
        json.put("previous", index > 0 ? all.get(index - 1).exercise().id() : null);
        json.put("next", index + 1 < all.size() ? all.get(index + 1).exercise().id() : null);
        return json;
    }

    private Map<String, Object> quizScore(Exercise exercise) {
        return session.quizScore(exercise)
                .map(score -> {
                    var json = new LinkedHashMap<String, Object>();
                    json.put("correct", score.correct());
                    json.put("total", score.total());
                    json.put("taken_at", score.takenAt().toString());
                    return (Map<String, Object>) json;
                })
                .orElse(null);
    }

    private Map<String, Object> gitStatus() {
        var status = git.status(15);
        var json = new LinkedHashMap<String, Object>();
        json.put("repository", status.repository());
        json.put("branch", status.branch());
        var recent = new ArrayList<Map<String, Object>>();
        for (var commit : status.recent()) {
            var item = new LinkedHashMap<String, Object>();
            item.put("id", commit.id());
            item.put("short_id", commit.shortId());
            item.put("message", commit.message());
            item.put("when", commit.when().toString());
            item.put("uploaded", commit.uploaded());
            recent.add(item);
        }
        json.put("recent", recent);
        json.put("not_uploaded", status.notUploaded());
        json.put("changed_files", status.changedFiles());
        json.put(
                "last_sync",
                status.lastSync() == null ? null : status.lastSync().toString());
        json.put("note", status.note());
        return json;
    }

    private Map<String, Object> hints(Exercise exercise, boolean reveal) throws IOException {
        var hints = reveal ? session.revealHint(exercise) : session.hints(exercise);
        var json = new LinkedHashMap<String, Object>();
        json.put(
                "shown",
                hints.shown().stream()
                        .map(text -> Markdown.html(text, session.root(), exercise.hints()))
                        .toList());
        json.put("total", hints.total());
        return json;
    }

    /** A check result for the page: results.json's keys, with each diagnostic's {@code file:line}. */
    static Map<String, Object> result(CheckResult result) {
        var json = new LinkedHashMap<String, Object>();
        json.put("status", result.status().json());
        json.put("message", result.message());
        var tests = new ArrayList<Map<String, Object>>();
        for (var test : result.tests()) {
            var item = new LinkedHashMap<String, Object>();
            item.put("name", test.name());
            item.put("status", test.status().json());
            item.put("message", test.message());
            item.put("output", test.output());
            tests.add(item);
        }
        json.put("tests", tests);
        var diagnostics = new ArrayList<Map<String, Object>>();
        for (var diagnostic : result.diagnostics()) {
            var item = new LinkedHashMap<String, Object>();
            item.put("severity", diagnostic.severity().json());
            item.put("message", diagnostic.message());
            item.put("file", diagnostic.file());
            item.put("line", diagnostic.line());
            item.put("location", diagnostic.location());
            item.put("snippet", diagnostic.snippet());
            diagnostics.add(item);
        }
        json.put("diagnostics", diagnostics);
        return json;
    }

    /** The quiz as the page shows it: no answers. */
    private Map<String, Object> quiz(Exercise exercise) throws IOException {
        var quiz = session.quiz(exercise).orElseThrow(() -> CliException.usage(exercise.name() + " has no quiz"));
        var json = new LinkedHashMap<String, Object>();
        json.put("title", quiz.title());
        json.put("description", quiz.description());
        var questions = new ArrayList<Map<String, Object>>();
        for (var question : quiz.questions()) {
            var item = new LinkedHashMap<String, Object>();
            item.put("id", question.id());
            item.put("type", question.type());
            item.put("question", question.question());
            if (question instanceof Quiz.MultipleChoice choice) {
                item.put(
                        "options",
                        choice.options().stream()
                                .map(Quiz.MultipleChoice.Option::text)
                                .toList());
                item.put("multiple", choice.multipleAnswers());
            } else if (question instanceof Quiz.Matching matching) {
                item.put(
                        "lefts",
                        matching.pairs().stream().map(Quiz.Matching.Pair::left).toList());
                item.put("rights", QuizAnswers.offeredRights(matching));
            } else if (question instanceof Quiz.Essay essay) {
                item.put("type", essay.type());
                item.put("min_words", essay.minWords());
                item.put("starting_code", essay.startingCode());
            }
            questions.add(item);
        }
        json.put("questions", questions);
        json.put("score", quizScore(exercise));
        return json;
    }

    private QuizAnswers.Result answerQuiz(LearnServer.Request request) throws IOException {
        var body = request.body();
        var exercise = session.exercise(body.path("exercise").asText(""));
        var answers = new LinkedHashMap<String, JsonNode>();
        body.path("answers").fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue()));
        return session.answerQuiz(exercise, answers);
    }

    private Editors.Opened open(JsonNode body) throws IOException {
        var file = courseFile(body.path("path").asText(""));
        if (!Files.isRegularFile(file)) {
            throw CliException.usage(
                    "not a file of the course: " + body.path("path").asText(""));
        }
        var line = body.path("line").isIntegralNumber() ? body.get("line").intValue() : null;
        return Editors.open(env, file, line);
    }

    /**
     * A path of the course, as a real path that lies inside it and outside {@code .git} and {@code .progy}; exit 2
     * (400) otherwise. Diagnostics may name files relative to the exercise or the course: both are tried.
     */
    private Path courseFile(String relative) throws IOException {
        var root = session.root().toRealPath();
        if (relative.isBlank() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0")) {
            throw CliException.usage("a path inside the course is needed, not '" + relative + "'");
        }
        var file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CliException.usage("not a file of the course: " + relative);
        }
        var real = file.toRealPath();
        var inside = root.relativize(real);
        if (!real.startsWith(root)
                || inside.getNameCount() == 0
                || inside.getName(0).toString().equals(".git")
                || inside.getName(0).toString().equals(".progy")) {
            throw CliException.usage("not a file of the course: " + relative);
        }
        return real;
    }

    private void image(LearnServer.Request request, String relative) throws IOException {
        var file = courseFile(relative);
        var name = file.getFileName().toString();
        var type = IMAGE_TYPES.get(LearningSession.language(name));
        if (type == null || !Files.isRegularFile(file) || Files.size(file) > 10L * 1024 * 1024) {
            throw CliException.usage("not an image of the course: " + relative);
        }
        if (type.equals("image/svg+xml")) {
            // an SVG may carry script: opened on its own it must not run any
            request.exchange().getResponseHeaders().set("Content-Security-Policy", "sandbox; default-src 'none'");
        }
        request.bytes(type, Files.readAllBytes(file));
    }

    private Map<String, Object> setup(boolean run) throws IOException {
        var json = new LinkedHashMap<String, Object>();
        var setup = session.manifest().setup();
        if (setup.isEmpty()) {
            json.put("checks", List.of());
            json.put("guide_html", null);
            json.put("all_passed", true);
            return json;
        }
        var checks = new ArrayList<Map<String, Object>>();
        var allPassed = true;
        if (run) {
            for (var outcome : SetupChecks.run(setup.get(), session.root(), env)) {
                var item = new LinkedHashMap<String, Object>();
                item.put("name", outcome.name());
                item.put("passed", outcome.passed());
                item.put("output", outcome.output());
                item.put("solution", outcome.solution());
                checks.add(item);
                allPassed &= outcome.passed();
            }
        } else {
            for (var check : setup.get().checks()) {
                var item = new LinkedHashMap<String, Object>();
                item.put("name", check.name());
                item.put("command", String.join(" ", check.command()));
                item.put("passed", null);
                checks.add(item);
            }
        }
        json.put("checks", checks);
        json.put("all_passed", run ? allPassed : null);
        var guide = setup.get().guide();
        String guideHtml = null;
        if (guide != null) {
            var file = courseFile(guide);
            guideHtml = Markdown.html(
                    Files.readString(file, StandardCharsets.UTF_8),
                    session.root().toRealPath(),
                    file);
        }
        json.put("guide_html", guideHtml);
        return json;
    }

    private static byte[] asset(String name) {
        return ASSETS.computeIfAbsent(name, n -> {
            try (InputStream in = LearnApi.class.getResourceAsStream("assets/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("missing asset " + n + " in the progy jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
