package io.progy.cli.portfolio;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.ServerOptions;
import io.progy.cli.http.ApiException;
import io.progy.cli.http.HttpApi;
import io.progy.cli.learn.CourseDirOption;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code progy portfolio --github}: publishes the workspace's history to {@code progy-<slug>} in the student's own
 * GitHub account. The server creates the repository with the GitHub token the student granted at sign-in and hands
 * that token back for this push only; it is kept in memory, never written anywhere.
 */
@Command(
        name = "portfolio",
        mixinStandardHelpOptions = true,
        description = {
            "Publish your work on this course to your own GitHub account, as the repository progy-<slug> (private"
                    + " unless --public). Re-run it to push new commits.",
            "Needs a GitHub sign-in on the server with access to your repositories (progy tells you how)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy portfolio --github", "  progy portfolio --github --public --format json"})
public final class PortfolioCommand extends ProgyCommand {
    @Mixin
    ServerOptions server;

    @Mixin
    CourseDirOption where;

    @Option(names = "--github", required = true, description = "Publish to GitHub (the only host for now).")
    boolean github;

    @Option(names = "--public", description = "Create the repository public (an existing one keeps its visibility).")
    boolean makePublic;

    @Option(
            names = "--force",
            description = "Replace the portfolio's history with the workspace's when it has commits the workspace"
                    + " lacks (otherwise progy refuses).")
    boolean force;

    @Override
    protected int run() throws Exception {
        Path root = workspaceRoot(where.start(context()));
        String course = courseOf(root);
        HttpApi api = api(server);
        var body = new LinkedHashMap<String, Object>();
        body.put("course", course);
        body.put("target", "github");
        body.put("public", makePublic);
        Map<?, ?> repo;
        try {
            repo = api.post("/v1/git/ensure-repo", body, Map.class, HttpApi.Auth.REQUIRED);
        } catch (ApiException e) {
            if (e.code().equals("GITHUB_ACCESS_NEEDED")) {
                throw new CliException(ExitCode.AUTH, e.getMessage(), e);
            }
            throw e;
        }
        String name = text(repo, "repo_name");
        URI url = URI.create(text(repo, "repo_url"));
        var outcome = PortfolioPush.push(root, url, text(repo, "git_user"), text(repo, "git_token"), force);
        var out = output();
        if (out.json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("course", course);
            result.put("repo", name);
            result.put("repo_url", url.toString());
            result.put("created", Boolean.TRUE.equals(repo.get("created")));
            result.put("private", repo.get("private"));
            result.put("head", outcome.head());
            result.put("previous_head", outcome.before());
            result.put("pushed", !outcome.upToDate());
            result.put("forced", outcome.forced());
            out.printJson(result);
        } else if (outcome.upToDate()) {
            out.println("Your portfolio " + name + " is up to date ("
                    + outcome.head().substring(0, 12) + ").");
        } else {
            out.println((outcome.forced() ? "Replaced the history of " : "Pushed to ") + "your portfolio " + name
                    + " (" + (Boolean.TRUE.equals(repo.get("created")) ? "new, " : "")
                    + (Boolean.TRUE.equals(repo.get("private")) ? "private" : "public") + "): main at "
                    + outcome.head().substring(0, 12) + ".");
        }
        return ExitCode.OK;
    }

    /** The workspace (from {@code progy init}) in or above {@code start}: it has progy.toml and a .git. */
    private static Path workspaceRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("progy.toml")) && Files.isDirectory(dir.resolve(".git"))) {
                return dir;
            }
        }
        throw CliException.usage("no workspace here: " + start + " is not inside a course started with"
                + " `progy init @scope/slug` (no progy.toml and .git in it or above it); pass --dir");
    }

    private static String courseOf(Path root) throws java.io.IOException {
        var toml = new com.fasterxml.jackson.dataformat.toml.TomlMapper()
                .readTree(root.resolve("progy.toml").toFile());
        String course = toml.path("course").asText("");
        if (course.isEmpty()) {
            throw CliException.usage(root.resolve("progy.toml") + " names no course");
        }
        return course;
    }

    private static String text(Map<?, ?> json, String field) {
        Object value = json.get(field);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new CliException(ExitCode.INTERNAL, "the server's answer has no " + field);
        }
        return text;
    }
}
