package dev.lifeline.identity.recovery.web;

import dev.lifeline.http.ratelimit.ResponseFloor;
import dev.lifeline.identity.authentication.PasswordCheckConfig;
import dev.lifeline.identity.recovery.RecoveryStatus;
import dev.lifeline.identity.recovery.usecase.PasswordResets;
import dev.lifeline.identity.recovery.usecase.PhoneChanges;
import dev.lifeline.identity.recovery.usecase.RecoveryCancellations;
import dev.lifeline.identity.recovery.usecase.RecoveryCodeEvidence;
import dev.lifeline.identity.recovery.usecase.RecoveryHistory;
import dev.lifeline.identity.recovery.usecase.RecoveryStartConfig;
import dev.lifeline.identity.recovery.usecase.RecoveryStarted;
import dev.lifeline.identity.recovery.usecase.RecoveryStarts;
import dev.lifeline.identity.recovery.usecase.RecoveryView;
import dev.lifeline.identity.recovery.usecase.SupportRecoveryView;
import dev.lifeline.identity.recovery.usecase.TokenHolders;
import dev.lifeline.identity.recoverycode.RecoveryCodeFormat;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.problem.AllowsNewlines;
import dev.lifeline.http.security.Actors;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.MaxCodePoints;
import dev.lifeline.identity.account.PasswordPolicy;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The recovery API of the contract. End-user calls are public and prove they belong to a recovery with the
 * {@value #TOKEN_HEADER} header; cancelling is the owner's (with the password) or support's (with a JWT); the
 * listing is support's. Resource methods only translate: the rules are in the use cases they call
 * ({@code recovery.usecase}, whose views they return as they are); what belongs to HTTP stays here: the request
 * records and their validation, who may call, and the response floors.
 */
@Path("/api/v1/recoveries")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryResource {

    static final String TOKEN_HEADER = "Recovery-Token";
    static final List<String> SUPPORT_ROLES = List.of("support-agent", "support-supervisor");

    public record StartRequest(@NotBlank @Size(max = 254) String identifier) {
    }

    public record NewPasswordRequest(@NotEmpty @MaxCodePoints(PasswordPolicy.MAX_LENGTH) String newPassword) {
        @Override
        public String toString() {
            return "NewPasswordRequest[]";
        }
    }

    public record RecoveryCodeRequest(@NotBlank @Size(max = 64) String code) {
        @Override
        public String toString() {
            return "RecoveryCodeRequest[]";
        }
    }

    /** What a counted recovery code answers: the recovery's status now, e.g. READY once the email was verified. */
    public record RecoveryCodeAccepted(UUID recoveryId, RecoveryStatus status) {
    }

    public record NewPhoneRequest(@NotBlank @Size(max = 32) String phone) {
    }

    /** The code texted to the new number. */
    public record PhoneCodeRequest(@NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the 6 digits texted")
                                   String code) {
        @Override
        public String toString() {
            return "PhoneCodeRequest[]";
        }
    }

    /** The owner sends identifier and password; support sends a reason (and its JWT). */
    public record CancelRequest(@Size(max = 254) String identifier,
                                @MaxCodePoints(PasswordPolicy.MAX_LENGTH) String password,
                                @Size(max = 500) @AllowsNewlines String reason) {
        @Override
        public String toString() {
            return "CancelRequest[]";
        }
    }

    private final RecoveryStarts starts;
    private final TokenHolders holders;
    private final PasswordResets passwordResets;
    private final PhoneChanges phoneChanges;
    private final RecoveryCancellations cancellations;
    private final RecoveryHistory history;
    private final RecoveryCodeEvidence recoveryCodes;
    private final Actors actors;
    private final RecoveryStartConfig startConfig;
    private final PasswordCheckConfig passwordCheckConfig;

    RecoveryResource(RecoveryStarts starts, TokenHolders holders, PasswordResets passwordResets,
                     PhoneChanges phoneChanges, RecoveryCancellations cancellations, RecoveryHistory history,
                     RecoveryCodeEvidence recoveryCodes, Actors actors, RecoveryStartConfig startConfig,
                     PasswordCheckConfig passwordCheckConfig) {
        this.starts = starts;
        this.holders = holders;
        this.passwordResets = passwordResets;
        this.phoneChanges = phoneChanges;
        this.cancellations = cancellations;
        this.history = history;
        this.recoveryCodes = recoveryCodes;
        this.actors = actors;
        this.startConfig = startConfig;
        this.passwordCheckConfig = passwordCheckConfig;
    }

    /** Every answer, rate-limited ones too, leaves no earlier than the start floor: none may tell a decoy apart. */
    @POST
    @Blocking
    public Uni<Response> start(@Valid @NotNull StartRequest body, @Context UriInfo uri,
                               @Context HttpServerRequest request) {
        ResponseFloor floor = ResponseFloor.of(startConfig.responseFloor());
        return floor.hold(() -> {
            RecoveryStarted started = starts.start(body.identifier(), ClientAddress.of(request));
            return Response.accepted(started)
                    .location(uri.getAbsolutePathBuilder().path(started.recoveryId().toString()).build())
                    .build();
        });
    }

    @GET
    @Path("{id}")
    public RecoveryView status(@PathParam("id") UUID id, @HeaderParam(TOKEN_HEADER) String token,
                               @Context HttpServerRequest request) {
        return holders.view(id, token, ClientAddress.of(request));
    }

    @POST
    @Path("{id}/password")
    public Response resetPassword(@PathParam("id") UUID id, @HeaderParam(TOKEN_HEADER) String token,
                                  @Valid @NotNull NewPasswordRequest body, @Context HttpServerRequest request) {
        actors.requireAnonymous(); // only the token holder: a bearer token (support, admin) never sets a password
        passwordResets.reset(id, token, body.newPassword(), ClientAddress.of(request));
        return Response.noContent().build();
    }

    /**
     * A saved recovery code as evidence. Its refusals are a wrong password's: held until the refusal floor, so that a
     * decoy, a wrong code and an account without codes answer alike.
     */
    @POST
    @Path("{id}/recovery-code")
    @Blocking
    public Uni<Response> useRecoveryCode(@PathParam("id") UUID id, @HeaderParam(TOKEN_HEADER) String token,
                                         @Valid @NotNull RecoveryCodeRequest body,
                                         @Context HttpServerRequest request) {
        actors.requireAnonymous(); // only the token holder: support never types the owner's codes
        String code = RecoveryCodeFormat.normalise(body.code()).orElseThrow(() -> invalid(new Violation("code",
                "must be 24 letters and digits in groups of four, e.g. " + RecoveryCodeFormat.EXAMPLE)));
        String from = ClientAddress.of(request);
        return ResponseFloor.of(passwordCheckConfig.refusalFloor()).holdRefusals(() ->
                Response.ok(new RecoveryCodeAccepted(id, recoveryCodes.submit(id, token, code, from))).build());
    }

    /**
     * Asks for a code to the new number: 202 whether or not another account has it (a phone registry must not be
     * readable with one's own recovery); the number is bound by {@link #confirmPhone} with the code.
     */
    @POST
    @Path("{id}/phone")
    public Response requestPhoneCode(@PathParam("id") UUID id, @HeaderParam(TOKEN_HEADER) String token,
                                     @Valid @NotNull NewPhoneRequest body, @Context HttpServerRequest request) {
        actors.requireAnonymous(); // the token holder binds the phone; support never changes contact data
        return Response.accepted(phoneChanges.request(id, token, body.phone(), ClientAddress.of(request))).build();
    }

    /** Binds the new number with the code texted to it. */
    @POST
    @Path("{id}/phone/confirm")
    public Response confirmPhone(@PathParam("id") UUID id, @HeaderParam(TOKEN_HEADER) String token,
                                 @Valid @NotNull PhoneCodeRequest body, @Context HttpServerRequest request) {
        actors.requireAnonymous();
        phoneChanges.confirm(id, token, body.code(), ClientAddress.of(request));
        return Response.noContent().build();
    }

    /**
     * Who cancels follows from the credentials: a bearer token makes it support (which needs a support role and a
     * reason, and must not send the owner's password); no bearer token makes it the owner.
     */
    @POST
    @Path("{id}/cancel")
    @Blocking
    public Uni<Response> cancel(@PathParam("id") UUID id, @Valid @NotNull CancelRequest body,
                                @Context HttpServerRequest request) {
        String from = ClientAddress.of(request);
        if (actors.anonymous()) {
            requireFields(
                    missing("identifier", body.identifier()),
                    missing("password", body.password()),
                    present("reason", body.reason(), "is for support only"));
            // The owner's refusals are password refusals: held like a login's.
            return ResponseFloor.of(passwordCheckConfig.refusalFloor()).holdRefusals(() -> {
                cancellations.byOwner(id, body.identifier(), body.password(), from);
                return Response.noContent().build();
            });
        } else {
            String agent = actors.requireAnyRole(SUPPORT_ROLES.toArray(String[]::new));
            requireFields(
                    missing("reason", body.reason()),
                    present("identifier", body.identifier(), "is for the owner only"),
                    present("password", body.password(), "is for the owner only; support never handles passwords"));
            cancellations.bySupport(id, agent, body.reason().strip(), from);
            return Uni.createFrom().item(Response.noContent().build());
        }
    }

    @GET
    @RolesAllowed({"support-agent", "support-supervisor"})
    public List<SupportRecoveryView> list(@QueryParam("accountId") String accountId,
                                          @Context HttpServerRequest request) {
        UUID account;
        try {
            account = UUID.fromString(requireText("accountId", accountId));
        } catch (IllegalArgumentException e) {
            throw invalid(new Violation("accountId", "must be an account id (a UUID)"));
        }
        return history.of(account, actors.current(), ClientAddress.of(request));
    }

    private static Violation missing(String field, String value) {
        return value == null || value.isBlank() ? new Violation(field, "must not be blank") : null;
    }

    private static Violation present(String field, String value, String message) {
        return value != null ? new Violation(field, message) : null;
    }

    /** @param checks violations, null for each check that passed */
    private static void requireFields(Violation... checks) {
        List<Violation> violations = new ArrayList<>();
        Arrays.stream(checks).filter(Objects::nonNull).forEach(violations::add);
        if (!violations.isEmpty()) {
            throw invalid(violations.toArray(Violation[]::new));
        }
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(new Violation(field, "is required"));
        }
        return value.strip();
    }

    private static ProblemException invalid(Violation... violations) {
        return new ProblemException(InputProblemMappers.invalidRequest("The request is not valid.", List.of(violations)));
    }
}
