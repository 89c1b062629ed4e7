package dev.lifeline.e2e;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An account's owner as a scenario knows them: the account's data, the KYC facts on file and the end user's address
 * behind the gateway, all fresh per owner, so that several scenarios share one suite and a topic dump can be searched
 * for exactly these secrets.
 */
record Owner(String username, String email, String phone, String password, String idNumber, String cardIssuer,
             String cardLast4, String city, LocalDate registeredOn, List<SecurityQuestion> questions,
             String address) {

    /** A catalogue question of kyc-service: its key, its English text (what a check shows in en), the answer. */
    record SecurityQuestion(String key, String question, String answer) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Each owner's end-user address is its own, so no rate limit of one scenario slows another. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(RANDOM.nextInt(200) * 250);
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARACTERS = "10X98765432";

    static Owner random() {
        String run = UUID.randomUUID().toString().replace("-", "");
        int address = ADDRESSES.getAndIncrement();
        return new Owner("e2e-" + run.substring(0, 12), run + "@example.org",
                "+86138" + (10_000_000 + RANDOM.nextInt(90_000_000)), randomPassword(), residentIdNumber(),
                "China Merchants Bank", Integer.toString(4000 + RANDOM.nextInt(4000)),
                "Hangzhou " + run.substring(12, 18), LocalDate.of(2012 + RANDOM.nextInt(10), 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28)),
                // Two, in catalogue order: a check shows two questions, in that order.
                List.of(new SecurityQuestion("first-pet", "What was the name of your first pet?", "pet " + run.substring(18, 26)),
                        new SecurityQuestion("mother-maiden-name", "What is your mother's maiden name?", "name " + run.substring(26, 32))),
                "198.18." + (address / 250 % 250) + "." + (1 + address % 250));
    }

    /** The same account as seen from another end-user address: a stranger who knows the owner's identifiers. */
    Owner at(String otherAddress) {
        return new Owner(username, email, phone, password, idNumber, cardIssuer, cardLast4, city, registeredOn,
                questions, otherAddress);
    }

    /** 20 characters from a CSPRNG: far from any blocklist or strength estimator's reach. */
    static String randomPassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    List<String> answers() {
        return questions.stream().map(SecurityQuestion::answer).toList();
    }

    /** A valid PRC resident ID number (GB 11643-1999, with its MOD 11-2 check character), random per owner. */
    private static String residentIdNumber() {
        LocalDate born = LocalDate.of(1960 + RANDOM.nextInt(40), 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28));
        String body = "330106" + born.toString().replace("-", "") + String.format("%03d", RANDOM.nextInt(1000));
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return body + ID_CHECK_CHARACTERS.charAt(sum % 11);
    }
}
