package dev.lifeline.http.headers;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersFilterTest {

    @Test
    void everyAnswerIsUncachedUnsniffedAndWithoutReferrer() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json");

        SecurityHeadersFilter.secure(headers);

        assertThat(headers.get("Cache-Control")).isEqualTo("no-store");
        assertThat(headers.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.contains("Content-Security-Policy")).isFalse();
    }

    @Test
    void htmlPagesAlsoGetAStrictPolicyAndCannotBeFramed() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "text/html;charset=UTF-8");

        SecurityHeadersFilter.secure(headers);

        assertThat(headers.get("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(headers.get("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void aCacheableAnswerOfARouteIsOverruled() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Cache-Control", "public, max-age=3600");

        SecurityHeadersFilter.secure(headers);

        assertThat(headers.getAll("Cache-Control")).containsExactly("no-store");
    }
}
