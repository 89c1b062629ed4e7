package dev.lifeline.benchmark;

/**
 * Who starts the {@code n}-th recovery of the load: every other one names a known account (by username, each account
 * at most {@link #STARTS_PER_ACCOUNT} times, within the pacing of code mails per address and alerts per account, so
 * that every known start mails its code and alerts at once), the others an identifier no account has (a decoy); each
 * comes from its own end-user
 * address, which the gateway passes in {@code X-Forwarded-For}, so that the per-client limit never answers.
 */
final class StartMix {

    /** Within the participants' pacing: 3 code mails per address and 3 recovery alerts per account in 15 minutes. */
    static final int STARTS_PER_ACCOUNT = 3;

    private StartMix() {
    }

    static boolean known(long n) {
        return n % 2 == 0;
    }

    /** The identifier of start {@code n}: {@code bench-<i>} of an account made for the benchmark, or one nobody has. */
    static String identifier(long n) {
        return known(n) ? KnownAccounts.username(accountIndex(n)) : "nobody-" + n;
    }

    /** Which known account start {@code n} names (only for a known start). */
    static long accountIndex(long n) {
        return n / 2 / STARTS_PER_ACCOUNT;
    }

    /** How many known accounts {@code starts} starts need. */
    static long accountsFor(long starts) {
        return (starts + 1) / 2 / STARTS_PER_ACCOUNT + 1;
    }

    /** A distinct IPv4 address per start, from 10.0.0.0/8: 16 million before they repeat. */
    static String clientAddress(long n) {
        long a = n & 0xFFFFFF;
        return "10." + (a >> 16) + "." + ((a >> 8) & 0xFF) + "." + (a & 0xFF);
    }
}
