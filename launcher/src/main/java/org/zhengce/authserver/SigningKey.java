package org.zhengce.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RS256 key pair that signs every token: generated on the first run into {@code auth-server-signing-key.json}
 * (a private JWK, owner-only) and read from there afterwards, so tokens issued before a restart stay valid and
 * resource servers keep the {@code kid} they cached.
 */
final class SigningKey {

    static final String FILE = "auth-server-signing-key.json";

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private SigningKey() {}

    static RSAKey loadOrCreate(Path secretsDirectory) {
        Path file = secretsDirectory.resolve(FILE);
        if (Files.exists(file)) {
            try {
                RSAKey key = RSAKey.parse(SecretFiles.read(file));
                if (!key.isPrivate()) {
                    throw new IllegalStateException(file + " holds no private key");
                }
                return key;
            } catch (ParseException e) {
                throw new IllegalStateException(file + " is not an RSA JWK: " + e.getMessage(), e);
            }
        }
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            SecretFiles.write(file, key.toJSONString());
            log.info("generated the token signing key {} into {}", key.getKeyID(), file);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }
}
