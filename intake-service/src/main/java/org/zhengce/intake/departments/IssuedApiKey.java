package org.zhengce.intake.departments;

import java.time.Instant;

/**
 * A freshly issued API key. {@link #apiKey()} ({@code <keyId>.<secret>}) is shown once, in the response
 * that issues it; only a hash of the secret is stored.
 */
public record IssuedApiKey(String department, String keyId, String apiKey, Instant createdAt) {

    @Override
    public String toString() {
        return "IssuedApiKey[department=" + department + ", keyId=" + keyId + ", apiKey=***]";
    }
}
