package dev.lifeline.identity.authentication;

import dev.lifeline.http.ratelimit.ResponseFloor;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import dev.lifeline.identity.account.Account;
import dev.lifeline.identity.account.Identifiers;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.audit.Pseudonyms;
import dev.lifeline.http.ratelimit.RateLimitedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.Optional;

/** The gateway's login check: 200 with the account, or one uniform 401. */
@Path("/api/v1/authentications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticationResource {

    private final PasswordCheck check;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final PasswordCheckConfig config;

    AuthenticationResource(PasswordCheck check, Audit audit, Pseudonyms pseudonyms, PasswordCheckConfig config) {
        this.check = check;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.config = config;
    }

    /** A refusal leaves no earlier than the refusal floor; a success at once. */
    @POST
    @Blocking
    public Uni<Authenticated> authenticate(@Valid @NotNull AuthenticationRequest body,
                                           @Context HttpServerRequest request) {
        ResponseFloor floor = ResponseFloor.of(config.refusalFloor());
        return floor.holdRefusals(() -> authenticateNow(body, request));
    }

    private Authenticated authenticateNow(AuthenticationRequest body, HttpServerRequest request) {
        String from = ClientAddress.of(request);
        String identifier = pseudonyms.forLog(Identifiers.canonical(body.identifier()));
        Optional<Account> account;
        try {
            account = check.verify(body.identifier(), body.password(), from);
        } catch (RateLimitedException e) {
            audit.record(Audit.ANONYMOUS, "authentication", from, "rate-limited", "identifier", identifier);
            throw e;
        }
        if (account.isEmpty()) {
            audit.record(Audit.ANONYMOUS, "authentication", from, "refused", "identifier", identifier);
            throw new InvalidCredentialsException();
        }
        audit.record(account.get().id().toString(), "authentication", from, "succeeded", "identifier", identifier);
        return new Authenticated(account.get().id());
    }
}
