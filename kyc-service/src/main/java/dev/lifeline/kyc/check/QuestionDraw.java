package dev.lifeline.kyc.check;

import dev.lifeline.kyc.profile.QuestionCatalogue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Which catalogue questions a check shows, drawn from the recovery's id so that repeated reads agree: for a real
 * profile, some of its own keys; for a check with none behind it, keys weighted like real checks' ({@link QuestionMix}).
 * Both pick {@code count} distinct keys by the same successive weighted draw, and both show them in catalogue order:
 * the order an owner registered them in (often the form's) would otherwise differ from a decoy's random one.
 */
final class QuestionDraw {

    private QuestionDraw() {
    }

    /** {@code count} of the profile's keys, each equally likely. */
    static List<String> ofProfile(UUID recoveryId, List<String> keys, int count) {
        Map<String, Double> uniform = new LinkedHashMap<>();
        keys.forEach(key -> uniform.put(key, 1.0));
        return weighted(recoveryId, uniform, count);
    }

    /** {@code count} keys, each drawn in proportion to its weight among those not drawn yet. */
    static List<String> weighted(UUID recoveryId, Map<String, Double> weights, int count) {
        if (count > weights.size()) {
            throw new IllegalArgumentException(count + " questions from " + weights.size());
        }
        SplittableRandom random = new SplittableRandom(seed(recoveryId));
        Map<String, Double> pool = new LinkedHashMap<>(weights);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double total = pool.values().stream().mapToDouble(Double::doubleValue).sum();
            double point = random.nextDouble() * total;
            String chosen = null;
            for (Map.Entry<String, Double> entry : pool.entrySet()) {
                chosen = entry.getKey();
                point -= entry.getValue();
                if (point < 0) {
                    break;
                }
            }
            pool.remove(chosen);
            drawn.add(chosen);
        }
        drawn.sort(Comparator.comparingInt(QuestionCatalogue.KEYS::indexOf));
        return List.copyOf(drawn);
    }

    private static long seed(UUID recoveryId) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(recoveryId.getMostSignificantBits())
                    .putLong(recoveryId.getLeastSignificantBits());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("lifeline-kyc-questions".getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.wrap(sha.digest(bytes.array())).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
