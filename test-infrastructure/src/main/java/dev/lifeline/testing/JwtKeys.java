package dev.lifeline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A development key pair for the test JVM: the service verifies bearer tokens with its public key, and
 * {@link TestTokens} signs with the private one. The directory is passed through config, because the tests and this
 * resource may not share a class loader.
 */
public class JwtKeys implements QuarkusTestResourceLifecycleManager {

    public static final String KEYS_DIR = "lifeline.test.jwt-keys-dir";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("lifeline-jwt-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DevTokens tokens = DevTokens.generate(dir.resolve("keys"));
        return Map.of(
                "mp.jwt.verify.publickey.location", tokens.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", DevTokens.ISSUER,
                "mp.jwt.verify.audiences", DevTokens.AUDIENCE,
                KEYS_DIR, dir.resolve("keys").toString());
    }

    @Override
    public void stop() {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
