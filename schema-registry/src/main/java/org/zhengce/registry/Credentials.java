package org.zhengce.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.RegistrySettings.Role;

/**
 * The configured users and bearer tokens, and what a request's {@code Authorization} header proves. Secrets are kept
 * only as SHA-256 digests (configured as such with {@code {sha256}}, or digested at start) and a presented secret is
 * digested and compared in constant time, so neither its length nor its first wrong byte shows in the answer's time.
 */
final class Credentials {

    /** The prefix of a secret configured as the hex SHA-256 of its UTF-8 bytes. */
    static final String SHA256 = "{sha256}";

    private static final byte[] NO_USER = new byte[32];

    private final Map<String, Known> users;
    private final List<Known> bearerTokens;

    private record Known(byte[] digest, Role role) {}

    Credentials(RegistrySettings.Auth auth) {
        this.users = auth.users().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        user -> known(
                                user.getValue().password(), user.getValue().role())));
        this.bearerTokens = auth.bearerTokens().values().stream()
                .map(token -> known(token.token(), token.role()))
                .toList();
    }

    /**
     * The role the {@code Authorization} header's credentials hold: HTTP basic of a configured user, or a configured
     * bearer token; {@code null} when they are malformed or match nobody.
     */
    @Nullable
    Role roleOf(String authorization) {
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).strip());
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).strip());
        }
        return null;
    }

    private @Nullable Role basic(String encoded) {
        String userInfo;
        try {
            userInfo = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Known user = users.get(userInfo.substring(0, colon));
        // an unknown user costs the same digest and comparison as a known one
        boolean matches =
                MessageDigest.isEqual(user == null ? NO_USER : user.digest(), digest(userInfo.substring(colon + 1)));
        return user != null && matches ? user.role() : null;
    }

    private @Nullable Role bearer(String token) {
        byte[] presented = digest(token);
        Role role = null;
        // every token compared, so the time does not tell which one matched
        for (Known known : bearerTokens) {
            if (MessageDigest.isEqual(known.digest(), presented)) {
                role = known.role();
            }
        }
        return role;
    }

    private static Known known(@Nullable String secret, @Nullable Role role) {
        if (secret == null || role == null) {
            throw new IllegalArgumentException("a credential needs a secret and a role");
        }
        byte[] digest =
                secret.startsWith(SHA256) ? HexFormat.of().parseHex(secret.substring(SHA256.length())) : digest(secret);
        return new Known(digest, role);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
