package org.zhengce.kit.security;

import java.util.List;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * A service accepts only the tokens meant for it: the token's {@code aud} claim must name the service's audience
 * ({@value #PROPERTY}, by default the service's {@code spring.application.name}). A valid token of the same issuer
 * for another service, or one without an audience, is refused as invalid (401) with the reason in the problem's
 * detail.
 */
public final class TokenAudience {

    /** The property naming the audience a service accepts. */
    public static final String PROPERTY = "platform.security.audience";

    /** The {@code @Value} expression of the audience: {@value #PROPERTY}, else the application's name. */
    public static final String SETTING = "${" + PROPERTY + ":${spring.application.name:}}";

    private TokenAudience() {}

    /**
     * {@code decoder}, whose tokens are then accepted only when their {@code aud} names {@code audience}.
     *
     * @throws IllegalArgumentException when {@code audience} is blank: a service must say which tokens are its own
     */
    public static ReactiveJwtDecoder required(ReactiveJwtDecoder decoder, String audience) {
        if (!StringUtils.hasText(audience)) {
            throw new IllegalArgumentException(PROPERTY + " is blank: a resource server must name its audience");
        }
        return token -> decoder.decode(token).flatMap(jwt -> names(jwt, audience));
    }

    private static Mono<Jwt> names(Jwt jwt, String audience) {
        List<String> audiences = jwt.hasClaim("aud") ? jwt.getAudience() : List.of();
        if (audiences.contains(audience)) {
            return Mono.just(jwt);
        }
        return Mono.error(new BadJwtException(
                audiences.isEmpty()
                        ? "the token has no audience (aud); " + audience + " accepts only tokens for " + audience
                        : "the token is for " + String.join(", ", audiences) + ", not for " + audience));
    }
}
