package dev.lifeline.identity.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The rate limiter's fixed windows, as the service aligns them (to the epoch). A test that counts requests into
 * one window first waits for a fresh one, so that a window boundary cannot fall between its requests.
 */
public final class RateLimitWindows {

    private RateLimitWindows() {
    }

    public static Duration window() {
        return ConfigProvider.getConfig().getValue("lifeline.rate-limit.window", Duration.class);
    }

    /** Returns within the first quarter of a window. */
    public static void awaitFreshWindow() {
        long windowMillis = window().toMillis();
        await().atMost(window().multipliedBy(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() % windowMillis < windowMillis / 4);
    }
}
