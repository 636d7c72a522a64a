package org.zhengce.kit.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Audits the requests to a service's endpoints that have no audit of their own (statistics, lists, admin actions,
 * household reads, streams): one record per request, written just before the answer is sent, so nothing is answered
 * unaudited (an append that fails fails the answer). It sits in the security chain after authentication and before
 * authorisation, so refused attempts (403) are audited too, with the caller. The actor is the token's {@code sub}
 * with its {@code roles} and {@code jurisdictions} (another caller, such as an API key's department, by its name and
 * authorities; a token kept as the credentials counts as the token); the action {@code READ} for GET, {@code CHANGE}
 * otherwise; the
 * jurisdiction the one a handler named ({@link #concerning}), else the path's or the query's {@code area},
 * {@code jurisdiction} or {@code community}; the detail the method, path and status (never the query).
 */
public final class AuditedRequests {

    /** The exchange attribute a handler sets to the area code its answer concerns. */
    public static final String JURISDICTION = AuditedRequests.class.getName() + ".jurisdiction";

    private static final List<String> AREA_PARAMETERS = List.of("area", "jurisdiction", "community");

    private final AuditTrail trail;
    private final Clock clock;
    private final List<Rule> rules;
    private final Predicate<ServerWebExchange> audited;

    /**
     * One kind of audited request.
     *
     * @param method the method, or null for any
     * @param pattern the path pattern ({@code /admin/**}, {@code /households/{id}/portrait}); its variables name the
     *     subject's id
     * @param subject what the request is about, in the trail ({@code statistics}, {@code household-portrait})
     */
    public record Rule(@Nullable HttpMethod method, String pattern, String subject) {

        public static Rule reads(String pattern, String subject) {
            return new Rule(HttpMethod.GET, pattern, subject);
        }

        public static Rule any(String pattern, String subject) {
            return new Rule(null, pattern, subject);
        }
    }

    public AuditedRequests(AuditTrail trail, Clock clock, List<Rule> rules) {
        this(trail, clock, rules, exchange -> true);
    }

    private AuditedRequests(AuditTrail trail, Clock clock, List<Rule> rules, Predicate<ServerWebExchange> audited) {
        this.trail = trail;
        this.clock = clock;
        this.rules = List.copyOf(rules);
        this.audited = audited;
    }

    /**
     * The same, but requests {@code auditedElsewhere} recognises are left to the audit of whoever sent them (e.g. a
     * question one instance forwards to another on a caller's behalf, audited where the caller asked it). The
     * recognition must be one no caller can forge.
     */
    public AuditedRequests unless(Predicate<ServerWebExchange> auditedElsewhere) {
        return new AuditedRequests(trail, clock, rules, audited.and(auditedElsewhere.negate()));
    }

    /** The filter added to {@code http}, after authentication and before authorisation. */
    public ServerHttpSecurity addTo(ServerHttpSecurity http) {
        return http.addFilterBefore(filter(), SecurityWebFiltersOrder.AUTHORIZATION);
    }

    /** Names the area code {@code exchange}'s answer concerns (e.g. the household's community). */
    public static void concerning(ServerWebExchange exchange, String areaCode) {
        exchange.getAttributes().put(JURISDICTION, areaCode);
    }

    private WebFilter filter() {
        List<Matcher> matchers = rules.stream()
                .map(rule -> new Matcher(rule, PathPatternParser.defaultInstance.parse(rule.pattern())))
                .toList();
        return (exchange, chain) -> {
            Optional<Matched> matched = matchers.stream()
                    .map(matcher -> matcher.match(exchange))
                    .flatMap(Optional::stream)
                    .findFirst();
            if (matched.isEmpty() || !audited.test(exchange)) {
                return chain.filter(exchange);
            }
            return ReactiveSecurityContextHolder.getContext()
                    .mapNotNull(context -> context.getAuthentication())
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(caller -> {
                        exchange.getResponse()
                                .beforeCommit(() -> trail.append(record(exchange, matched.get(), caller.orElse(null))));
                        return chain.filter(exchange);
                    });
        };
    }

    private AuditRecord record(ServerWebExchange exchange, Matched matched, @Nullable Authentication caller) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        String method = exchange.getRequest().getMethod().name();
        Jwt jwt = caller instanceof JwtAuthenticationToken token
                ? token.getToken()
                : caller != null && caller.getCredentials() instanceof Jwt credentials ? credentials : null;
        return new AuditRecord(
                clock.instant(),
                actor(caller, jwt),
                jwt != null ? claim(jwt, "roles") : authorities(caller),
                jwt != null ? claim(jwt, "jurisdictions") : List.of(),
                "GET".equals(method) ? "READ" : "CHANGE",
                matched.subject(),
                matched.subjectId(),
                jurisdiction(exchange, matched),
                code < 400,
                method + " " + exchange.getRequest().getPath().value() + " " + code);
    }

    /** The token's subject; another caller (an API key's department or admin) by its name. */
    private static String actor(@Nullable Authentication caller, @Nullable Jwt jwt) {
        String name = jwt != null ? jwt.getSubject() : caller == null ? null : caller.getName();
        return name == null || name.isBlank() ? "anonymous" : name;
    }

    private static List<String> authorities(@Nullable Authentication caller) {
        return caller == null
                ? List.of()
                : caller.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .map(authority -> authority.startsWith("ROLE_") ? authority.substring(5) : authority)
                        .sorted()
                        .toList();
    }

    private static @Nullable String jurisdiction(ServerWebExchange exchange, Matched matched) {
        Object named = exchange.getAttributes().get(JURISDICTION);
        if (named instanceof String code) {
            return code;
        }
        return AREA_PARAMETERS.stream()
                .map(name -> matched.variables()
                        .getOrDefault(
                                name, exchange.getRequest().getQueryParams().getFirst(name)))
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(null);
    }

    private static List<String> claim(Jwt jwt, String name) {
        if (!jwt.hasClaim(name)) {
            return List.of();
        }
        List<String> values = jwt.getClaimAsStringList(name);
        return values == null ? List.of() : values.stream().map(String::valueOf).toList();
    }

    private record Matcher(Rule rule, PathPattern pattern) {

        Optional<Matched> match(ServerWebExchange exchange) {
            if (rule.method() != null
                    && !rule.method().equals(exchange.getRequest().getMethod())) {
                return Optional.empty();
            }
            PathPattern.PathMatchInfo info =
                    pattern.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
            if (info == null) {
                return Optional.empty();
            }
            Map<String, String> variables = info.getUriVariables();
            return Optional.of(new Matched(
                    rule.subject(), variables.isEmpty() ? null : String.join("/", variables.values()), variables));
        }
    }

    private record Matched(String subject, @Nullable String subjectId, Map<String, String> variables) {}
}
