package io.progy.orchestrator.web;

import io.progy.format.CourseName;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.progress.ProgressApi.CourseStats;
import io.progy.orchestrator.progress.ProgressApi.ExerciseStats;
import io.progy.orchestrator.progress.ProgressService;
import io.progy.orchestrator.registry.CourseBrowser;
import io.progy.orchestrator.registry.CourseBrowser.CourseOverview;
import io.progy.orchestrator.registry.RegistryRecords.SearchHit;
import io.progy.orchestrator.registry.RegistryRecords.WeekDownloads;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The public side: {@code /}, the catalogue, a course's page, and its owner's analytics. */
@Controller
class CoursePages {

    static final int PER_PAGE = 20;
    static final int DOWNLOAD_WEEKS = 8;

    private final Pages pages;
    private final CourseBrowser browser;
    private final ProgressService progress;

    CoursePages(Pages pages, CourseBrowser browser, ProgressService progress) {
        this.pages = pages;
        this.browser = browser;
        this.progress = progress;
    }

    @GetMapping("/")
    Mono<Rendering> home(ServerWebExchange exchange) {
        return pages.user(exchange).map(user -> {
            var model = pages.model(exchange, "Hands-on programming courses", user);
            return pages.page("home", model, HttpStatus.OK);
        });
    }

    @GetMapping("/courses")
    Mono<Rendering> catalogue(
            @RequestParam(required = false) String q,
            @RequestParam(required = false, defaultValue = "1") String page,
            ServerWebExchange exchange) {
        String query = q == null ? "" : q.strip();
        int pageNumber = parsePage(page);
        return pages.user(exchange).flatMap(user -> {
            var model = pages.model(exchange, query.isEmpty() ? "Courses" : "Courses matching " + query, user);
            model.put("q", query);
            if (query.length() > 100) {
                model.put("error", "Search for at most 100 characters.");
                model.put("results", List.of());
                model.put("countLabel", "No courses");
                model.put("empty", false);
                return Mono.just(pages.page("courses", model, HttpStatus.BAD_REQUEST));
            }
            return browser.search(query, pageNumber, PER_PAGE).map(found -> {
                model.put(
                        "results",
                        found.results().stream().map(CoursePages::hit).toList());
                model.put("countLabel", found.total() == 1 ? "1 course" : found.total() + " courses");
                model.put("empty", found.results().isEmpty());
                model.put("page", pageNumber);
                String encoded = URLEncoder.encode(query, StandardCharsets.UTF_8);
                if (pageNumber > 1) {
                    model.put("previous", "/courses?q=" + encoded + "&page=" + (pageNumber - 1));
                }
                if ((long) pageNumber * PER_PAGE < found.total()) {
                    model.put("next", "/courses?q=" + encoded + "&page=" + (pageNumber + 1));
                }
                return pages.page("courses", model, HttpStatus.OK);
            });
        });
    }

    @GetMapping("/courses/@{scope}/{slug}")
    Mono<Rendering> course(@PathVariable String scope, @PathVariable String slug, ServerWebExchange exchange) {
        return pages.user(exchange).flatMap(user -> browser.overview(scope, slug)
                .flatMap(course -> Mono.zip(
                                course.latest() == null
                                        ? Mono.just(Optional.<String>empty())
                                        : browser.readme(course, course.latest())
                                                .map(Optional::of)
                                                .defaultIfEmpty(Optional.empty()),
                                browser.downloads(course, DOWNLOAD_WEEKS))
                        .map(t -> {
                            var model = pages.model(exchange, course.name(), user);
                            model.put("course", courseModel(course));
                            t.getT1().ifPresent(readme -> model.put("readme", Markdown.toHtml(readme)));
                            model.put("totalDownloads", t.getT2().totalDownloads());
                            model.put("weeks", weeks(t.getT2().weeks()));
                            model.put(
                                    "isOwner",
                                    user.map(u -> u.id() == course.ownerId()).orElse(false));
                            return pages.page("course", model, HttpStatus.OK);
                        }))
                .switchIfEmpty(Mono.fromSupplier(() -> notFound(exchange, user))));
    }

    /** Aggregates only, and only for the course's owner: anyone else gets 404, as if there were none. */
    @GetMapping("/courses/@{scope}/{slug}/analytics")
    Mono<Rendering> analytics(@PathVariable String scope, @PathVariable String slug, ServerWebExchange exchange) {
        return pages.user(exchange).flatMap(user -> {
            if (user.isEmpty()) {
                return Mono.just(pages.signIn(exchange.getRequest().getPath().value()));
            }
            User me = user.get();
            return browser.overview(scope, slug)
                    .filter(course -> course.ownerId() == me.id())
                    .flatMap(course -> progress.stats(Pages.caller(me), CourseName.parse(course.name()))
                            .map(stats -> {
                                var model = pages.model(exchange, "Analytics of " + course.name(), user);
                                model.put("course", courseModel(course));
                                model.putAll(Analytics.model(stats));
                                return pages.page("analytics", model, HttpStatus.OK);
                            }))
                    .switchIfEmpty(Mono.fromSupplier(() -> notFound(exchange, user)));
        });
    }

    private Rendering notFound(ServerWebExchange exchange, Optional<User> user) {
        var model = pages.model(exchange, "Not found", user);
        model.put("message", "There is no such course here. Look for it in the catalogue.");
        model.put("catalogueLink", true);
        return pages.page("message", model, HttpStatus.NOT_FOUND);
    }

    private static int parsePage(String page) {
        try {
            int n = Integer.parseInt(page);
            return n < 1 ? 1 : Math.min(n, 10_000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Map<String, Object> hit(SearchHit hit) {
        var model = new HashMap<String, Object>();
        model.put("name", hit.name());
        model.put("href", "/courses/" + hit.name());
        model.put("description", hit.description() == null ? "" : hit.description());
        model.put("latest", hit.latest());
        model.put("keywords", hit.keywords() == null ? List.of() : hit.keywords());
        return model;
    }

    static Map<String, Object> courseModel(CourseOverview course) {
        var model = new HashMap<String, Object>();
        model.put("name", course.name());
        model.put("href", "/courses/" + course.name());
        model.put("description", course.description());
        model.put("keywords", course.keywords());
        model.put("latest", course.latest());
        model.put("initCommand", "progy init " + course.name());
        model.put(
                "versions",
                course.versions().stream()
                        .map(v -> Map.of(
                                "version", v.version(),
                                "yanked", v.yanked(),
                                "publishedOn", v.publishedAt().toString().substring(0, 10)))
                        .toList());
        return model;
    }

    /** The weekly downloads as rows with a bar length relative to the busiest week. */
    private static List<Map<String, Object>> weeks(List<WeekDownloads> weeks) {
        long max = Math.max(
                1, weeks.stream().mapToLong(WeekDownloads::downloads).max().orElse(1));
        var rows = new ArrayList<Map<String, Object>>();
        for (var week : weeks) {
            rows.add(Map.of(
                    "weekStart", week.weekStart().toString(),
                    "downloads", week.downloads(),
                    "bar", Math.round(200.0 * week.downloads() / max)));
        }
        return rows;
    }

    /** The model of the analytics page: a heatmap table and a drop-off bar chart. */
    static final class Analytics {
        private Analytics() {}

        static Map<String, Object> model(CourseStats stats) {
            long students = Math.max(1, stats.students());
            long maxDrop = Math.max(
                    1,
                    stats.exercises().stream()
                            .mapToLong(ExerciseStats::dropOff)
                            .max()
                            .orElse(1));
            var rows = new ArrayList<Map<String, Object>>();
            int y = 0;
            for (var e : stats.exercises()) {
                long inProgress = e.started() - e.passed();
                long notStarted = Math.max(0, stats.students() - e.started());
                var row = new HashMap<String, Object>();
                row.put("exercise", e.exercise());
                row.put("notStarted", cell(notStarted, students));
                row.put("inProgress", cell(inProgress, students));
                row.put("passed", cell(e.passed(), students));
                row.put("dropOff", e.dropOff());
                row.put(
                        "medianAttempts",
                        e.medianAttemptsToPass() == null
                                ? "–"
                                : String.format(Locale.ROOT, "%.1f", e.medianAttemptsToPass()));
                row.put("y", y * 28);
                row.put("textY", y * 28 + 18);
                row.put("barWidth", Math.round(300.0 * e.dropOff() / maxDrop));
                row.put("labelX", 220 + Math.round(300.0 * e.dropOff() / maxDrop) + 6);
                rows.add(row);
                y++;
            }
            var model = new HashMap<String, Object>();
            model.put("students", stats.students());
            model.put("exercises", rows);
            model.put("hasExercises", !rows.isEmpty());
            model.put("chartHeight", Math.max(28, y * 28));
            return model;
        }

        /** A count with its heat level 0..4 (a CSS class; the number is always shown too). */
        private static Map<String, Object> cell(long count, long students) {
            long level = count == 0 ? 0 : Math.min(4, 1 + (4 * count - 1) / students);
            return Map.of("count", count, "level", level);
        }
    }
}
