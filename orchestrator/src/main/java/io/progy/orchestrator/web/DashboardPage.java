package io.progy.orchestrator.web;

import io.progy.format.CourseName;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.git.GitRepository;
import io.progy.orchestrator.git.GitRepository.Enrollment;
import io.progy.orchestrator.progress.ExerciseProgress;
import io.progy.orchestrator.progress.ProgressApi.CourseActivity;
import io.progy.orchestrator.progress.ProgressService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard}: the signed-in student's courses (those with a repository and those with checks), each with
 * the student's own per-exercise progress and a link to the repository. Nothing of anyone else.
 */
@Controller
class DashboardPage {

    private final Pages pages;
    private final ProgressService progress;
    private final GitRepository repos;

    DashboardPage(Pages pages, ProgressService progress, GitRepository repos) {
        this.pages = pages;
        this.progress = progress;
        this.repos = repos;
    }

    @GetMapping("/dashboard")
    Mono<Rendering> dashboard(ServerWebExchange exchange) {
        return pages.user(exchange).flatMap(user -> {
            if (user.isEmpty()) {
                return Mono.just(pages.signIn("/dashboard"));
            }
            User me = user.get();
            return Mono.zip(
                            progress.activity(me.id()).collectList(),
                            repos.enrollments(me.id()).collectList())
                    .flatMap(t -> courses(me, t.getT1(), t.getT2(), origin(exchange)))
                    .map(courses -> {
                        var model = pages.model(exchange, "Your courses", user);
                        model.put("courses", courses);
                        model.put("empty", courses.isEmpty());
                        return pages.page("dashboard", model, HttpStatus.OK);
                    });
        });
    }

    private Mono<List<Map<String, Object>>> courses(
            User me, List<CourseActivity> activity, List<Enrollment> enrollments, String origin) {
        var byName = new LinkedHashMap<String, Map<String, Object>>();
        for (var a : activity) {
            var course = course(byName, "@" + a.scope() + "/" + a.slug());
            course.put("started", a.started());
            course.put("passed", a.passed());
        }
        for (var e : enrollments) {
            var course = course(byName, "@" + e.courseScope() + "/" + e.courseSlug());
            var repo = e.repo();
            String url = repo.cloneUrl() != null
                    ? repo.cloneUrl()
                    : origin + "/git/" + repo.owner() + "/" + repo.name() + ".git";
            course.put("repoUrl", url);
            course.put("repoName", repo.owner() + "/" + repo.name());
            course.put(
                    "repoBrowsable", repo.cloneUrl() != null && repo.cloneUrl().startsWith("https://"));
            course.put("repoWeb", url.endsWith(".git") ? url.substring(0, url.length() - 4) : url);
        }
        return Flux.fromIterable(byName.values())
                .concatMap(course -> progress.progress(Pages.caller(me), CourseName.parse((String) course.get("name")))
                        .map(p -> {
                            var exercises = new ArrayList<Map<String, Object>>();
                            for (var e : p.exercises()) {
                                exercises.add(Map.of(
                                        "exercise", e.exercise(),
                                        "passed", e.status().equals(ExerciseProgress.PASSED),
                                        "status", e.status(),
                                        "attempts", e.attempts()));
                            }
                            course.put("exercises", exercises);
                            course.put("hasExercises", !exercises.isEmpty());
                            course.put("started", p.started());
                            course.put("passed", p.passed());
                            return course;
                        })
                        // A course that is no longer published still shows, with its repository.
                        .onErrorResume(e -> Mono.just(course)))
                .collectList();
    }

    private static Map<String, Object> course(Map<String, Map<String, Object>> byName, String name) {
        return byName.computeIfAbsent(name, n -> {
            var course = new HashMap<String, Object>();
            course.put("name", n);
            course.put("href", "/courses/" + n);
            course.put("started", 0L);
            course.put("passed", 0L);
            course.put("hasExercises", false);
            return course;
        });
    }

    private static String origin(ServerWebExchange exchange) {
        var uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
