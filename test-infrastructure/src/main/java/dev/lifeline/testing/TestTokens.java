package dev.lifeline.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.time.Instant;

/** Bearer tokens signed with {@link JwtKeys}' key, as the operator's identity provider would issue them. */
public final class TestTokens {

    private static DevTokens tokens;

    private TestTokens() {
    }

    public static String admin() {
        return sign("admin", "alice-admin");
    }

    public static String supportAgent() {
        return sign("support-agent", "bob-support");
    }

    public static String supportSupervisor() {
        return sign("support-supervisor", "carol-supervisor");
    }

    /**
     * The login gateway on its own account, bound to no user: what recovery codes and a gateway's readiness check-up
     * refuse (403).
     */
    public static String gateway() {
        return sign("gateway", "login-gateway");
    }

    /**
     * The login gateway calling for its signed-in user, as a token exchange (RFC 8693) issues it: the user's account
     * as subject, in the gateway role. Recovery codes and a gateway's readiness check-up need this.
     */
    public static String gatewayFor(java.util.UUID accountId) {
        return sign("gateway", accountId.toString());
    }

    public static String sign(String role, String subject) {
        return tokens().sign(role, subject);
    }

    /** A token for {@code subject} named {@code name} ({@code upn}): a person known by another name, or a namesake. */
    public static String sign(String role, String subject, String name) {
        return tokens().sign(role, subject, name, Instant.now());
    }

    private static synchronized DevTokens tokens() {
        if (tokens == null) {
            tokens = DevTokens.load(Path.of(ConfigProvider.getConfig().getValue(JwtKeys.KEYS_DIR, String.class)));
        }
        return tokens;
    }
}
