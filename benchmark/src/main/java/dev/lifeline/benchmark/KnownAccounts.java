package dev.lifeline.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The accounts the recovery starts name: {@code bench-0}, {@code bench-1}, … (verified email, SUSPENDED phone), cloned
 * in identity-service's database from one account made through its API. Made through the API each would cost an
 * Argon2id hash; a start never checks a password, so the clones share the template's hash.
 */
final class KnownAccounts {

    private KnownAccounts() {
    }

    static String username(long index) {
        return "bench-" + index;
    }

    /** Clones {@code template} (an account id) {@code count} times; returns the template's password hash. */
    static String cloneFrom(Connection identity, UUID template, long count) throws SQLException {
        try (PreparedStatement insert = identity.prepareStatement("""
                INSERT INTO account (id, username, email, email_verified, phone, phone_status, locale, mfa_enrolled,
                                     password_hash, password_changed_at, created_at, version)
                SELECT gen_random_uuid(), 'bench-' || i, 'bench-' || i || '@benchmark.example', true,
                       '+86139' || lpad(i::text, 8, '0'), 'SUSPENDED', t.locale, false, t.password_hash, now(), now(), 0
                FROM account t, generate_series(0, ? - 1) AS i WHERE t.id = ?""")) {
            insert.setLong(1, count);
            insert.setObject(2, template);
            if (insert.executeUpdate() != count) {
                throw new IllegalStateException("could not clone " + count + " accounts from " + template);
            }
        }
        try (PreparedStatement hash = identity.prepareStatement("SELECT password_hash FROM account WHERE id = ?")) {
            hash.setObject(1, template);
            try (ResultSet row = hash.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
