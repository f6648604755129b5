package io.progy.orchestrator.auth.github;

import io.progy.orchestrator.auth.AccountService;
import io.progy.orchestrator.auth.AuthProperties;
import io.progy.orchestrator.auth.SecretBox;
import io.progy.orchestrator.auth.TokenService;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.auth.github.GitHubClient.AccessToken;
import io.progy.orchestrator.auth.github.GitHubClient.Email;
import io.progy.orchestrator.auth.github.GitHubClient.GitHubException;
import io.progy.orchestrator.auth.github.GitHubClient.Profile;
import io.progy.orchestrator.auth.github.GitHubRepository.Identity;
import io.progy.orchestrator.auth.github.GitHubRepository.Pending;
import io.progy.orchestrator.config.Sql;
import io.progy.orchestrator.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Signing in with GitHub: the authorization code flow with {@code state} and PKCE (S256), then the GitHub
 * identity is matched to a Progy account: the one already linked; else the signed-in person's; else, by a
 * verified email, an existing account, linked only once its owner confirms with its password (an account's
 * email is not verified at sign-up, so an email match alone proves nothing); else a new account. The GitHub
 * token is kept, encrypted, only when it carries the {@code repo} scope (for the portfolio).
 */
@Service
public class GitHubSignIn {

    static final Duration PENDING_TTL = Duration.ofMinutes(10);

    /** Where the browser goes next, and the value it must keep in a cookie until the callback. */
    public record Authorization(String redirectUrl, String state) {}

    /** What the callback amounts to. */
    public sealed interface Outcome {
        /** Signed in (or linked and signed in) as {@code user}; continue to {@code next}. */
        record SignedIn(User user, String next) implements Outcome {}

        /** An account has the same verified email: ask its owner to confirm; keep {@code linkKey} in a cookie. */
        record ConfirmLink(String linkKey) implements Outcome {}
    }

    /** A link waiting for confirmation, as the confirmation page shows it. */
    public record LinkProposal(String username, String email, String githubLogin, boolean hasPassword) {}

    /** Sign-in failed for a reason the person can read (GitHub refused, no verified email, expired state). */
    public static class SignInFailed extends RuntimeException {
        public SignInFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final AuthProperties.GitHub settings;
    private final GitHubClient github;
    private final GitHubRepository repository;
    private final AccountService accounts;
    private final SecretBox secrets;
    private final Clock clock;

    GitHubSignIn(
            AuthProperties properties,
            GitHubClient github,
            GitHubRepository repository,
            AccountService accounts,
            SecretBox secrets,
            Clock clock) {
        this.settings = properties.github();
        this.github = github;
        this.repository = repository;
        this.accounts = accounts;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** False while {@code PROGY_GITHUB_CLIENT_ID} or {@code PROGY_GITHUB_CLIENT_SECRET} is unset. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** Starts a sign-in: remembers state and PKCE verifier for ten minutes, and names GitHub's authorize URL. */
    public Mono<Authorization> start(String redirectUri, String next) {
        String state = TokenService.newSecret("");
        String verifier = TokenService.newSecret("");
        Instant now = clock.instant();
        return repository
                .insertAuthorize(TokenService.sha256(state), verifier, next, now, now.plus(PENDING_TTL))
                .thenReturn(new Authorization(github.authorizeUrl(redirectUri, state, challenge(verifier)), state));
    }

    /**
     * Completes the callback.
     *
     * @param browserState the state the browser kept in its cookie, which must equal {@code state}
     * @param signedIn the person already signed in here, if any
     */
    public Mono<Outcome> complete(
            String state, String browserState, String code, String redirectUri, Optional<User> signedIn) {
        if (state == null
                || code == null
                || browserState == null
                || !MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), browserState.getBytes(StandardCharsets.UTF_8))) {
            return Mono.error(new SignInFailed("This sign-in link is not valid here. Start again."));
        }
        Instant now = clock.instant();
        return usePending(TokenService.sha256(state), "authorize", now)
                .flatMap(pending -> github.exchange(code, redirectUri, pending.codeVerifier())
                        .flatMap(token -> github.user(token.token())
                                .flatMap(profile -> resolve(profile, token, pending.nextPath(), signedIn, now))))
                .onErrorMap(GitHubException.class, e -> new SignInFailed(e.getMessage()));
    }

    public Mono<LinkProposal> proposal(String linkKey) {
        return findLink(linkKey).flatMap(pending -> accounts.user(pending.linkUserId())
                .map(user -> new LinkProposal(
                        user.username(), user.email(), pending.githubLogin(), AccountService.hasPassword(user))));
    }

    /**
     * Links the pending GitHub identity to its account once the person proves they own it: already signed
     * in as that account, or with its password (UNAUTHORIZED otherwise, and the link stays pending).
     */
    public Mono<Outcome.SignedIn> confirmLink(String linkKey, Optional<User> signedIn, String password) {
        Instant now = clock.instant();
        return findLink(linkKey).flatMap(pending -> accounts.user(pending.linkUserId())
                .flatMap(user -> {
                    if (signedIn.isPresent() && signedIn.get().id() == user.id()) {
                        return Mono.just(user);
                    }
                    if (password == null || password.isEmpty()) {
                        return Mono.error(ApiException.unauthorized("enter the password of " + user.username()));
                    }
                    return accounts.checkPassword(user.username(), password);
                })
                .flatMap(user -> repository
                        .deletePending(pending.id())
                        .flatMap(deleted -> deleted
                                ? link(user, identityOf(pending, user.id()), now)
                                : Mono.error(new SignInFailed("This link request was already used. Sign in again."))))
                .map(user -> new Outcome.SignedIn(user, pending.nextPath())));
    }

    public Mono<Void> cancelLink(String linkKey) {
        return findLink(linkKey)
                .flatMap(pending -> repository.deletePending(pending.id()))
                .then();
    }

    /** The GitHub login linked to a user, if any. */
    public Mono<String> linkedLogin(long userId) {
        return repository.findByUserId(userId).map(Identity::githubLogin);
    }

    /** The user's GitHub token with the {@code repo} scope, decrypted, if one was granted (portfolio). */
    public Mono<String> repoToken(long userId) {
        return repository
                .findByUserId(userId)
                .filter(identity -> identity.accessTokenEnc() != null)
                .map(identity -> secrets.decrypt(identity.accessTokenEnc()));
    }

    /** Forgets states and link requests that ended more than a day ago. */
    public Mono<Long> sweep() {
        return repository.deleteExpiredPending(clock.instant().minus(Duration.ofDays(1)));
    }

    private Mono<Outcome> resolve(
            Profile profile, AccessToken token, String next, Optional<User> signedIn, Instant now) {
        boolean repo = token.scopes().contains("repo");
        Identity fresh = new Identity(
                0,
                profile.id(),
                profile.login(),
                repo ? secrets.encrypt(token.token()) : null,
                String.join(" ", token.scopes()));
        return repository
                .findByGithubId(profile.id())
                .flatMap(existing -> repository
                        .updateToken(profile.id(), profile.login(), fresh.accessTokenEnc(), fresh.tokenScopes(), now)
                        .then(accounts.user(existing.userId()))
                        .map(user -> (Outcome) new Outcome.SignedIn(user, next)))
                .switchIfEmpty(Mono.defer(() -> {
                    if (signedIn.isPresent()) {
                        User user = signedIn.get();
                        return repository
                                .findByUserId(user.id())
                                .flatMap(other -> Mono.<User>error(new SignInFailed("Your account is already linked to"
                                        + " the GitHub account @" + other.githubLogin() + ".")))
                                .switchIfEmpty(Mono.defer(() -> link(user, withUser(fresh, user.id()), now)))
                                .map(linked -> new Outcome.SignedIn(linked, next));
                    }
                    return github.emails(token.token())
                            .flatMap(emails -> matchByEmail(emails, fresh, profile, next, now));
                }));
    }

    private Mono<Outcome> matchByEmail(List<Email> emails, Identity fresh, Profile profile, String next, Instant now) {
        List<Email> verified = emails.stream()
                .filter(Email::verified)
                .sorted(Comparator.comparing((Email email) -> !email.primary()))
                .toList();
        if (verified.isEmpty()) {
            return Mono.error(new SignInFailed("Your GitHub account has no verified email address. Verify one on"
                    + " GitHub, then sign in again."));
        }
        return Flux.fromIterable(verified)
                .concatMap(email -> accounts.findByEmail(email.email()))
                .next()
                .flatMap(existing -> {
                    String linkKey = TokenService.newSecret("");
                    return repository
                            .insertLink(
                                    TokenService.sha256(linkKey),
                                    existing.id(),
                                    fresh,
                                    next,
                                    now,
                                    now.plus(PENDING_TTL))
                            .thenReturn((Outcome) new Outcome.ConfirmLink(linkKey));
                })
                .switchIfEmpty(Mono.defer(() -> accounts.createWithoutPassword(
                                profile.login(), verified.get(0).email())
                        .flatMap(user -> link(user, withUser(fresh, user.id()), now))
                        .map(user -> new Outcome.SignedIn(user, next))));
    }

    private Mono<User> link(User user, Identity identity, Instant now) {
        return repository
                .insertIdentity(identity, now)
                .onErrorMap(
                        Sql::isConstraintViolation,
                        e -> new SignInFailed(
                                "This GitHub account or this Progy account is already linked to another one."))
                .thenReturn(user);
    }

    private Mono<Pending> findLink(String linkKey) {
        if (linkKey == null || linkKey.isBlank()) {
            return Mono.error(new SignInFailed("No GitHub account is waiting to be linked. Sign in again."));
        }
        Instant now = clock.instant();
        return repository
                .findPending(TokenService.sha256(linkKey), "link")
                .filter(pending -> now.isBefore(pending.expiresAt()))
                .switchIfEmpty(Mono.error(() ->
                        new SignInFailed("This link request expired or was already used. Sign in with GitHub again.")));
    }

    /** Finds and deletes (uses up) a pending row; an unknown, used or expired one fails. */
    private Mono<Pending> usePending(String keyHash, String kind, Instant now) {
        return repository
                .findPending(keyHash, kind)
                .filterWhen(pending -> repository.deletePending(pending.id()))
                .filter(pending -> now.isBefore(pending.expiresAt()))
                .switchIfEmpty(
                        Mono.error(() -> new SignInFailed("This sign-in expired or was already used. Start again.")));
    }

    private static Identity identityOf(Pending pending, long userId) {
        return new Identity(
                userId, pending.githubId(), pending.githubLogin(), pending.accessTokenEnc(), pending.tokenScopes());
    }

    private static Identity withUser(Identity identity, long userId) {
        return new Identity(
                userId, identity.githubId(), identity.githubLogin(), identity.accessTokenEnc(), identity.tokenScopes());
    }

    /** PKCE S256: base64url(sha256(verifier)) without padding. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
