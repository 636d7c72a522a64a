package org.zhengce.authserver;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The authorisation server's settings ({@code auth-server.yml}; the launcher sets issuer, secrets directory and
 * the development token endpoint).
 *
 * @param issuer the {@code iss} of every token, and where resource servers find the JWK set
 *     ({@code <issuer>/oauth2/jwks}); fixed, so it must name the port the server listens on
 * @param secretsDirectory where the signing key and the generated demo password and client secrets are kept
 * @param devTokenEndpoint open {@code POST /dev/token}, a user's token for their password without a browser (local
 *     runs only)
 * @param accessTokenTimeToLive how long an access token is valid
 * @param console the console's client
 * @param swaggerUi the services' Swagger UI pages, signing in with the authorization-code flow and PKCE
 * @param users the demo users: they sign in with the demo password
 * @param departments the department codes of intake's registry that get a client-credentials client
 * @param audiences the services each kind of client's access tokens are for (their {@code aud})
 */
@Validated
@ConfigurationProperties("auth-server")
record AuthServerSettings(
        @NotNull URI issuer,
        @NotNull Path secretsDirectory,
        boolean devTokenEndpoint,
        @NotNull Duration accessTokenTimeToLive,
        @NotNull @Valid Console console,
        @NotNull @Valid SwaggerUi swaggerUi,
        @NotEmpty List<@Valid DemoUser> users,
        List<@Pattern(regexp = "[A-Z][A-Z_]*") String> departments,
        @NotNull @Valid Audiences audiences) {

    /**
     * The services an access token may be presented to; each service accepts only tokens whose {@code aud} names it
     * (its {@code platform.security.audience}).
     *
     * @param people a person's tokens (the console, Swagger UI, {@code /dev/token}): every service a person calls
     * @param departments a department's client-credentials tokens: intake alone
     */
    record Audiences(
            @NotEmpty List<String> people, @NotEmpty List<String> departments) {

        public Audiences {
            people = List.copyOf(people);
            departments = List.copyOf(departments);
        }
    }

    /**
     * @param clientId the console's backend-for-frontend: a confidential client (its secret generated on the first
     *     run), authorization code with PKCE, refresh tokens (ADR 0009)
     * @param redirectUris where the console receives the authorization code
     * @param postLogoutRedirectUris where the console may send the user after signing out
     * @param accessTokenTimeToLive how long the console's access tokens are valid (it renews them behind the page)
     * @param refreshTokenTimeToLive how long the console may renew the user's access token without a new sign-in
     */
    record Console(
            @NotEmpty String clientId,
            @NotEmpty List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            @NotNull Duration accessTokenTimeToLive,
            @NotNull Duration refreshTokenTimeToLive) {

        public Console {
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        }
    }

    /**
     * @param clientId the public client of the services' Swagger UI pages (no secret: PKCE)
     * @param redirectUris each service's {@code /swagger-ui/oauth2-redirect.html}
     */
    record SwaggerUi(@NotEmpty String clientId, List<String> redirectUris) {

        public SwaggerUi {
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        }
    }
}
