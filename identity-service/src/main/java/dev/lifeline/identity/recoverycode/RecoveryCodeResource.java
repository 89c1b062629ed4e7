package dev.lifeline.identity.recoverycode;

import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.security.Actors;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/accounts/{accountId}/recovery-codes}: the login gateway, for its signed-in user, issues a new
 * set of saved recovery codes. The answer is the only place the codes ever appear: never cached, never logged. Only
 * the gateway, and only with a token bound to that user (the account as {@code sub}, as a token exchange issues it):
 * an admin, or a gateway token of its own, that could replace and read an account's codes could recover the account.
 */
// Under the accounts' root path, not a root of its own: quarkus-rest answered a wrong method on an overlapping
// root path with 404 instead of 405 (the malformed-input sweep found it).
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryCodeResource {

    /** The new set, to be shown to the owner once. */
    public record IssuedCodes(UUID accountId, List<String> codes, Instant issuedAt, String format) {
        @Override
        public String toString() {
            return "IssuedCodes[accountId=" + accountId + ", codes=" + codes.size() + "]";
        }
    }

    private final RecoveryCodes codes;
    private final Actors actors;

    RecoveryCodeResource(RecoveryCodes codes, Actors actors) {
        this.codes = codes;
        this.actors = actors;
    }

    @POST
    @Path("{accountId}/recovery-codes")
    @RolesAllowed("gateway")
    public Response issue(@PathParam("accountId") UUID accountId, @Context HttpServerRequest request) {
        actors.requireSubject(accountId.toString());
        RecoveryCodes.IssuedSet set = codes.issue(accountId, actors.current(), ClientAddress.of(request));
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedCodes(set.accountId(), set.codes(), set.issuedAt(), RecoveryCodeFormat.EXAMPLE))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
