package dev.lifeline.emailverification.api;

import dev.lifeline.emailverification.challenge.ChallengeConfig;
import dev.lifeline.emailverification.challenge.EmailChallenge.Result;
import dev.lifeline.emailverification.challenge.Verifications;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.ratelimit.ResponseFloor;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The email step of the contract, for the token holder. Every answer leaves no earlier than the response floor:
 * a decoy's challenge, a silent one and an unknown recovery answer exactly like a real one, in the same time.
 */
@Path("/api/v1/email-verifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EmailVerificationResource {

    static final String TOKEN_HEADER = "Recovery-Token";
    /** Digits, as typed: spaces and dashes between groups are ignored. */
    private static final Pattern CODE = Pattern.compile("[0-9]{6,8}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    public record ConfirmRequest(@NotNull @Size(max = 32) String code) {
        @Override
        public String toString() {
            return "ConfirmRequest[]";
        }
    }

    public record Confirmed(UUID recoveryId, String status) {
    }

    /** @param nextResendAt when another code may be asked for; @param resendsLeft how many more may be */
    public record Resent(UUID recoveryId, Instant nextResendAt, int resendsLeft) {
    }

    private final Verifications verifications;
    private final ChallengeConfig config;

    EmailVerificationResource(Verifications verifications, ChallengeConfig config) {
        this.verifications = verifications;
        this.config = config;
    }

    /**
     * 200 for the right code; 400 for a wrong, used or unknown one (one answer); 410 once it has lapsed; 429 once
     * the wrong attempts are used up. A malformed code (not 6 to 8 digits) is a 400 naming the field and costs no
     * attempt.
     */
    @POST
    @Path("{recoveryId}/confirm")
    @Blocking
    public Uni<Confirmed> confirm(@PathParam("recoveryId") UUID recoveryId, @HeaderParam(TOKEN_HEADER) String token,
                                  @Valid @NotNull ConfirmRequest body, @Context HttpServerRequest request) {
        String code = SEPARATORS.matcher(body.code()).replaceAll("");
        if (!CODE.matcher(code).matches()) {
            throw new ProblemException(InputProblemMappers.invalidRequest("The request is not valid.",
                    List.of(new Violation("code", "must be the 6 to 8 digits from the mail"))));
        }
        String from = ClientAddress.of(request);
        return ResponseFloor.of(config.responseFloor()).hold(() -> {
            Result result = verifications.confirmCode(recoveryId, token, code, from);
            if (result != Result.VERIFIED) {
                throw refusal(result);
            }
            return new Confirmed(recoveryId, "VERIFIED");
        });
    }

    /** 202: a new code and link are on their way and the old ones no longer work. */
    @POST
    @Path("{recoveryId}/resend")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    public Uni<Response> resend(@PathParam("recoveryId") UUID recoveryId, @HeaderParam(TOKEN_HEADER) String token,
                                @Context HttpServerRequest request) {
        String from = ClientAddress.of(request);
        return ResponseFloor.of(config.responseFloor()).hold(() -> {
            Verifications.Resend resend = verifications.resend(recoveryId, token, from);
            return switch (resend.result()) {
                case RESENT -> Response.accepted(new Resent(recoveryId, resend.nextResendAt(), resend.resendsLeft()))
                        .build();
                case TOO_SOON -> throw new ProblemException(
                        Problem.typed("resend-too-soon", "A new code was sent a moment ago", 429)
                                .detail("Wait before asking for another code.")
                                .with("retryAt", resend.nextResendAt().toString()),
                        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(secondsUntil(resend.nextResendAt()))));
                case EXHAUSTED -> throw new ProblemException(Problem.typed("email-codes-exhausted",
                        "No more codes can be sent for this recovery", 429)
                        .detail("Start a new recovery to get a new code."));
                default -> throw refusal(Result.REFUSED);
            };
        });
    }

    private static ProblemException refusal(Result result) {
        return new ProblemException(switch (result) {
            case EXPIRED -> Problem.typed("email-code-expired", "The code has expired", 410)
                    .detail("Ask for a new code.");
            case EXHAUSTED -> Problem.typed("email-attempts-exhausted", "Too many wrong codes", 429)
                    .detail("This recovery can no longer be verified by email; start a new recovery.");
            default -> Problem.typed("email-code-refused", "The code is not valid", 400)
                    .detail("Check the code in the most recent mail, or ask for a new one.");
        });
    }

    private static long secondsUntil(Instant at) {
        long millis = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
