package dev.lifeline.kyc.profile;

import dev.lifeline.events.IdentityFact;
import dev.lifeline.events.KycProfileChanged;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The identity facts on file for one account, in forms that can be compared and shown masked but never read back
 * ({@link FactHashing}): no raw ID number, name, city or answer is kept, so none can be returned or logged.
 */
@Entity
@Table(name = "kyc_profile")
public class KycProfile extends PanacheEntityBase {

    /** The fact kinds, which also key their HMACs. */
    static final String REAL_NAME = "real-name";
    static final String ID_NUMBER = "id-number";
    static final String REGISTRATION_CITY = "registration-city";

    /** How many security questions a profile holds: at least as many as every check shows. */
    public static final int FEWEST_QUESTIONS = 2;
    public static final int MOST_QUESTIONS = 5;

    /**
     * One security question: its {@link QuestionCatalogue} key and the hash of its normalised answer. A question an
     * owner typed before the catalogue (V5__security_question_keys.sql) that matches none of its texts is kept as
     * written, without a key: never shown to a token holder nor compared (its text would tell a real check from a
     * decoy), only listed to support so that the owner can choose a catalogue question instead. Nothing the owner
     * registered is dropped; the next PUT replaces it with the rest of the profile.
     */
    @Embeddable
    public static class SecurityQuestion {
        @Column(name = "question_key")
        private String key;

        @Column(name = "legacy_question")
        private String legacyQuestion;

        @Column(name = "answer_hash", nullable = false)
        private String answerHash;

        protected SecurityQuestion() {
        }

        SecurityQuestion(String key, String answerHash) {
            this.key = Objects.requireNonNull(key, "key");
            this.answerHash = Objects.requireNonNull(answerHash, "answerHash");
        }

        /** The catalogue key; empty for a question kept from before the catalogue. */
        public Optional<String> key() {
            return Optional.ofNullable(key);
        }

        /** The owner's own text of a question kept from before the catalogue; empty for a catalogue question. */
        public Optional<String> legacyQuestion() {
            return Optional.ofNullable(legacyQuestion);
        }

        public String answerHash() {
            return answerHash;
        }
    }

    /** The facts as given, each already checked ({@link ResidentIdNumber}, normalised answers). */
    public record Facts(String realName, ResidentIdNumber idNumber, String bankCardIssuer, String bankCardLast4,
                        String registrationCity, LocalDate registrationDate, List<Question> questions) {
        @Override
        public String toString() {
            return "Facts[" + idNumber + "]"; // masked
        }
    }

    /**
     * @param key              a {@link QuestionCatalogue} key
     * @param normalizedAnswer {@link AnswerNormalizer#normalize} of the answer as given
     */
    public record Question(String key, String normalizedAnswer) {
        public Question {
            if (!QuestionCatalogue.contains(key)) {
                throw new IllegalArgumentException("not a catalogue question: " + key);
            }
        }

        @Override
        public String toString() {
            return "Question[" + key + "]";
        }
    }

    @Id
    @Column(name = "account_id")
    private UUID accountId;

    @Column(name = "real_name_masked", nullable = false)
    private String realNameMasked;

    @Column(name = "real_name_hash", nullable = false)
    private String realNameHash;

    @Column(name = "id_number_hash", nullable = false)
    private String idNumberHash;

    @Column(name = "id_number_masked", nullable = false)
    private String idNumberMasked;

    @Column(name = "bank_card_issuer", nullable = false)
    private String bankCardIssuer;

    @Column(name = "bank_card_last4", nullable = false)
    private String bankCardLast4;

    @Column(name = "registration_city_hash", nullable = false)
    private String registrationCityHash;

    @Column(name = "registration_date", nullable = false)
    private LocalDate registrationDate;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "kyc_security_question", joinColumns = @JoinColumn(name = "account_id"))
    @OrderColumn(name = "position")
    private List<SecurityQuestion> securityQuestions = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /** For JPA. */
    protected KycProfile() {
    }

    static KycProfile create(UUID accountId, Instant now) {
        KycProfile profile = new KycProfile();
        profile.accountId = Objects.requireNonNull(accountId, "accountId");
        profile.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        return profile;
    }

    /**
     * Replaces every fact: a profile is always the whole of what the owner registered, never a mix of two.
     *
     * @return what identity-service is told of the write, to be published in its transaction: every write, not only
     * one that changes the shape, so that a lost or misapplied projection is put right by the next write
     */
    KycProfileChanged replace(Facts facts, FactHashing hashing, Instant now) {
        realNameMasked = Masking.name(facts.realName());
        realNameHash = hashing.fact(REAL_NAME, AnswerNormalizer.normalize(facts.realName()));
        idNumberHash = hashing.fact(ID_NUMBER, facts.idNumber().canonical());
        idNumberMasked = facts.idNumber().masked();
        bankCardIssuer = facts.bankCardIssuer().strip();
        bankCardLast4 = facts.bankCardLast4();
        registrationCityHash = hashing.fact(REGISTRATION_CITY, AnswerNormalizer.normalize(facts.registrationCity()));
        registrationDate = facts.registrationDate();
        securityQuestions.clear();
        for (Question question : facts.questions()) {
            securityQuestions.add(new SecurityQuestion(question.key(), hashing.answer(question.normalizedAnswer())));
        }
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
        return changed();
    }

    /**
     * The kinds of fact on file. Today's PUT requires them all, but they are read from the profile rather than
     * assumed, so that an event can never claim a fact the profile does not hold.
     */
    Set<Fact> factsOnFile() {
        Set<Fact> onFile = EnumSet.noneOf(Fact.class);
        if (!keys().isEmpty()) {
            onFile.add(Fact.SECURITY_QUESTIONS);
        }
        if (idNumberHash != null) {
            onFile.add(Fact.ID_NUMBER);
        }
        if (bankCardLast4 != null) {
            onFile.add(Fact.BANK_CARD);
        }
        if (registrationCityHash != null) {
            onFile.add(Fact.REGISTRATION);
        }
        return onFile;
    }

    /** Counts and kinds, never content: all the readiness check-up needs, and all it may know. */
    private KycProfileChanged changed() {
        Set<IdentityFact> named = EnumSet.noneOf(IdentityFact.class);
        factsOnFile().stream().map(Fact::published).flatMap(Optional::stream).forEach(named::add);
        return new KycProfileChanged(UUID.randomUUID(), accountId, updatedAt, keys().size(),
                List.copyOf(named));
    }

    /** What a token holder submitted, already checked and normalised; null for a fact not given. */
    public record Submitted(List<String> normalizedAnswers, ResidentIdNumber idNumber, String bankCardIssuer,
                            String bankCardLast4, String normalizedCity, LocalDate registrationDate) {
        @Override
        public String toString() {
            return "Submitted[]";
        }
    }

    /**
     * Compares a submission fact by fact, every comparison constant-time: answers in order of the questions shown
     * (all must match), the ID number, the card (issuer and last 4), registration city and date together.
     *
     * <p>Answers cost one slow hash per question shown, however many came (a missing one, or one to a question
     * this profile does not hold, is hashed against nothing; extra ones not at all): every check shows the same
     * number ({@code CheckConfig.questionsShown}), and a check without a profile hashes as many
     * ({@code IdentityChecks}), so the time tells nothing. Hashing min(answers, questions) once told a two-question
     * profile (~280 ms for five answers) from a decoy that hashed all five (~700 ms).
     *
     * @param shown the catalogue keys the check showed, in the order shown
     */
    public Map<Fact, MatchSignal> compare(Submitted submitted, List<String> shown, FactHashing hashing) {
        Map<Fact, MatchSignal> signals = new EnumMap<>(Fact.class);
        List<String> answers = submitted.normalizedAnswers();
        if (answers != null && !answers.isEmpty()) {
            boolean all = answers.size() == shown.size();
            for (int i = 0; i < shown.size(); i++) {
                String answer = i < answers.size() ? answers.get(i) : "";
                Optional<SecurityQuestion> asked = question(shown.get(i));
                boolean match = i < answers.size() && asked.isPresent()
                        ? hashing.answerMatches(answer, asked.get().answerHash())
                        : hashing.answerMatchesNothing(answer);
                all &= match;
            }
            signals.put(Fact.SECURITY_QUESTIONS, all ? MatchSignal.MATCH : MatchSignal.MISMATCH);
        }
        if (submitted.idNumber() != null) {
            signals.put(Fact.ID_NUMBER, signal(FactHashing.same(idNumberHash,
                    hashing.fact(ID_NUMBER, submitted.idNumber().canonical()))));
        }
        if (submitted.bankCardLast4() != null) {
            boolean issuer = AnswerNormalizer.normalize(bankCardIssuer)
                    .equals(AnswerNormalizer.normalize(submitted.bankCardIssuer()));
            boolean last4 = FactHashing.same(bankCardLast4, submitted.bankCardLast4());
            signals.put(Fact.BANK_CARD, signal(issuer & last4));
        }
        if (submitted.normalizedCity() != null) {
            boolean city = FactHashing.same(registrationCityHash,
                    hashing.fact(REGISTRATION_CITY, submitted.normalizedCity()));
            signals.put(Fact.REGISTRATION, signal(city & registrationDate.equals(submitted.registrationDate())));
        }
        return signals;
    }

    private static MatchSignal signal(boolean match) {
        return match ? MatchSignal.MATCH : MatchSignal.MISMATCH;
    }

    public UUID accountId() {
        return accountId;
    }

    public String realNameMasked() {
        return realNameMasked;
    }

    public String idNumberMasked() {
        return idNumberMasked;
    }

    public String bankCardMasked() {
        return Masking.card(bankCardIssuer, bankCardLast4);
    }

    public LocalDate registrationDate() {
        return registrationDate;
    }

    public List<SecurityQuestion> securityQuestions() {
        return List.copyOf(securityQuestions);
    }

    /** The catalogue keys of the questions that can be asked, in the order registered. */
    public List<String> keys() {
        return securityQuestions.stream().map(SecurityQuestion::key).flatMap(Optional::stream).toList();
    }

    private Optional<SecurityQuestion> question(String key) {
        return securityQuestions.stream().filter(q -> key.equals(q.key)).findFirst();
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
