package dev.lifeline.identity.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The most common passwords, offline (NIST SP 800-63B-4 §3.1.1.2: compare new passwords against a blocklist of
 * commonly used, expected or compromised values). The list is the one nbvcxz ships in its jar,
 * {@value #RESOURCE}: the 100,000 passwords most often found in breach corpora, most common first (96,520 once
 * case is folded). It is matched whole and case-insensitively, so it refuses "Password1" even where the estimator,
 * which scores partial matches, would be unsure; it also holds when the estimator runs out of time.
 */
public final class PasswordBlocklist {

    static final String RESOURCE = "dictionaries/passwords.txt";

    private final Set<String> passwords;

    private PasswordBlocklist(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    /** The {@code size} most common passwords of the bundled list (all of it when larger). */
    public static PasswordBlocklist mostCommon(int size) {
        InputStream in = PasswordBlocklist.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing: nbvcxz must be on the class path");
        }
        Set<String> passwords = new HashSet<>(Math.min(size, 200_000) * 2);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (passwords.size() < size && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    passwords.add(normalise(line.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        return new PasswordBlocklist(passwords);
    }

    public boolean contains(CharSequence password) {
        return password != null && passwords.contains(normalise(password.toString()));
    }

    public int size() {
        return passwords.size();
    }

    private static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
