package dev.lifeline.kyc.check;

import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.locale.Locales;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import dev.lifeline.http.ratelimit.ResponseFloor;
import dev.lifeline.http.security.TokenHashes;
import dev.lifeline.kyc.profile.AnswerNormalizer;
import dev.lifeline.kyc.profile.KycProfile;
import dev.lifeline.kyc.profile.Masking;
import dev.lifeline.kyc.profile.ResidentIdNumber;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The identity step of the contract, for the token holder: what to provide, and the facts themselves. A check
 * nobody can open (unknown recovery, missing or wrong token, closed) is one 404; a malformed fact is a 400 naming
 * it and costs no attempt; evidence from an address that has failed too often is a 429, whatever the check, and
 * costs no attempt either.
 */
@Path("/api/v1/identity-checks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IdentityCheckResource {

    static final String TOKEN_HEADER = "Recovery-Token";

    public record BankCard(@NotBlank @Size(max = 40) String issuer, @NotNull @Size(max = 8) String last4) {
        @Override
        public String toString() {
            return "BankCard[]";
        }
    }

    public record Registration(@NotBlank @Size(max = 100) String city, @NotNull LocalDate date) {
        @Override
        public String toString() {
            return "Registration[]";
        }
    }

    public record EvidenceRequest(@Size(max = 5) List<@NotNull @Size(max = 200) String> answers,
                                  @Size(max = 32) String idNumber,
                                  @Valid BankCard bankCard,
                                  @Valid Registration registration) {
        @Override
        public String toString() {
            return "EvidenceRequest[]";
        }
    }

    public record Decision(String status, int attemptsLeft) {
    }

    private final IdentityChecks checks;
    private final CheckConfig config;

    IdentityCheckResource(IdentityChecks checks, CheckConfig config) {
        this.checks = checks;
        this.config = config;
    }

    @GET
    @Path("{recoveryId}")
    public IdentityChecks.View view(@PathParam("recoveryId") UUID recoveryId, @HeaderParam(TOKEN_HEADER) String token,
                                    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String languages,
                                    @Context HttpServerRequest request) {
        try {
            return checks.view(recoveryId, TokenHashes.sha256(token), Locales.ofAcceptLanguage(languages), ClientAddress.of(request));
        } catch (IdentityChecks.NotFound e) {
            throw notFound();
        }
    }

    @POST
    @Path("{recoveryId}/evidence")
    @Blocking
    public Uni<Decision> evidence(@PathParam("recoveryId") UUID recoveryId, @HeaderParam(TOKEN_HEADER) String token,
                                  @Valid @NotNull EvidenceRequest body, @Context HttpServerRequest request) {
        KycProfile.Submitted submitted = checked(body);
        String from = ClientAddress.of(request);
        return ResponseFloor.of(config.responseFloor()).hold(() -> {
            try {
                IdentityCheck.Submission submission = checks.submit(recoveryId, TokenHashes.sha256(token), submitted, from);
                return new Decision(submission.status(), submission.attemptsLeft());
            } catch (IdentityChecks.NotFound e) {
                throw notFound();
            } catch (IdentityChecks.Decided e) {
                throw new ProblemException(Problem.typed("identity-check-decided", "The identity check is decided", 409)
                        .detail("No more evidence is taken for this recovery.").with("checkStatus", e.status()));
            }
        });
    }

    /** The facts, checked and normalised; 400 naming every malformed one, before any attempt is counted. */
    private static KycProfile.Submitted checked(EvidenceRequest body) {
        List<Violation> violations = new ArrayList<>();
        List<String> answers = body.answers() == null ? List.of()
                : body.answers().stream().map(AnswerNormalizer::normalize).toList();
        ResidentIdNumber idNumber = null;
        if (body.idNumber() != null) {
            try {
                idNumber = ResidentIdNumber.parse(body.idNumber());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("idNumber", e.getMessage()));
            }
        }
        String last4 = null;
        if (body.bankCard() != null) {
            try {
                last4 = Masking.last4(body.bankCard().last4());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("bankCard.last4", e.getMessage()));
            }
        }
        if (answers.isEmpty() && body.idNumber() == null && body.bankCard() == null && body.registration() == null) {
            violations.add(new Violation("answers", "give at least one fact: answers, idNumber, bankCard or registration"));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(InputProblemMappers.invalidRequest("The request is not valid.", violations));
        }
        return new KycProfile.Submitted(answers, idNumber, body.bankCard() == null ? null : body.bankCard().issuer(),
                last4, body.registration() == null ? null : AnswerNormalizer.normalize(body.registration().city()),
                body.registration() == null ? null : body.registration().date());
    }

    private static ProblemException notFound() {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND)
                .detail("No identity check for this recovery and token."));
    }
}
