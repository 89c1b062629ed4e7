package dev.lifeline.identity.account;

import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.security.Actors;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** Accounts are created by the operator's back office (role {@code admin}); there is no self-registration here. */
@Path("/api/v1/accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountRegistration registration;
    private final Actors actors;

    AccountResource(AccountRegistration registration, Actors actors) {
        this.registration = registration;
        this.actors = actors;
    }

    @POST
    @RolesAllowed("admin")
    public Response create(@Valid @NotNull CreateAccountRequest body, @Context UriInfo uri,
                           @Context HttpServerRequest request) {
        UUID accountId = registration.register(body, actors.current(), ClientAddress.of(request));
        return Response.created(uri.getAbsolutePathBuilder().path(accountId.toString()).build())
                .entity(new AccountCreated(accountId))
                .build();
    }
}
