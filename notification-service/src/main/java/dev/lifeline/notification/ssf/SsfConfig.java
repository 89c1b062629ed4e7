package dev.lifeline.notification.ssf;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code lifeline.ssf.*}: how this service speaks as a Shared Signals transmitter. Every key under the prefix
 * belongs here, because SmallRye refuses unknown keys in a mapping's namespace.
 */
@ConfigMapping(prefix = "lifeline.ssf")
public interface SsfConfig {

    /**
     * The transmitter's public base URL, without a path ({@code LIFELINE_SSF_ISSUER}): the {@code iss} of every SET
     * and the base of the published metadata, so that a receiver finds {@code <issuer>/.well-known/ssf-configuration}.
     */
    URI issuer();

    /** The JWS {@code kid}; without it, the key's RFC 7638 thumbprint, which changes by itself when the key does. */
    Optional<String> keyId();

    /**
     * The RSA private key (≥ 2048 bits) in PKCS#8 PEM, the file's content ({@code LIFELINE_SSF_SIGNING_KEY}).
     * Production refuses to start without it; dev and test make an ephemeral one.
     */
    Optional<String> signingKey();

    /** Where SETs are pushed (RFC 8935); none configured means the channel skips. */
    List<Receiver> receivers();

    /** One relying party's push endpoint. */
    interface Receiver {

        URI url();

        /**
         * The receiver's {@code aud}, required (issue 28.1): a receiver that checks it is the audience, as its JOSE
         * library does when asked, rejected every SET without one, and one that trusts this issuer's keys accepted a
         * token meant for another receiver. A receiver without one stops the service at start-up.
         */
        String audience();

        /** Sent as {@code Authorization: Bearer ...} when the receiver asks for it; a secret, from the environment. */
        Optional<String> bearerToken();
    }
}
