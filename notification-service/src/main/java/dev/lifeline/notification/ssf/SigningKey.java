package dev.lifeline.notification.ssf;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The RSA key that signs every Security Event Token, and its public half as the JWK that receivers verify with.
 * Loaded (or, in dev and test, made up) when the service starts, so that production without a key fails at once
 * rather than at the first password change.
 */
@Startup
@ApplicationScoped
public class SigningKey {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);
    private static final String PROPERTY = "lifeline.ssf.signing-key";
    /** RS256 with less is refused by receivers (and by jose4j). */
    private static final int MIN_BITS = 2048;

    private final PrivateKey privateKey;
    private final RsaJsonWebKey publicJwk;

    @Inject
    SigningKey(SsfConfig config) {
        this(config.signingKey(), config.keyId(), LaunchMode.current());
    }

    /**
     * @throws IllegalStateException in production without a key, or for a key that is not an RSA PKCS#8 PEM
     */
    SigningKey(Optional<String> pem, Optional<String> keyId, LaunchMode mode) {
        Optional<String> configured = pem.filter(p -> !p.isBlank());
        if (configured.isEmpty() && mode == LaunchMode.NORMAL) {
            throw new IllegalStateException(PROPERTY + " is not set (LIFELINE_SSF_SIGNING_KEY): Security Event Tokens"
                    + " need an RSA private key of at least " + MIN_BITS + " bits in PKCS#8 PEM (BEGIN PRIVATE KEY),"
                    + " e.g. openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048");
        }
        try {
            RSAPrivateCrtKey key = configured.isPresent() ? parse(configured.get()) : generate();
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            if (publicKey.getModulus().bitLength() < MIN_BITS) {
                throw new IllegalStateException(PROPERTY + ": the RSA key has " + publicKey.getModulus().bitLength()
                        + " bits, at least " + MIN_BITS + " are needed");
            }
            this.privateKey = key;
            this.publicJwk = new RsaJsonWebKey(publicKey);
            publicJwk.setUse("sig");
            publicJwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            publicJwk.setKeyId(keyId.filter(k -> !k.isBlank()).orElse(publicJwk.calculateBase64urlEncodedThumbprint("SHA-256")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(PROPERTY + " is not an RSA private key in PKCS#8 PEM (BEGIN PRIVATE KEY)", e);
        }
        if (configured.isEmpty()) {
            LOG.warnf("%s is not set: signing Security Event Tokens with an ephemeral key (kid %s); receivers must"
                    + " fetch the JWKS again after every restart", PROPERTY, keyId());
        } else {
            LOG.infof("Security Event Tokens are signed with key %s", keyId());
        }
    }

    /** Only the SETs' signer needs it; it never leaves this package. */
    PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return publicJwk.getKeyId();
    }

    public RSAPublicKey publicKey() {
        return publicJwk.getRsaPublicKey();
    }

    /** The public JWK ({@code kty, n, e, kid, use, alg}): what {@code /.well-known/jwks.json} lists. */
    public Map<String, Object> publicJwk() {
        return publicJwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static RSAPrivateCrtKey parse(String pem) throws GeneralSecurityException {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException(PROPERTY + " is a PKCS#1 key (BEGIN RSA PRIVATE KEY); convert it to PKCS#8"
                    + " with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalStateException(PROPERTY + " is not a PKCS#8 PEM (BEGIN PRIVATE KEY); an encrypted key"
                    + " or a certificate will not do");
        }
        // Environments often carry the PEM on one line with literal "\n" separators.
        String base64 = pem.replace("\\n", "\n")
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + ": the PEM's body is not base64", e);
        }
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException(PROPERTY + ": the key lacks its CRT parameters, so its public half is unknown");
        }
        return crt;
    }

    private static RSAPrivateCrtKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(MIN_BITS);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }
}
