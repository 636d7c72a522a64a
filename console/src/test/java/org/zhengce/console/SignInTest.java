package org.zhengce.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SignInTest {

    @Test
    void returnsOnlyToPathsOfThisOrigin() {
        assertThat(SignIn.samePath("/cases/42?tab=plan")).isEqualTo("/cases/42?tab=plan");
        assertThat(SignIn.samePath(null)).isEqualTo("/");
        assertThat(SignIn.samePath("https://evil.example/")).isEqualTo("/");
        assertThat(SignIn.samePath("//evil.example/x")).isEqualTo("/");
        assertThat(SignIn.samePath("/\\evil.example")).isEqualTo("/");
        assertThat(SignIn.samePath("/cases\r\nSet-Cookie: x")).isEqualTo("/");
        assertThat(SignIn.samePath("cases")).isEqualTo("/");
    }

    @Test
    void linksOfTheServiceBecomeTheRelaysPaths() {
        URI referral = URI.create("http://localhost:8183");
        assertThat(ServiceRelay.relayed("</cases/mine?cursor=abc>; rel=\"next\"", "/api/referral", referral))
                .isEqualTo("</api/referral/cases/mine?cursor=abc>; rel=\"next\"");
        assertThat(ServiceRelay.relayed(
                        "<http://localhost:8183/worklist?area=110105001&cursor=x>; rel=\"next\"",
                        "/api/referral",
                        referral))
                .isEqualTo("</api/referral/worklist?area=110105001&cursor=x>; rel=\"next\"");
        assertThat(ServiceRelay.relayed("/cases/42", "/api/referral", referral)).isEqualTo("/api/referral/cases/42");
        assertThat(ServiceRelay.relayed("https://elsewhere.example/x", "/api/referral", referral))
                .isEqualTo("https://elsewhere.example/x");
    }

    @Test
    void contentSecurityPolicyAllowsOnlyThisOriginAndTheIdentityProvidersForms() {
        assertThat(SecurityConfiguration.contentSecurityPolicy(URI.create("https://sso.city.example/realms/x/auth")))
                .contains("script-src 'self'")
                .contains("connect-src 'self'")
                .contains("frame-ancestors 'none'")
                .endsWith("form-action 'self' https://sso.city.example");
    }
}
