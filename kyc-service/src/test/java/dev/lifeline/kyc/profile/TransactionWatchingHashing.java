package dev.lifeline.kyc.profile;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real hashing, noting for every slow answer hash whether a transaction (and so a connection) was held. */
public class TransactionWatchingHashing extends FactHashing {

    private final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

    public TransactionWatchingHashing(ProfileConfig config) {
        super(config);
    }

    @Override
    public boolean answerMatches(String normalized, String stored) {
        inTransaction.add(QuarkusTransaction.isActive());
        return super.answerMatches(normalized, stored);
    }

    /** One entry per slow hash so far: whether it ran inside a transaction. */
    public List<Boolean> inTransaction() {
        return List.copyOf(inTransaction);
    }
}
