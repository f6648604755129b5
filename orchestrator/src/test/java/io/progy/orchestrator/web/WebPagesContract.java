package io.progy.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.orchestrator.support.TestAccounts;
import io.progy.orchestrator.support.TestAccounts.Account;
import io.progy.orchestrator.support.TestCourses;
import io.progy.orchestrator.testsupport.Browser;
import io.progy.orchestrator.testsupport.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The pages as people use them, on the real server (H2, local storage) with a seeded course, owner and two students
 * whose checks were reported through {@code POST /v1/telemetry/events}: first over plain HTTP (what each person may
 * see), then in a real headless Chromium (search, sign in, dashboard, heatmap), with screenshots in
 * {@code target/web-screenshots/}. The Chromium tests are skipped, saying why, where there is no Chromium. Each
 * subclass runs it on one database and blob store.
 */
abstract class WebPagesContract {

    static final Path SCREENSHOTS = Path.of("target", "web-screenshots");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String HELLO = "01_basics/01_hello";
    static final String LOOPS = "01_basics/02_loops";
    static final String README =
            "# Welcome aboard\n\nLearn **loops**.\n\n<script>alert('x')</script>\n\n" + "[bad](javascript:alert(1))\n";

    @TempDir
    static Path work;

    // Seeded once per test class (the server is shared by the class), by the first test to run.
    static Account owner;
    static Account ann;
    static Account bob;
    static String course;
    static String slug;
    static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient autowiredClient;

    WebTestClient client;

    @BeforeEach
    void seedOnce() throws Exception {
        client =
                autowiredClient.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        if (owner == null) {
            seed();
        }
    }

    private void seed() throws Exception {
        var courses = new TestCourses(work);
        owner = TestAccounts.signup(client, "owner");
        slug = "loops-" + UUID.randomUUID().toString().substring(0, 6);
        course = "@" + owner.username() + "/" + slug;
        TestAccounts.publish(
                client,
                owner,
                courses.pack(course, "1.0.0", "Loops in Java, step by step", List.of("webloops"), README)
                        .archive());
        TestAccounts.publish(
                client,
                owner,
                courses.pack(course, "1.1.0", "Loops in Java, step by step", List.of("webloops"), README)
                        .archive());
        client.post()
                .uri("/v1/registry/{s}/{c}/1.1.0/yank", owner.username(), slug)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        ann = TestAccounts.signup(client, "ann");
        report(
                ann,
                event(HELLO, false, t0),
                event(HELLO, true, t0.plusSeconds(60)),
                event(LOOPS, false, t0.plusSeconds(90)));
        client.post()
                .uri("/v1/git/ensure-repo")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ann.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", course))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody();
        bob = TestAccounts.signup(client, "bob");
        report(bob, event(HELLO, false, t0.plusSeconds(30)));
    }

    @AfterAll
    static void closeBrowserAndForgetTheSeed() {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
        owner = null;
    }

    // ------------------------------------------------------------------ over HTTP

    @Test
    void theFrontPageLeadsToTheCatalogueAndSignIn() {
        var page = new Browser(base()).get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/courses\"", "href=\"/login?next=%2Fdashboard\"", "<main id=\"main\">");
    }

    @Test
    void theCatalogueSearchesAndPages() {
        var browser = new Browser(base());
        var found = browser.get("/courses?q=webloops");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body())
                .contains("href=\"/courses/" + course + "\"", "Loops in Java, step by step", "1 course found");
        var none = browser.get("/courses?q=nothing-like-this");
        assertThat(none.body()).contains("0 courses found", "No course matches").doesNotContain(course);
        assertThat(browser.get("/courses?q=" + "x".repeat(101)).statusCode()).isEqualTo(400);
        assertThat(browser.get("/courses?q=webloops&page=abc").statusCode()).isEqualTo(200);
        assertThat(browser.get("/courses?q=webloops&page=2").body())
                .doesNotContain(course)
                .contains("rel=\"prev\"");
    }

    @Test
    void theCoursePageShowsVersionsReadmeCommandAndDownloads() throws Exception {
        var browser = new Browser(base());
        client.get()
                .uri("/v1/registry/download/{s}/{c}/1.0.0", owner.username(), slug)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
        String body = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !body.contains("1 downloads in all")) {
            body = browser.get("/courses/" + course).body();
            Thread.sleep(100);
        }
        assertThat(body).contains("1 downloads in all");
        assertThat(body)
                .contains("<code id=\"init-command\" data-copy>progy init " + course + "</code>")
                .contains("<h1>Welcome aboard</h1>", "<strong>loops</strong>")
                .contains("&lt;script&gt;alert(")
                .doesNotContain("<script>alert", "javascript:alert")
                .contains("About (version 1.0.0)");
        assertThat(Pattern.compile("1\\.1\\.0 <span class=\"muted\">[0-9-]+</span> <strong class=\"warning\">yanked")
                        .matcher(body)
                        .find())
                .as(body)
                .isTrue();
        assertThat(body).doesNotContain("/analytics");
        assertThat(browser.get("/courses/@nobody-here/nothing").statusCode()).isEqualTo(404);

        String plain = "@" + owner.username() + "/plain";
        TestAccounts.publish(
                client, owner, new TestCourses(work).pack(plain, "0.1.0").archive());
        var withoutReadme = browser.get("/courses/" + plain);
        assertThat(withoutReadme.statusCode()).isEqualTo(200);
        assertThat(withoutReadme.body()).contains("This course has no README.", "0 downloads in all");
        assertThat(browser.get("/courses/@Not..Valid/x").statusCode()).isEqualTo(404);
    }

    @Test
    void onlyTheOwnerSeesTheAnalyticsAndOnlyAggregates() {
        String path = "/courses/" + course + "/analytics";
        var anonymous = new Browser(base()).get(path);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("/login?next="));

        var student = signedIn(ann);
        var denied = student.get(path);
        assertThat(denied.statusCode()).isEqualTo(404);
        assertThat(denied.body()).doesNotContain(HELLO);

        var instructor = signedIn(owner);
        var page = instructor.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<strong id=\"students\">2</strong>");
        assertThat(heatmapRow(page.body(), HELLO)).isEqualTo(List.of("0", "1", "1"));
        assertThat(heatmapRow(page.body(), LOOPS)).isEqualTo(List.of("1", "1", "0"));
        assertThat(page.body()).contains("<svg id=\"dropoff\"").doesNotContain(ann.username(), bob.username());
        assertThat(instructor.get("/courses/" + course).body()).contains("href=\"/courses/" + course + "/analytics\"");
    }

    @Test
    void aStudentSeesOnlyTheirOwnProgress() {
        assertThat(new Browser(base()).get("/dashboard").statusCode()).isEqualTo(303);

        var annPage = signedIn(ann).get("/dashboard").body();
        assertThat(annPage)
                .contains("href=\"/courses/" + course + "\"", "<span class=\"passed-count\">1</span> passed of 2");
        assertThat(annPage).contains("<tr class=\"passed\"><th scope=\"row\">" + HELLO + "</th>");
        assertThat(annPage).contains("<tr class=\"started\"><th scope=\"row\">" + LOOPS + "</th>");
        assertThat(annPage).contains("<code data-copy>git clone " + base() + "/git/" + ann.username() + "/");

        var bobPage = signedIn(bob).get("/dashboard").body();
        assertThat(bobPage)
                .contains("<span class=\"passed-count\">0</span> passed of 1")
                .doesNotContain(LOOPS, "git clone", ann.username());

        var ownerPage = signedIn(owner).get("/dashboard").body();
        assertThat(ownerPage).contains("You have not started a course yet").doesNotContain(HELLO);
    }

    @Test
    void theAccountPageCreatesListsAndRevokesTokens() {
        var browser = signedIn(bob);
        browser.get("/account");
        var created = browser.post("/account/tokens", Map.of("name", "laptop ci", "scope", "read"));
        assertThat(created.statusCode()).isEqualTo(200);
        var matcher = Pattern.compile("<code id=\"new-token\" data-copy>([^<]+)</code>")
                .matcher(created.body());
        assertThat(matcher.find()).as(created.body()).isTrue();
        String token = matcher.group(1);
        client.get()
                .uri("/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
        var idMatcher = Pattern.compile("laptop ci <span class=\"muted\">(tok_[0-9a-f]+)</span>")
                .matcher(created.body());
        assertThat(idMatcher.find()).as(created.body()).isTrue();
        String id = idMatcher.group(1);

        var list = browser.get("/account");
        assertThat(list.body()).contains(id).doesNotContain(token);
        assertThat(browser.post("/account/tokens/" + id + "/revoke", Map.of("_csrf", "forged"))
                        .statusCode())
                .isEqualTo(403);
        browser.get("/account");
        assertThat(browser.post("/account/tokens/" + id + "/revoke", Map.of()).statusCode())
                .isEqualTo(303);
        assertThat(browser.get("/account").body()).doesNotContain(id);
        client.get()
                .uri("/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody();
        // Another person cannot revoke Ann's tokens by id.
        var annList = signedIn(ann).get("/account").body();
        var annToken = Pattern.compile("(tok_[0-9a-f]+)").matcher(annList);
        assertThat(annToken.find()).isTrue();
        browser.get("/account");
        assertThat(browser.post("/account/tokens/" + annToken.group(1) + "/revoke", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(browser.get("/account").body()).contains("Your account");
        assertThat(browser.post("/account/tokens", Map.of("name", "no scopes")).statusCode())
                .isEqualTo(400);
    }

    // ------------------------------------------------------------------ in Chromium

    @Test
    void inChromiumSearchSignInDashboardAndHeatmap() throws Exception {
        var program = Chromium.find();
        Assumptions.assumeTrue(
                program.isPresent(),
                "no chromium on the PATH: the browser tests of the web pages need it (apt-get install -y chromium)");
        chromium = Chromium.launch(program.get(), work.resolve("profile"));

        chromium.navigate(base() + "/");
        waitFor("document.querySelector('#home-q')");
        chromium.eval("document.querySelector('#home-q').value = 'webloops'");
        chromium.navigateBy("document.querySelector('#home-q').form.submit()");
        waitFor("location.pathname === '/courses' && document.querySelector('#result-count')");
        assertThat(chromium.text()).contains(course, "1 course found");
        chromium.screenshot(SCREENSHOTS.resolve(getClass().getSimpleName()).resolve("01-catalogue.png"));

        chromium.click("ul.results a");
        waitFor("document.querySelector('#init-command')");
        waitFor("document.querySelector('button.copy')");
        assertThat(chromium.eval("document.querySelector('#init-command').textContent")
                        .asText())
                .isEqualTo("progy init " + course);
        assertThat(chromium.eval("document.querySelector('#readme h1').textContent")
                        .asText())
                .isEqualTo("Welcome aboard");
        chromium.screenshot(SCREENSHOTS.resolve(getClass().getSimpleName()).resolve("02-course.png"));

        signInWithTheForm(ann, "/dashboard");
        waitFor("document.querySelector('.passed-count')");
        assertThat(chromium.eval("document.querySelector('.passed-count').textContent")
                        .asText())
                .isEqualTo("1");
        assertThat(chromium.text()).contains(HELLO, LOOPS, "✓ passed");
        chromium.screenshot(SCREENSHOTS.resolve(getClass().getSimpleName()).resolve("03-dashboard.png"));

        chromium.send("Network.clearBrowserCookies", Map.of());
        signInWithTheForm(owner, "/courses/" + course + "/analytics");
        waitFor("document.querySelector('#heatmap')");
        var cells = chromium.eval("[...document.querySelectorAll('#heatmap tbody tr')].map(r =>"
                + " [r.querySelector('th').textContent, ...[...r.querySelectorAll('td.heat')].map(c => c.textContent)]"
                + ".join(' '))");
        assertThat(cells.toString()).isEqualTo("[\"" + HELLO + " 0 1 1\",\"" + LOOPS + " 1 1 0\"]");
        chromium.screenshot(SCREENSHOTS.resolve(getClass().getSimpleName()).resolve("04-analytics.png"));
        assertThat(Files.size(SCREENSHOTS.resolve(getClass().getSimpleName()).resolve("04-analytics.png")))
                .isPositive();
    }

    // ------------------------------------------------------------------ helpers

    private void signInWithTheForm(Account account, String next) throws Exception {
        chromium.navigate(
                base() + "/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        waitFor("document.querySelector('#username')");
        chromium.eval("document.querySelector('#username').value = " + quote(account.username()));
        chromium.eval("document.querySelector('#password').value = " + quote(TestAccounts.PASSWORD));
        chromium.click("form[action='/login'] button[type=submit]");
        waitFor("location.pathname === " + quote(next));
    }

    private void waitFor(String expression) throws Exception {
        chromium.waitFor(expression, WAIT, chromium::text);
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private Browser signedIn(Account account) {
        var browser = new Browser(base());
        assertThat(browser.signIn(account.username(), TestAccounts.PASSWORD).statusCode())
                .isEqualTo(303);
        return browser;
    }

    /** The not-started, in-progress and passed counts of one exercise's heatmap row. */
    private static List<String> heatmapRow(String html, String exercise) {
        int row = html.indexOf("<th scope=\"row\">" + exercise + "</th>");
        assertThat(row).as(html).isPositive();
        String rest = html.substring(row, html.indexOf("</tr>", row));
        var counts = Pattern.compile("data-status=\"[a-z-]+\">(\\d+)</td>").matcher(rest);
        var found = new java.util.ArrayList<String>();
        while (counts.find()) {
            found.add(counts.group(1));
        }
        return found;
    }

    private void report(Account account, Map<String, Object>... events) {
        client.post()
                .uri("/v1/telemetry/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + account.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("events", List.of(events)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(events.length);
    }

    private Map<String, Object> event(String exercise, boolean passed, Instant at) {
        Map<String, Object> event = new HashMap<>();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("course", course);
        event.put("version", "1.0.0");
        event.put("exercise", exercise);
        event.put("type", passed ? "exercise_passed" : "exercise_failed");
        event.put("duration_ms", 1200);
        event.put("occurred_at", at.toString());
        return event;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
