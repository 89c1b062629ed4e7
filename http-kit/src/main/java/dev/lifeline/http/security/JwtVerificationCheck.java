package dev.lifeline.http.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.List;

/**
 * Refuses to start a service that would accept bearer tokens from any issuer or for any audience: smallrye-jwt
 * checks {@code iss} and {@code aud} only when they are configured, so a forgotten environment variable
 * ({@code MP_JWT_VERIFY_ISSUER}, {@code MP_JWT_VERIFY_AUDIENCES}) would silently accept another system's tokens
 * signed by the same identity provider.
 */
@ApplicationScoped
class JwtVerificationCheck {

    static final List<String> REQUIRED = List.of("mp.jwt.verify.issuer", "mp.jwt.verify.audiences");

    void requireIssuerAndAudience(@Observes StartupEvent started, Config config) {
        List<String> missing = REQUIRED.stream()
                .filter(name -> config.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Bearer tokens need an expected issuer and audience: set "
                    + String.join(" and ", missing) + " (e.g. MP_JWT_VERIFY_ISSUER, MP_JWT_VERIFY_AUDIENCES)");
        }
    }
}
