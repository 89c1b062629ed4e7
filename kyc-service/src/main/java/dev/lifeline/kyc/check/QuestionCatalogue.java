package dev.lifeline.kyc.check;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plausible security questions for a check that has no profile behind it (a decoy, an account without KYC data):
 * drawn from the recovery's id, so repeated reads agree, between 2 and 5 of them like a real profile's, in the
 * reader's language.
 */
final class QuestionCatalogue {

    private static final Map<String, List<String>> QUESTIONS = Map.of(
            "en", List.of("What was the name of your first school?", "What was the name of your first pet?",
                    "In which city were your parents married?", "What is your mother's maiden name?",
                    "What was the make of your first car?", "What was your childhood nickname?",
                    "What is the name of the street you grew up on?", "Who was your favourite teacher?"),
            "zh-CN", List.of("您的小学学校名称是？", "您的第一只宠物叫什么名字？", "您父母在哪个城市结婚？",
                    "您母亲的姓名是？", "您的第一辆车是什么品牌？", "您小时候的昵称是？",
                    "您童年居住的街道名称是？", "您最喜欢的老师姓什么？"));

    private QuestionCatalogue() {
    }

    static List<String> draw(UUID recoveryId, String language) {
        List<String> catalogue = QUESTIONS.getOrDefault(language, QUESTIONS.get("en"));
        byte[] seed = digest(recoveryId);
        int count = count(seed);
        List<String> pool = new ArrayList<>(catalogue);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawn.add(pool.remove(Byte.toUnsignedInt(seed[i + 1]) % pool.size()));
        }
        return drawn;
    }

    /** How many questions {@link #draw} shows for the recovery, in any language. */
    static int count(UUID recoveryId) {
        return count(digest(recoveryId));
    }

    private static int count(byte[] seed) {
        return 2 + Byte.toUnsignedInt(seed[0]) % 4;
    }

    private static byte[] digest(UUID recoveryId) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(recoveryId.getMostSignificantBits())
                    .putLong(recoveryId.getLeastSignificantBits());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("lifeline-kyc-questions".getBytes(StandardCharsets.US_ASCII));
            return sha.digest(bytes.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
