package dev.lifeline.kyc.profile;

import dev.lifeline.http.locale.Locales;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only security questions there are: a profile stores their keys, and every identity check — a real one, a
 * decoy's, an account's without questions on file — shows their texts in the reader's language. Owners once typed
 * their own questions, in their own language: a text outside the catalogue, or one that ignored the reader's
 * language, told a real check from a decoy (issue 22.1).
 *
 * <p>Keys are stable: stored in profiles and sent by the back office. V5__security_question_keys.sql maps the texts
 * below onto them; a new question gets a new key, and a changed text keeps its key.
 */
public final class QuestionCatalogue {

    private record Texts(String english, String chinese) {
    }

    private static final Map<String, Texts> QUESTIONS = new LinkedHashMap<>();

    static {
        QUESTIONS.put("first-school", new Texts("What was the name of your first school?", "您的小学学校名称是？"));
        QUESTIONS.put("first-pet", new Texts("What was the name of your first pet?", "您的第一只宠物叫什么名字？"));
        QUESTIONS.put("parents-wedding-city", new Texts("In which city were your parents married?", "您父母在哪个城市结婚？"));
        QUESTIONS.put("mother-maiden-name", new Texts("What is your mother's maiden name?", "您母亲的姓名是？"));
        QUESTIONS.put("first-car-make", new Texts("What was the make of your first car?", "您的第一辆车是什么品牌？"));
        QUESTIONS.put("childhood-nickname", new Texts("What was your childhood nickname?", "您小时候的昵称是？"));
        QUESTIONS.put("childhood-street", new Texts("What is the name of the street you grew up on?", "您童年居住的街道名称是？"));
        QUESTIONS.put("favourite-teacher", new Texts("Who was your favourite teacher?", "您最喜欢的老师姓什么？"));
    }

    /** Every key, in catalogue order. */
    public static final List<String> KEYS = List.copyOf(QUESTIONS.keySet());

    private QuestionCatalogue() {
    }

    public static boolean contains(String key) {
        return key != null && QUESTIONS.containsKey(key);
    }

    /** The question's text in a supported language ({@link Locales}); English for any other. */
    public static String text(String key, String language) {
        Texts texts = QUESTIONS.get(key);
        if (texts == null) {
            throw new IllegalArgumentException("not a catalogue question: " + key);
        }
        return Locales.CHINESE.equals(language) ? texts.chinese() : texts.english();
    }

    /** The key of a text as the catalogue words it, in any of its languages. */
    public static Optional<String> keyOf(String text) {
        return QUESTIONS.entrySet().stream()
                .filter(e -> e.getValue().english().equals(text) || e.getValue().chinese().equals(text))
                .map(Map.Entry::getKey).findFirst();
    }
}
