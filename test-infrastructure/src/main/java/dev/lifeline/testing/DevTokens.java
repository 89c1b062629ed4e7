package dev.lifeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Development bearer tokens: an RSA-2048 key pair per run (PEM files the services verify with) and RS256 JWTs signed
 * with the JDK alone, for the roles the support and admin APIs know.
 */
public final class DevTokens {

    public static final String ISSUER = "https://lifeline.local/dev";
    /** The audience every service requires ({@code mp.jwt.verify.audiences}): tokens minted for Lifeline. */
    public static final String AUDIENCE = "lifeline";
    public static final List<String> ROLES = List.of("admin", "gateway", "support-agent", "support-supervisor");
    public static final Duration LIFETIME = Duration.ofHours(1);

    static final String PUBLIC_KEY_FILE = "public-key.pem";
    static final String PRIVATE_KEY_FILE = "private-key.pem";

    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final Path publicKeyFile;

    private DevTokens(PublicKey publicKey, PrivateKey privateKey, Path publicKeyFile) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** Generates a new key pair into {@code keysDir} (public-key.pem for the services, private-key.pem readable by us only). */
    public static DevTokens generate(Path keysDir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Directories.recreate(keysDir);
            Path publicFile = keysDir.resolve(PUBLIC_KEY_FILE);
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Path privateFile = keysDir.resolve(PRIVATE_KEY_FILE);
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return new DevTokens(pair.getPublic(), pair.getPrivate(), publicFile);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate RSA keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the keys to " + keysDir, e);
        }
    }

    /** A new RSA-2048 private key as PKCS#8 PEM, for a service that signs what it sends (Security Event Tokens). */
    public static String newSigningKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate RSA keys", e);
        }
    }

    /** The key pair a previous {@link #generate} wrote. */
    public static DevTokens load(Path keysDir) {
        Path publicFile = keysDir.resolve(PUBLIC_KEY_FILE);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(fromPem(Files.readString(publicFile))));
            PrivateKey privateKey = rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(fromPem(Files.readString(keysDir.resolve(PRIVATE_KEY_FILE)))));
            return new DevTokens(publicKey, privateKey, publicFile);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the keys in " + keysDir + " are not a PEM RSA key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the keys in " + keysDir, e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A token for {@code subject} in {@code role}, valid for an hour from now. */
    public String sign(String role, String subject) {
        return sign(role, subject, Instant.now());
    }

    public String sign(String role, String subject, Instant issuedAt) {
        return sign(role, subject, subject, issuedAt);
    }

    /**
     * A token for {@code subject} in {@code role} whose principal name ({@code upn}) is {@code name}, as an identity
     * provider issues it that lets people choose or change their names: one person under two names, or two people
     * under one, for the rules that must tell people apart by {@code sub} and not by name.
     */
    public String sign(String role, String subject, String name, Instant issuedAt) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; use one of " + String.join(", ", ROLES));
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("the subject must not be blank");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the name must not be blank");
        }
        long iat = issuedAt.getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + json(ISSUER)
                + ",\"aud\":" + json(AUDIENCE)
                + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(name)
                + ",\"groups\":[" + json(role) + "]"
                + ",\"iat\":" + iat
                + ",\"exp\":" + (iat + LIFETIME.toSeconds())
                + ",\"jti\":" + json(UUID.randomUUID().toString())
                + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] fromPem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
    }

    /** A JSON string literal. */
    public static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
