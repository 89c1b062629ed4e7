package dev.lifeline.http.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;

/**
 * Who makes the current request, as audit lines and events name them: the principal's name of the verified bearer
 * token. Tokens are verified by smallrye-jwt with the operator's key, issuer and audience
 * ({@code mp.jwt.verify.*}) and must carry {@code sub} ({@code smallrye.jwt.required.claims=sub}); a token that
 * fails any of that never becomes an identity, so here there is an actor or the request is anonymous.
 *
 * <p>Two answers to "who": {@link #current()} is the readable name, for audit lines, events and views;
 * {@link #subjectKey()} is the stable identity, for every rule that asks whether two acts are the same person's.
 */
@RequestScoped
public class Actors {

    private final SecurityIdentity identity;

    Actors(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** True when no bearer token came with the request. */
    public boolean anonymous() {
        return identity.isAnonymous();
    }

    /**
     * The actor: the token's principal name ({@code upn}, else {@code preferred_username}, else {@code sub}).
     *
     * @throws UnauthorizedException for an anonymous request (a 401 problem)
     */
    public String current() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        String name = identity.getPrincipal().getName();
        if (name == null || name.isBlank()) {
            throw new UnauthorizedException(); // a token that names nobody cannot act
        }
        return name;
    }

    /**
     * The person behind the token, for rules about "the same person" (the two-person rule, nobody approving twice):
     * the token's issuer and subject, {@code iss + " " + sub}. Not {@link #current()}: {@code upn} and
     * {@code preferred_username} are names an identity provider lets people choose, change and reuse, so one person
     * can come with two names and two people with one; {@code sub} is unique and never reassigned within its issuer
     * (OpenID Connect Core 1.0, section 2), and the issuer makes it unique across issuers. The issuer is a URL (and is
     * verified against {@code mp.jwt.verify.issuer}), so the key splits unambiguously at its first space. Never shown:
     * it is an identifier, not a name.
     *
     * @throws UnauthorizedException for an anonymous request, or a token without {@code iss} or {@code sub}
     *                               (a 401 problem)
     */
    public String subjectKey() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException(); // only a verified token says who is behind the name
        }
        String issuer = token.getIssuer();
        String subject = token.getSubject();
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw new UnauthorizedException(); // a token that identifies nobody cannot act
        }
        return issuer + " " + subject;
    }

    /**
     * For what a gateway may do only for the user it has signed in (issue 22.13): the token's subject must be that
     * account, as an OAuth token exchange (RFC 8693) names the user when the gateway acts for them. A gateway token
     * of its own ({@code sub} = the gateway) could otherwise replace and read any account's recovery codes.
     *
     * @throws UnauthorizedException when anonymous
     * @throws ForbiddenException    when the token is not the account's (a 403 problem)
     */
    public void requireSubject(String accountId) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        String subject = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : null;
        if (!accountId.equals(subject)) {
            throw new ForbiddenException();
        }
    }

    /**
     * For what only an end user may do (e.g. set a password with a Recovery-Token): no bearer token may come along.
     *
     * @throws ForbiddenException when one did (a 403 problem)
     */
    public void requireAnonymous() {
        if (!identity.isAnonymous()) {
            throw new ForbiddenException();
        }
    }

    /** Whether the request's identity has at least one of {@code roles}. */
    public boolean hasAnyRole(String... roles) {
        return !identity.isAnonymous() && Arrays.stream(roles).anyMatch(identity::hasRole);
    }

    /**
     * The actor, if it holds one of {@code roles}.
     *
     * @throws UnauthorizedException when anonymous
     * @throws ForbiddenException    when it holds none of them (a 403 problem)
     */
    public String requireAnyRole(String... roles) {
        String actor = current();
        if (!hasAnyRole(roles)) {
            throw new ForbiddenException();
        }
        return actor;
    }
}
