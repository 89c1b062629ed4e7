package dev.lifeline.identity.account;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Have I Been Pwned's Pwned Passwords range API with k-anonymity: the service sends the first five hex digits of
 * the password's SHA-1 and compares the returned suffixes itself, so neither the password nor its hash leaves.
 * {@code Add-Padding: true} makes every answer about the same size (padding entries have a count of 0), so an
 * observer of the encrypted traffic cannot tell the prefix from the answer's length.
 * <p>
 * When the range cannot be read (no network, timeout, an error status), the answer is "unknown" and the caller
 * falls back to the offline blocklist: an outage of a third party must not stop owners from resetting passwords.
 */
public final class BreachedPasswords {

    private static final Logger LOG = Logger.getLogger(BreachedPasswords.class);
    private static final int PREFIX_LENGTH = 5;

    private final URI rangeUrl;
    private final Duration timeout;
    private final HttpClient client;

    public BreachedPasswords(URI rangeUrl, Duration timeout) {
        this.rangeUrl = rangeUrl;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether the password appears in a breach corpus; empty when that could not be found out in time. */
    public Optional<Boolean> isBreached(CharSequence password) {
        String sha1 = sha1Hex(password.toString());
        String prefix = sha1.substring(0, PREFIX_LENGTH);
        String suffix = sha1.substring(PREFIX_LENGTH);
        HttpRequest request = HttpRequest.newBuilder(rangeUrl.resolve(prefix))
                .timeout(timeout)
                .header("Add-Padding", "true")
                .header("User-Agent", "lifeline-identity-service")
                .GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                LOG.warnf("Pwned Passwords answered %d; the new password is checked offline only", response.statusCode());
                return Optional.empty();
            }
            return Optional.of(response.body().lines().anyMatch(line -> appears(line, suffix)));
        } catch (IOException e) {
            LOG.warnf("Pwned Passwords unreachable (%s); the new password is checked offline only", e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code SUFFIX:COUNT}; padding lines have count 0 and never match. */
    private static boolean appears(String line, String suffix) {
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).strip().equalsIgnoreCase(suffix)) {
            return false;
        }
        try {
            return Long.parseLong(line.substring(colon + 1).strip()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String sha1Hex(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
