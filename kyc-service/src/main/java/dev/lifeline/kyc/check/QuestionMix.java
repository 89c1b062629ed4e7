package dev.lifeline.kyc.check;

import dev.lifeline.kyc.profile.QuestionCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which catalogue questions real checks show, so that a check without questions on file (a decoy, an account
 * without a profile or with too few catalogue questions) shows keys in the same proportions: were a decoy's keys
 * uniform while real owners mostly pick "first-pet", a rarely chosen question would hint "decoy".
 *
 * <p>A real check shows {@code questionsShown} of its profile's k keys, each with chance questionsShown/k; so a
 * key's weight is the sum of 1/k over the profiles holding it (only profiles that can be shown: at least
 * questionsShown keys), counted from the profile table in one query. The counts are cached and counted again after
 * {@link CheckConfig#questionMixRefresh()} by the first read that finds them stale — no scheduler, and at most one
 * query an interval per instance. While fewer keys have a weight than a check shows (no profiles yet), every
 * catalogue key weighs the same. Only aggregate counts are read, never whose profile holds what.
 */
@ApplicationScoped
public class QuestionMix {

    private record Counted(Map<String, Double> weights, Instant at) {
    }

    private final EntityManager entityManager;
    private final CheckConfig config;
    private volatile Counted counted;

    QuestionMix(EntityManager entityManager, CheckConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** The keys a check without questions on file shows, stable while the mix is; counts in a transaction. */
    @Transactional
    public List<String> draw(UUID recoveryId) {
        int count = config.questionsShown();
        return QuestionDraw.weighted(recoveryId, weights(count), count);
    }

    private Map<String, Double> weights(int count) {
        Counted current = counted;
        Instant now = Instant.now();
        if (current == null || !now.isBefore(current.at().plus(config.questionMixRefresh()))) {
            current = new Counted(count(), now);
            counted = current;
        }
        return current.weights().size() >= count ? current.weights() : uniform();
    }

    private Map<String, Double> count() {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT question_key, sum(1.0 / keys) FROM (
                            SELECT question_key, count(*) OVER (PARTITION BY account_id) AS keys
                            FROM kyc_security_question WHERE question_key IS NOT NULL) asked
                        WHERE keys >= :shown GROUP BY question_key""")
                .setParameter("shown", config.questionsShown())
                .getResultList();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            String key = (String) columns[0];
            if (QuestionCatalogue.contains(key)) {
                weights.put(key, ((Number) columns[1]).doubleValue());
            }
        }
        // Catalogue order, so that the same counts give the same draw on every instance.
        Map<String, Double> ordered = new LinkedHashMap<>();
        QuestionCatalogue.KEYS.stream().filter(weights::containsKey).forEach(key -> ordered.put(key, weights.get(key)));
        return Collections.unmodifiableMap(ordered);
    }

    private static Map<String, Double> uniform() {
        Map<String, Double> uniform = new LinkedHashMap<>();
        QuestionCatalogue.KEYS.forEach(key -> uniform.put(key, 1.0));
        return uniform;
    }
}
