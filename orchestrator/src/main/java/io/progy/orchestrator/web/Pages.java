package io.progy.orchestrator.web;

import io.progy.orchestrator.auth.Caller;
import io.progy.orchestrator.auth.SecretBox;
import io.progy.orchestrator.auth.TokenService;
import io.progy.orchestrator.auth.User;
import io.progy.orchestrator.auth.WebSessionService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every server-rendered page shares: the signed-in user (cookie {@value #SESSION_COOKIE}), CSRF
 * protection, cookies, safe redirects, and the model the layout expects ({@code title}, {@code user},
 * {@code csrf}).
 *
 * <p>CSRF: every form carries {@code _csrf} = HMAC-SHA256(server key, value of the {@value #CSRF_COOKIE}
 * cookie). A cross-site page can neither read that cookie nor compute the HMAC; the session cookie is also
 * {@code SameSite=Lax}, so a cross-site POST does not carry it.
 */
@Component
public class Pages {

    public static final String SESSION_COOKIE = "progy_session";
    public static final String CSRF_COOKIE = "progy_csrf";
    public static final String CSRF_FIELD = "_csrf";
    private static final String USER_ATTRIBUTE = Pages.class.getName() + ".user";

    private final WebSessionService sessions;
    private final byte[] csrfKey;

    Pages(WebSessionService sessions, SecretBox secrets) {
        this.sessions = sessions;
        this.csrfKey = secrets.deriveKey("progy csrf v1");
    }

    /** The signed-in user, resolved once per request. */
    public Mono<Optional<User>> user(ServerWebExchange exchange) {
        Optional<User> cached = exchange.getAttribute(USER_ATTRIBUTE);
        if (cached != null) {
            return Mono.just(cached);
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SESSION_COOKIE);
        return sessions.user(cookie == null ? null : cookie.getValue())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .doOnNext(user -> exchange.getAttributes().put(USER_ATTRIBUTE, user));
    }

    /**
     * The signed-in person as a caller of the services: a browser session is a sign-in, with every scope (the
     * services then apply the same ownership rules as to a token). There is no token behind it (id 0).
     */
    public static Caller caller(User user) {
        return new Caller(user.id(), user.username(), 0L, Set.copyOf(Caller.ALL_SCOPES), true);
    }

    /** The layout's model: title, the signed-in user's name (if any) and a CSRF token for its forms. */
    public Map<String, Object> model(ServerWebExchange exchange, String title, Optional<User> user) {
        var model = new HashMap<String, Object>();
        model.put("title", title);
        model.put("csrf", csrfToken(exchange));
        user.ifPresent(u -> model.put("user", Map.of("username", u.username())));
        return model;
    }

    /**
     * A page, never framed by another site (an approval page must not be clickjacked), never cached (it
     * holds a CSRF token), loading nothing from elsewhere.
     */
    public Rendering page(String view, Map<String, Object> model, HttpStatus status) {
        return Rendering.view(view)
                .model(model)
                .status(status)
                .header(
                        "Content-Security-Policy",
                        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** A 303 to a path on this server. */
    public Rendering redirect(String path) {
        return Rendering.redirectTo(path).build();
    }

    /** A redirect to the sign-in page that comes back to {@code next} afterwards. */
    public Rendering signIn(String next) {
        return redirect("/login?next=" + URLEncoder.encode(safeNext(next), StandardCharsets.UTF_8));
    }

    /** The CSRF token for this browser's forms; sets the CSRF cookie on first use. */
    public String csrfToken(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(CSRF_COOKIE);
        String value = exchange.getAttribute(CSRF_COOKIE);
        if (value == null) {
            value = cookie != null
                            && cookie.getValue().length() >= 20
                            && cookie.getValue().length() <= 100
                    ? cookie.getValue()
                    : null;
        }
        if (value == null) {
            value = TokenService.newSecret("");
            exchange.getResponse().addCookie(cookie(exchange, CSRF_COOKIE, value, null));
        }
        exchange.getAttributes().put(CSRF_COOKIE, value);
        return sign(value);
    }

    /** Whether the submitted form token matches this browser's CSRF cookie. */
    public boolean validCsrf(ServerWebExchange exchange, String submitted) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(CSRF_COOKIE);
        if (cookie == null || submitted == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(cookie.getValue()).getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }

    /** The page a form with a stale or missing CSRF token gets (403). */
    public Rendering csrfFailed(ServerWebExchange exchange, Optional<User> user) {
        var model = model(exchange, "Form expired", user);
        model.put(
                "message", "This form expired or did not come from this site. Go back, reload the page and try again.");
        return page("message", model, HttpStatus.FORBIDDEN);
    }

    /** Signs in: sets the session cookie. */
    public void startSession(ServerWebExchange exchange, WebSessionService.NewSession session) {
        exchange.getResponse().addCookie(cookie(exchange, SESSION_COOKIE, session.cookieValue(), session.maxAge()));
    }

    public void setCookie(ServerWebExchange exchange, String name, String value, Duration maxAge) {
        exchange.getResponse().addCookie(cookie(exchange, name, value, maxAge));
    }

    public void clearCookie(ServerWebExchange exchange, String name) {
        exchange.getResponse().addCookie(cookie(exchange, name, "", Duration.ZERO));
    }

    public static Optional<String> cookieValue(ServerWebExchange exchange, String name) {
        return Optional.ofNullable(exchange.getRequest().getCookies().getFirst(name))
                .map(HttpCookie::getValue)
                .filter(value -> !value.isBlank());
    }

    /** Only a path on this server: no scheme, no host ({@code //evil}), no backslashes or line breaks. */
    public static String safeNext(String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.length() > 500
                || next.chars().anyMatch(c -> c == '\\' || c < 0x20 || c == 0x7f)) {
            return "/account";
        }
        return next;
    }

    private static ResponseCookie cookie(ServerWebExchange exchange, String name, String value, Duration maxAge) {
        var builder = ResponseCookie.from(name, value)
                .httpOnly(true)
                .sameSite("Lax")
                .path("/")
                .secure("https".equals(exchange.getRequest().getURI().getScheme()));
        if (maxAge != null) {
            builder.maxAge(maxAge);
        }
        return builder.build();
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
