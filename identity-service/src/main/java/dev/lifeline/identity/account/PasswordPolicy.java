package dev.lifeline.identity.account;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;
import org.jboss.logging.Logger;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Which new passwords are accepted (NIST SP 800-63B-4, OWASP ASVS V6): at least 8 and at most 128 characters
 * (Unicode code points after NFKC, so 64 and more are allowed), no composition rules, not one of the 100,000 most
 * common passwords ({@link PasswordBlocklist}, offline), optionally not in Have I Been Pwned's corpus
 * ({@link BreachedPasswords}, off by default), and strong enough by the nbvcxz estimator, whose dictionaries hold
 * common passwords, names and words. The account's own username, email and phone, and the service's name, count
 * as known to an attacker.
 * <p>
 * The estimator runs on a small pool of its own under a time bound ({@code lifeline.password-policy.estimator-timeout}).
 * At the bound (or when the pool's queue is full) the password is judged without it: by length, the blocklist and
 * a plain search for the account's data. That is what NIST requires (a blocklist; an estimator is an addition),
 * and it is safe: only the person choosing a password could make the estimator slow, and all they would gain is a
 * weaker password of their own, which the blocklist still keeps from being a common one. Refusing instead would let
 * an overloaded service stop owners from finishing their recovery. Callers run the check outside any database
 * transaction, so that no connection waits for it.
 * <p>
 * nbvcxz has no per-call user inputs, so each check builds a {@link Configuration} around one extra exclusion
 * dictionary; the expensive parts (the default dictionaries, loaded once by nbvcxz, and the guess rates) are
 * shared. {@link Nbvcxz#estimate} keeps no state between calls and nothing here mutates the shared parts, so one
 * instance serves concurrent requests. An estimate takes milliseconds; {@link #MAX_LENGTH} and nbvcxz's 500 ms
 * cap on its combination search bound the worst case.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    /** Twice the 64 that must be allowed; the bound also caps the estimator's quadratic work. */
    public static final int MAX_LENGTH = 128;
    /** nbvcxz's default: about 3 * 10^10 guesses. */
    static final double MINIMUM_ENTROPY_BITS = 35;

    /** Words an attacker tries first on any Lifeline account. */
    private static final List<String> SERVICE_WORDS = List.of("lifeline");
    private static final String ACCOUNT_DICTIONARY = "account";
    private static final String COMMON_PASSWORDS_DICTIONARY = "passwords";
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MIN_ACCOUNT_WORD_LENGTH = 3;

    /** Why a password was refused. */
    public enum Reason {
        TOO_SHORT,
        TOO_LONG,
        /** Mostly a well-known password, or one of the most common ones outright. */
        COMMON,
        /** Found in a breach corpus (Have I Been Pwned). */
        BREACHED,
        /** Guessable because it is built from the account's own username, email or phone. */
        CONTAINS_ACCOUNT_DATA,
        /** Guessable for another reason: words, names, keyboard patterns, sequences, dates. */
        TOO_WEAK
    }

    /**
     * One reason to refuse a password, with the estimator's advice.
     *
     * @param message     for the person choosing the password
     * @param suggestions how to choose a better one; may be empty
     */
    public record Violation(Reason reason, String message, List<String> suggestions) {
        public Violation {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            suggestions = List.copyOf(suggestions);
        }
    }

    private static final Logger LOG = Logger.getLogger(PasswordPolicy.class);
    private static final int ESTIMATOR_QUEUE = 8;

    private final List<Dictionary> dictionaries = List.copyOf(ConfigurationBuilder.getDefaultDictionaries());
    private final Map<String, Long> guessTypes = ConfigurationBuilder.getDefaultGuessTypes();
    private final PasswordBlocklist blocklist;
    private final Optional<BreachedPasswords> breached;
    private final Duration estimatorTimeout;
    private final ThreadPoolExecutor estimators;

    /** The defaults: the whole blocklist, a one-second estimator, no breach check. */
    public PasswordPolicy() {
        this(PasswordBlocklist.mostCommon(100_000), Duration.ofSeconds(1), 2, Optional.empty());
    }

    @Inject
    PasswordPolicy(PasswordPolicyConfig config) {
        this(PasswordBlocklist.mostCommon(config.blocklistSize()), config.estimatorTimeout(), config.estimatorThreads(),
                config.breached().enabled()
                        ? Optional.of(new BreachedPasswords(config.breached().rangeUrl(), config.breached().timeout()))
                        : Optional.empty());
    }

    PasswordPolicy(PasswordBlocklist blocklist, Duration estimatorTimeout, int estimatorThreads,
                   Optional<BreachedPasswords> breached) {
        this.blocklist = blocklist;
        this.breached = breached;
        this.estimatorTimeout = estimatorTimeout;
        AtomicInteger threads = new AtomicInteger();
        this.estimators = new ThreadPoolExecutor(estimatorThreads, estimatorThreads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ESTIMATOR_QUEUE), work -> {
                    Thread thread = new Thread(work, "password-estimator-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @PreDestroy
    void stop() {
        estimators.shutdownNow();
    }

    /** Checks {@code newPassword} with messages in English. */
    public List<Violation> check(CharSequence newPassword, Collection<String> accountData) {
        return check(newPassword, accountData, Locale.ENGLISH);
    }

    /**
     * The reasons to refuse {@code newPassword}; empty when it is accepted.
     *
     * @param accountData the account's username, email, phone: a password built from them is weak
     * @param locale      of the messages: Chinese for {@code zh}, English otherwise
     */
    public List<Violation> check(CharSequence newPassword, Collection<String> accountData, Locale locale) {
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        String password = newPassword == null ? "" : Normalizer.normalize(newPassword, Normalizer.Form.NFKC);
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return List.of(new Violation(Reason.TOO_SHORT, chinese
                    ? "密码至少需要 " + MIN_LENGTH + " 个字符。"
                    : "Use at least " + MIN_LENGTH + " characters.", List.of()));
        }
        if (length > MAX_LENGTH) {
            return List.of(new Violation(Reason.TOO_LONG, chinese
                    ? "密码最多 " + MAX_LENGTH + " 个字符。"
                    : "Use at most " + MAX_LENGTH + " characters.", List.of()));
        }
        if (blocklist.contains(password)) {
            return List.of(new Violation(Reason.COMMON, chinese
                    ? "这是最常见的密码之一，攻击者会最先尝试。"
                    : "This is one of the most common passwords; attackers try it first.", List.of(chinese
                    ? "用几个互不相关的词组成较长的密码，或让密码管理器生成。"
                    : "Use a few unrelated words, or let a password manager choose a long password.")));
        }
        if (breached.flatMap(b -> b.isBreached(password)).orElse(false)) {
            return List.of(new Violation(Reason.BREACHED, chinese
                    ? "该密码已出现在公开泄露的数据中。"
                    : "This password appears in published data breaches.", List.of()));
        }
        Optional<Result> estimate = estimate(password, accountData, chinese ? Locale.CHINESE : Locale.ROOT);
        if (estimate.isEmpty()) {
            return containsAccountWord(password, accountData)
                    ? List.of(accountDataViolation(chinese, List.of()))
                    : List.of();
        }
        Result result = estimate.get();
        if (result.isMinimumEntropyMet()) {
            return List.of();
        }
        Feedback feedback = result.getFeedback();
        Reason reason = reasonFor(result);
        if (reason == Reason.CONTAINS_ACCOUNT_DATA) {
            // nbvcxz's own words for an exclusion match ("not allowed to be used") do not say why.
            return List.of(accountDataViolation(chinese, feedback.getSuggestion()));
        }
        String message = Objects.requireNonNullElseGet(feedback.getWarning(),
                () -> result.getConfiguration().getMainResource().getString("main.feedback.insecure"));
        return List.of(new Violation(reason, message, feedback.getSuggestion()));
    }

    /** The estimate, or empty when it did not finish within the bound (or could not even be queued). */
    private Optional<Result> estimate(String password, Collection<String> accountData, Locale messages) {
        Future<Result> running;
        try {
            running = estimators.submit(() -> estimator(accountData, messages).estimate(password));
        } catch (RejectedExecutionException e) {
            LOG.warn("Password strength estimator busy; judging the new password by length and blocklist only");
            return Optional.empty();
        }
        try {
            return Optional.of(running.get(estimatorTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            running.cancel(true);
            LOG.warnf("Password strength estimate took over %s; judging the new password by length and blocklist only",
                    estimatorTimeout);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the password strength estimator failed", e.getCause());
        }
    }

    private static Violation accountDataViolation(boolean chinese, List<String> suggestions) {
        return new Violation(Reason.CONTAINS_ACCOUNT_DATA, chinese
                ? "密码不能基于用户名、邮箱或手机号。"
                : "Do not build the password from the username, email address or phone number.", suggestions);
    }

    /** The estimator's exclusion dictionary, as a plain search: for when the estimator did not run. */
    private static boolean containsAccountWord(String password, Collection<String> accountData) {
        String lower = password.toLowerCase(Locale.ROOT);
        return accountWords(accountData).stream().anyMatch(lower::contains);
    }

    private Nbvcxz estimator(Collection<String> accountData, Locale messages) {
        List<Dictionary> withAccount = new ArrayList<>(dictionaries.size() + 1);
        withAccount.addAll(dictionaries);
        withAccount.add(new DictionaryBuilder()
                .setDictionaryName(ACCOUNT_DICTIONARY)
                .setExclusion(true)
                .addWords(accountWords(accountData), 0)
                .createDictionary());
        Configuration configuration = new ConfigurationBuilder()
                .setDictionaries(withAccount)
                .setGuessTypes(guessTypes)
                .setMinimumEntropy(MINIMUM_ENTROPY_BITS)
                // Locale.ROOT rather than ENGLISH: nbvcxz's English bundle is its base bundle, and asking for
                // "en" would fall back to the JVM's default locale first.
                .setLocale(messages)
                .createConfiguration();
        return new Nbvcxz(configuration);
    }

    /** Each value whole, and its parts (an email's local part, the words of a username), lower-cased. */
    static Set<String> accountWords(Collection<String> accountData) {
        Set<String> words = new LinkedHashSet<>(SERVICE_WORDS);
        if (accountData == null) {
            return words;
        }
        for (String value : accountData) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String text = Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
            addWord(words, text);
            int at = text.indexOf('@');
            if (at > 0) {
                addWord(words, text.substring(0, at));
            }
            for (String part : WORD_SEPARATORS.split(text)) {
                addWord(words, part);
            }
        }
        return words;
    }

    private static void addWord(Set<String> words, String word) {
        if (word.codePointCount(0, word.length()) >= MIN_ACCOUNT_WORD_LENGTH) {
            words.add(word);
        }
    }

    /**
     * Account data anywhere in the password is the most useful thing to say; otherwise the longest match decides,
     * as it decides nbvcxz's feedback, so that reason and message agree.
     */
    private static Reason reasonFor(Result result) {
        Match longest = null;
        for (Match match : result.getMatches()) {
            if (match instanceof DictionaryMatch dictionaryMatch
                    && ACCOUNT_DICTIONARY.equals(dictionaryMatch.getDictionaryName())) {
                return Reason.CONTAINS_ACCOUNT_DATA;
            }
            if (longest == null || match.getLength() > longest.getLength()) {
                longest = match;
            }
        }
        return longest instanceof DictionaryMatch dictionaryMatch
                && COMMON_PASSWORDS_DICTIONARY.equals(dictionaryMatch.getDictionaryName())
                ? Reason.COMMON
                : Reason.TOO_WEAK;
    }
}
