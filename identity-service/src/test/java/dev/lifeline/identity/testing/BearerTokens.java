package dev.lifeline.identity.testing;

import dev.lifeline.testing.JwtKeys;

import dev.lifeline.testing.DevTokens;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bearer tokens with any claims, signed with {@link JwtKeys}' key or another one: what an attacker or a
 * misconfigured identity provider could send. {@link #valid} is what the service must accept; each other
 * method changes one thing about it.
 */
public final class BearerTokens {

    private static PrivateKey serviceKey;
    private static PrivateKey otherKey;

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private boolean signedWithAnotherKey;

    private BearerTokens() {
    }

    /** A token the service accepts: right key, issuer and audience, a subject, unexpired, in {@code role}. */
    public static BearerTokens valid(String role, String subject) {
        BearerTokens token = new BearerTokens();
        long now = Instant.now().getEpochSecond();
        token.claims.put("iss", DevTokens.ISSUER);
        token.claims.put("aud", DevTokens.AUDIENCE);
        token.claims.put("sub", subject);
        token.claims.put("upn", subject);
        token.claims.put("groups", List.of(role));
        token.claims.put("iat", now);
        token.claims.put("exp", now + Duration.ofHours(1).toSeconds());
        token.claims.put("jti", UUID.randomUUID().toString());
        return token;
    }

    public BearerTokens expired() {
        long past = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        claims.put("iat", past);
        claims.put("exp", past + Duration.ofHours(1).toSeconds());
        return this;
    }

    public BearerTokens issuer(String issuer) {
        claims.put("iss", issuer);
        return this;
    }

    public BearerTokens audience(String audience) {
        claims.put("aud", audience);
        return this;
    }

    public BearerTokens without(String claim) {
        claims.remove(claim);
        return this;
    }

    public BearerTokens signedWithAnotherKey() {
        signedWithAnotherKey = true;
        return this;
    }

    public String sign() {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = base64Url(header) + "." + base64Url(json(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signedWithAnotherKey ? otherKey() : serviceKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized PrivateKey serviceKey() throws GeneralSecurityException {
        if (serviceKey == null) {
            Path dir = Path.of(ConfigProvider.getConfig().getValue(JwtKeys.KEYS_DIR, String.class));
            try {
                String pem = Files.readString(dir.resolve("private-key.pem"));
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
                serviceKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return serviceKey;
    }

    private static synchronized PrivateKey otherKey() throws GeneralSecurityException {
        if (otherKey == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            otherKey = generator.generateKeyPair().getPrivate();
        }
        return otherKey;
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BearerTokens::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
