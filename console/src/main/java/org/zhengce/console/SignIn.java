package org.zhengce.console;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Sign-in: {@code GET /login?return=/cases/42} remembers where the user was, then starts the authorization-code flow
 * at the identity provider; back on {@code /login/callback}, the user lands where they were (a path of this origin
 * only, never another site).
 */
@Controller
class SignIn implements ServerAuthenticationSuccessHandler {

    private static final String RETURN_TO = SignIn.class.getName() + ".returnTo";

    private final ConsoleSettings settings;
    private final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

    SignIn(ConsoleSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/login")
    Mono<ResponseEntity<Void>> signIn(
            @RequestParam(name = "return", required = false) @Nullable String returnTo, WebSession session) {
        session.getAttributes().put(RETURN_TO, samePath(returnTo));
        return Mono.just(ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/oauth2/authorization/" + settings.registrationId()))
                .build());
    }

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
        return exchange.getExchange().getSession().flatMap(session -> {
            Object returnTo = session.getAttributes().remove(RETURN_TO);
            return redirects.sendRedirect(
                    exchange.getExchange(), URI.create(returnTo instanceof String path ? path : "/"));
        });
    }

    /** A path of this origin ({@code /cases/42?tab=plan}), or {@code /}: never {@code //evil.example} nor a URL. */
    static String samePath(@Nullable String returnTo) {
        if (returnTo == null
                || !returnTo.startsWith("/")
                || returnTo.startsWith("//")
                || returnTo.startsWith("/\\")
                || returnTo.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            return "/";
        }
        try {
            URI uri = URI.create(returnTo);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? returnTo : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
