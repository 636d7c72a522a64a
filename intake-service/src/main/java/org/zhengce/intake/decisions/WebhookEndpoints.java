package org.zhengce.intake.decisions;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** What makes a URL a webhook endpoint intake will call: absolute, HTTPS (plain HTTP only where allowed), a host. */
final class WebhookEndpoints {

    /**
     * Why an endpoint is refused.
     *
     * @param rule {@code webhook.url} (not an absolute URL with a host) or {@code webhook.https}
     */
    record EndpointProblem(String rule, String detail) {}

    private WebhookEndpoints() {}

    static Optional<EndpointProblem> check(URI url, boolean allowPlainHttp) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null) {
            return Optional.of(new EndpointProblem(
                    "webhook.url", "the endpoint must be an absolute URL with a host and no user information"));
        }
        if (scheme.equals("https") || (scheme.equals("http") && allowPlainHttp)) {
            return Optional.empty();
        }
        return Optional.of(new EndpointProblem(
                "webhook.https",
                "the endpoint must be https:// (decisions name households); http:// only where"
                        + " intake.decisions.allow-plain-http is set, for local runs and demos"));
    }
}
