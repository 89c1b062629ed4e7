package dev.lifeline.http.client;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * {@code lifeline.http.trusted-proxies} ({@code LIFELINE_HTTP_TRUSTED_PROXIES}): the gateway's addresses or CIDR
 * ranges, or {@value TrustedProxies#NONE}. Dev and test trust loopback; production trusts nobody by default and
 * refuses to start until the operator says which proxies to believe — a guess either way is wrong: trusting too
 * much lets clients choose their address, trusting too little counts every user behind the gateway as one.
 */
@ApplicationScoped
class ClientAddressConfig {

    static final String PROPERTY = "lifeline.http.trusted-proxies";

    private static volatile TrustedProxies trusted = TrustedProxies.none();

    void configure(@Observes StartupEvent started, @ConfigProperty(name = PROPERTY) Optional<List<String>> proxies) {
        trusted = trustedProxies(proxies, LaunchMode.current());
    }

    /** @throws IllegalStateException in production without the setting, or for an entry that is not an address */
    static TrustedProxies trustedProxies(Optional<List<String>> proxies, LaunchMode mode) {
        if (proxies.isEmpty() && mode == LaunchMode.NORMAL) {
            throw new IllegalStateException(PROPERTY + " is not set: give the gateway's addresses (or '"
                    + TrustedProxies.NONE + "' when no proxy is in front), e.g. LIFELINE_HTTP_TRUSTED_PROXIES=10.0.0.0/8");
        }
        try {
            return TrustedProxies.parse(proxies.orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + ": " + e.getMessage(), e);
        }
    }

    static TrustedProxies trustedProxies() {
        return trusted;
    }
}
