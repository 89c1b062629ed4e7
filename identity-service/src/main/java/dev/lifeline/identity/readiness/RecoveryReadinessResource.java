package dev.lifeline.identity.readiness;

import dev.lifeline.events.IdentityFact;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.locale.Locales;
import dev.lifeline.http.security.Actors;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.AccountNotFoundException;
import dev.lifeline.identity.account.Accounts;
import dev.lifeline.identity.readiness.RecoveryReadiness.EmailState;
import dev.lifeline.identity.readiness.RecoveryReadiness.Facts;
import dev.lifeline.identity.readiness.RecoveryReadiness.Rating;
import dev.lifeline.identity.recovery.RecoveryConfig;
import dev.lifeline.identity.recoverycode.RecoveryCodes;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/accounts/{accountId}/recovery-readiness}: the recovery check-up the login gateway shows its
 * signed-in user (or an admin looks at): which recovery methods the account has, how strong they are together, and
 * what to do about it. Counts and states only: never an address, a number, a question or an answer. Everything
 * comes from identity-service's own tables (the KYC part from its KycProfileChanged projection), so the check-up
 * works while kyc-service is down.
 */
// Under the accounts' root path, not a root of its own: quarkus-rest answered a wrong method on an overlapping
// root path with 404 instead of 405 (the malformed-input sweep found it).
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryReadinessResource {

    public record EmailMethod(EmailState status) {
    }

    public record PhoneMethod(RecoveryReadiness.PhoneState status) {
    }

    public record IdentityProofing(int securityQuestions, List<IdentityFact> facts) {
    }

    public record RecoveryCodesMethod(int left, boolean replaceIdentityProofing) {
    }

    public record AdviceItem(String code, String message) {
    }

    public record ReadinessView(UUID accountId, Rating rating, EmailMethod email, PhoneMethod phone,
                                IdentityProofing identityProofing, RecoveryCodesMethod recoveryCodes,
                                boolean mfaEnrolled, String locale, List<AdviceItem> advice) {
    }

    private final Accounts accounts;
    private final RecoveryCodes codes;
    private final RecoveryConfig recoveryConfig;
    private final Actors actors;
    private final Audit audit;

    RecoveryReadinessResource(Accounts accounts, RecoveryCodes codes, RecoveryConfig recoveryConfig, Actors actors,
                              Audit audit) {
        this.accounts = accounts;
        this.codes = codes;
        this.recoveryConfig = recoveryConfig;
        this.actors = actors;
        this.audit = audit;
    }

    /**
     * Messages in the first supported language of {@code Accept-Language}, else the account's own. An admin may look
     * at any account; the gateway only at the user it has signed in (the account as the token's {@code sub}).
     */
    @GET
    @Path("{accountId}/recovery-readiness")
    @RolesAllowed({"gateway", "admin"})
    @Transactional
    public Response readiness(@PathParam("accountId") UUID accountId,
                              @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                              @Context HttpServerRequest request) {
        if (!actors.hasAnyRole("admin")) {
            actors.requireSubject(accountId.toString());
        }
        String from = ClientAddress.of(request);
        Account account = accounts.findById(accountId);
        if (account == null) {
            audit.record(actors.current(), "account.recovery-readiness", from, "refused",
                    "account", accountId.toString(), "reason", "NO_SUCH_ACCOUNT");
            throw new AccountNotFoundException(accountId);
        }
        Facts facts = factsOf(account);
        String locale = acceptLanguage == null || acceptLanguage.isBlank()
                ? Locales.supported(account.locale())
                : Locales.ofAcceptLanguage(acceptLanguage);
        Rating rating = RecoveryReadiness.rate(facts);
        ReadinessView view = new ReadinessView(accountId, rating, new EmailMethod(facts.email()),
                new PhoneMethod(facts.phone()),
                new IdentityProofing(facts.securityQuestions(), facts.identityFacts()),
                new RecoveryCodesMethod(facts.recoveryCodesLeft(), facts.codesReplaceProofing()),
                facts.mfaEnrolled(), locale,
                RecoveryReadiness.advise(facts).stream()
                        .map(advice -> new AdviceItem(advice.name(), advice.message(locale)))
                        .toList());
        audit.record(actors.current(), "account.recovery-readiness", from, "shown", "account", accountId.toString(),
                "rating", rating.name());
        return Response.ok(view)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_LANGUAGE, locale)
                .build();
    }

    private Facts factsOf(Account account) {
        EmailState email = account.email().isEmpty()
                ? EmailState.NONE
                : account.emailVerified() ? EmailState.VERIFIED : EmailState.UNVERIFIED;
        KycFactsOnFile kyc = KycFactsOnFile.of(account.id());
        boolean codesReplaceProofing = !account.mfaEnrolled() || recoveryConfig.recoveryCodesForMfaAccounts();
        return new Facts(email, Facts.phoneState(account.phone().isPresent(), account.phoneStatus()),
                kyc.securityQuestions(), kyc.facts(), codes.codesLeft(account.id()), account.mfaEnrolled(),
                codesReplaceProofing);
    }
}
