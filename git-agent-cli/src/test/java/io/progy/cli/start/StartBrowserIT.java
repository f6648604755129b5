package io.progy.cli.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.progy.cli.ProgyFormatCourse;
import io.progy.format.ProgressState;
import io.progy.orchestrator.testsupport.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code progy start} as a student uses it, in a real headless Chromium: the map, an exercise, Run and its failure
 * with a diagnostic, a fix saved on disk turning the page green without a reload, the quiz, Save, setup and settings.
 * Screenshots of each step go to {@code target/start-screenshots/}. Skipped, saying why, where there is no Chromium
 * ({@code apt-get install -y chromium}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartBrowserIT {
    static final Path SCREENSHOTS = Path.of("target", "start-screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String HELLO = "01_intro/01_hello";

    @TempDir
    static Path tmp;

    static Path course;
    static StartedProgy progy;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        var program = Chromium.find();
        Assumptions.assumeTrue(
                program.isPresent(),
                "no chromium on the PATH: the browser tests of progy start need it (apt-get install -y chromium)");
        course = ProgyFormatCourse.copy(tmp.resolve("course"));
        Files.writeString(course.resolve(".gitignore"), ".progy/\n");
        try (var git = Git.init()
                .setDirectory(course.toFile())
                .setInitialBranch("main")
                .call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("init: Start course")
                    .setAuthor("Ana", "ana@example.com")
                    .setCommitter("Ana", "ana@example.com")
                    .call();
        }
        var editor = Files.createDirectories(tmp.resolve("bin")).resolve("fake-editor");
        Files.writeString(editor, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + tmp.resolve("editor-args.txt") + "\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        progy = StartedProgy.start(course, tmp.resolve("home"), Map.of("VISUAL", editor.toString()));
        browser = Chromium.launch(program.get(), tmp.resolve("profile"));
        browser.navigate(progy.firstUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (progy != null) {
            assertThat(progy.stop()).as(progy.err()).isZero();
            assertThat(progy.err()).contains("Stopped.");
        }
    }

    private static void waitFor(String expression) throws Exception {
        browser.waitFor(expression, WAIT, browser::text);
    }

    private static void shot(String name) throws Exception {
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    @Test
    @Order(1)
    void theMapShowsEachExerciseDoneCurrentLockedOrPending() throws Exception {
        waitFor("document.querySelector('[data-exercise=\"01_intro/02_math\"]')");

        assertThat(browser.eval("location.pathname + location.search").asText())
                .as("the secret leaves the address bar")
                .isEqualTo("/");
        assertThat(browser.eval("document.querySelector('[data-exercise=\"01_intro/01_hello\"]').dataset.status")
                        .asText())
                .isEqualTo("current");
        assertThat(browser.eval("document.querySelector('[data-exercise=\"01_intro/02_math\"]').innerText")
                        .asText())
                .contains("Locked")
                .contains("pass 01_hello (01_intro/01_hello) first");
        assertThat(browser.text()).contains("SRP Demo (Progy format)").contains("0 of 2 exercises done");
        assertThat(browser.eval("document.querySelector('img.cover').naturalWidth")
                        .asInt())
                .as("the cover image loads")
                .isPositive();
        shot("01-map");
    }

    @Test
    @Order(2)
    void runningTheExerciseShowsTheFailureWithItsDiagnostic() throws Exception {
        browser.click("a[href='#/exercise/" + java.net.URLEncoder.encode(HELLO, "UTF-8") + "']");
        waitFor("document.getElementById('run')");
        assertThat(browser.text()).contains("Say hello").contains("Write ok in answer.txt");
        assertThat(browser.eval("document.querySelector('.readme code.language-python .tok-k') !== null")
                        .asBoolean())
                .as("the README's code is highlighted")
                .isTrue();

        browser.click("#run");
        waitFor("document.getElementById('result').dataset.status === 'fail'");

        var result = browser.eval("document.getElementById('result').innerText").asText();
        assertThat(result)
                .contains("Not yet")
                .contains("answer is ok")
                .contains("expected ok")
                .contains("content/01_intro/01_hello/answer.txt:1")
                .contains("answer.txt must say ok");
        assertThat(browser.eval("document.getElementById('output').textContent").asText())
                .as("the output streamed live")
                .contains("runner: checking content/01_intro/01_hello");
        shot("02-failure-with-diagnostic");

        browser.click("button.location");
        var args = tmp.resolve("editor-args.txt");
        for (var i = 0; i < 100 && !Files.exists(args); i++) {
            Thread.sleep(50);
        }
        assertThat(Files.readAllLines(args))
                .as("open in editor, at the diagnostic's line")
                .containsExactly(course.toRealPath()
                        .resolve("content/01_intro/01_hello/answer.txt")
                        .toString());
    }

    @Test
    @Order(3)
    void savingTheFixOnDiskTurnsThePageGreenWithoutAReload() throws Exception {
        assertThat(browser.eval("window.progyPageLoads").asInt()).isEqualTo(1);

        Files.writeString(course.resolve("content/01_intro/01_hello/answer.txt"), "ok\n");

        waitFor("document.getElementById('result').dataset.status === 'pass'");
        waitFor("document.getElementById('exercise-status').textContent === 'Done'");
        assertThat(browser.eval("window.progyPageLoads").asInt())
                .as("no reload")
                .isEqualTo(1);
        assertThat(browser.eval("document.getElementById('result').innerText").asText())
                .contains("Passed");
        assertThat(ProgressState.load(course).isDone(HELLO)).isTrue();
        shot("03-green-after-save");
    }

    @Test
    @Order(4)
    void hintsComeOneAtATimeAndTheQuizIsAnswered() throws Exception {
        browser.click("#hint");
        waitFor("document.querySelectorAll('#hints li').length === 1");
        assertThat(browser.eval("document.getElementById('hint').textContent").asText())
                .isEqualTo("Show hint 2 of 2");

        browser.click("#take-quiz");
        waitFor("document.getElementById('quiz-form')");
        browser.eval("document.querySelector(\"input[name='q-q1'][value='0']\").click()");
        browser.eval("document.querySelector(\"input[name='q-q2'][value='false']\").click()");
        browser.eval("document.querySelector(\"textarea[name='q-q3']\").value = 'The runner speaks SRP'");
        browser.click("#submit-quiz");
        waitFor("document.getElementById('quiz-score').textContent === 'Score: 2 of 2'");

        assertThat(browser.eval("document.getElementById('quiz').innerText").asText())
                .contains("✓ Right.")
                .contains("progy splits the command into words")
                .contains("Recorded.");
        assertThat(ProgressState.load(course).exercise(HELLO).quiz().correct()).isEqualTo(2);
        shot("04-quiz");
    }

    @Test
    @Order(5)
    void saveCommitsTheWorkAndTheGitPanelListsIt() throws Exception {
        browser.navigate(progy.base() + "/#/git");
        waitFor("document.getElementById('save')");
        assertThat(browser.text()).contains("1 changed file").contains("init: Start course");

        browser.eval("document.getElementById('save-message').value = 'Lesson 01_hello: completed'");
        browser.click("#save");
        waitFor("(document.getElementById('git-outcome') || {}).textContent?.startsWith('Saved')");

        assertThat(browser.eval("document.querySelector('#commits li').innerText")
                        .asText())
                .contains("Lesson 01_hello: completed")
                .contains("not uploaded");
        assertThat(browser.text()).contains("0 changed files").contains("2 commits not yet uploaded");
        try (var git = Git.open(course.toFile())) {
            assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage())
                    .isEqualTo("Lesson 01_hello: completed");
        }
        browser.click("#sync");
        waitFor("(document.getElementById('git-outcome') || {}).textContent?.includes('Sync needs')");
        shot("05-git-panel");
    }

    @Test
    @Order(6)
    void theSetupViewRunsTheChecksAndSettingsChangeTheTheme() throws Exception {
        browser.navigate(progy.base() + "/#/setup");
        waitFor("document.getElementById('run-setup')");
        browser.click("#run-setup");
        waitFor("document.body.innerText.includes('Everything this course needs is there.')");
        assertThat(browser.text()).contains("A POSIX shell");
        shot("06-setup");

        browser.navigate(progy.base() + "/#/settings");
        waitFor("document.getElementById('theme')");
        browser.eval("const t = document.getElementById('theme'); t.value = 'dark';"
                + " t.dispatchEvent(new Event('change'))");
        waitFor("document.documentElement.dataset.theme === 'dark'");
        waitFor("document.getElementById('settings-status').textContent === 'Saved.'");
        browser.navigate(progy.base() + "/#/exercise/" + java.net.URLEncoder.encode("01_intro/02_math", "UTF-8"));
        waitFor("document.getElementById('run')");
        shot("07-dark-theme-next-exercise");
        assertThat(Files.readString(course.resolve(".progy/settings.json"))).contains("dark");
    }
}
