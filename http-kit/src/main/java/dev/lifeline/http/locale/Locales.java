package dev.lifeline.http.locale;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages every message and page is written in (zh-CN, en), and how a stored locale or an
 * {@code Accept-Language} header maps onto them; anything else gets {@link #DEFAULT}.
 */
public final class Locales {

    public static final String CHINESE = "zh-CN";
    public static final String ENGLISH = "en";
    public static final String DEFAULT = ENGLISH;
    private static final List<String> SUPPORTED = List.of(CHINESE, ENGLISH);

    private Locales() {
    }

    /** The supported language closest to a tag such as {@code zh-CN}, {@code zh}, {@code en-GB}. */
    public static String supported(String tag) {
        return tag == null ? DEFAULT : match(tag).orElse(DEFAULT);
    }

    private static Optional<String> match(String tag) {
        String language = Locale.forLanguageTag(tag.strip()).getLanguage();
        return SUPPORTED.stream()
                .filter(candidate -> Locale.forLanguageTag(candidate).getLanguage().equals(language))
                .findFirst();
    }

    /** The first supported language of an {@code Accept-Language} header, for pages nothing else decides. */
    public static String ofAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .map(Locale.LanguageRange::getRange)
                    .map(Locales::match)
                    .flatMap(Optional::stream)
                    .findFirst().orElse(DEFAULT);
        } catch (IllegalArgumentException malformed) {
            return DEFAULT;
        }
    }
}
