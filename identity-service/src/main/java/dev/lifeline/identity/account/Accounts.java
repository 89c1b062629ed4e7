package dev.lifeline.identity.account;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** The account store. */
@ApplicationScoped
public class Accounts implements PanacheRepositoryBase<Account, UUID> {

    /**
     * The account a login identifier names: its username or email (case-insensitively) or its phone number.
     * Empty for an unknown identifier and for text that cannot be one; callers must answer both the same way.
     */
    public Optional<Account> findByIdentifier(String identifier) {
        return Identifiers.parse(identifier).flatMap(this::find);
    }

    private Optional<Account> find(Identifiers.Identifier identifier) {
        // lower() on both sides: the same function as the unique indexes, which these queries use.
        return switch (identifier.kind()) {
            case USERNAME -> find("lower(username) = lower(?1)", identifier.value()).firstResultOptional();
            case EMAIL -> find("lower(email) = lower(?1)", identifier.value()).firstResultOptional();
            case PHONE -> find("phone = ?1", identifier.value()).firstResultOptional();
        };
    }
}
