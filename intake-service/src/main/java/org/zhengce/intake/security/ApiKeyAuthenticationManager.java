package org.zhengce.intake.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.zhengce.intake.departments.DepartmentPrincipal;
import org.zhengce.intake.departments.DepartmentRegistry;
import reactor.core.publisher.Mono;

/**
 * Checks an {@code X-API-Key}: the configured admin key gives role {@code PLATFORM_ADMIN}; a department's key
 * gives authority {@code DEPARTMENT}. An unknown, revoked or wrong key is refused (401); a key of a disabled
 * department is refused naming it (403).
 */
final class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

    static final String ADMIN = "platform-admin";
    static final String ADMIN_ROLE = "ROLE_PLATFORM_ADMIN";

    private final DepartmentRegistry registry;
    private final byte @Nullable [] adminKeyHash;

    ApiKeyAuthenticationManager(DepartmentRegistry registry, SecuritySettings settings) {
        this.registry = registry;
        String hash = settings.admin().apiKeyHash();
        this.adminKeyHash =
                settings.admin().hasApiKey() && hash != null ? HexFormat.of().parseHex(hash) : null;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String apiKey = String.valueOf(authentication.getCredentials());
        if (adminKeyHash != null && MessageDigest.isEqual(sha256(apiKey), adminKeyHash)) {
            return Mono.just(UsernamePasswordAuthenticationToken.authenticated(
                    ADMIN, null, List.of(new SimpleGrantedAuthority(ADMIN_ROLE))));
        }
        return registry.departmentOfKey(apiKey)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("invalid API key")))
                .flatMap(department -> department.enabled()
                        ? Mono.just(new DepartmentAuthentication(
                                new DepartmentPrincipal(department),
                                List.of(new SimpleGrantedAuthority(DepartmentPrincipal.AUTHORITY))))
                        : Mono.error(new DisabledException("department " + department.code() + " is disabled")));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
