package dev.lifeline.identity;

import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.testing.Api;
import dev.lifeline.identity.testing.BearerTokens;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import dev.lifeline.identity.testing.TestRecoveries;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.lifeline.identity.testing.Api.PROBLEM_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every endpoint that takes a bearer token, with every way a token can be wrong: a token the service must not
 * believe is a 401 problem, one without the endpoint's role a 403 problem, and neither changes anything. Each
 * endpoint also accepts the valid token, so that a refusal below cannot come from a broken test token.
 */
@IdentityTest
class BearerTokenTest {

    @Inject
    TestAccounts accounts;

    @Inject
    TestRecoveries recoveries;

    /** One protected call: sends the token and reports whether it had its effect. */
    interface Endpoint {
        /** @return the answer, and whether the call changed what it would change */
        Call call(BearerTokenTest test, String token);
    }

    record Call(Response response, boolean changedSomething) {
    }

    record Protected(String name, String role, Endpoint endpoint) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Protected> ENDPOINTS = List.of(
            new Protected("POST /api/v1/accounts", "admin", BearerTokenTest::createAccount),
            new Protected("POST /api/v1/recoveries/{id}/cancel", "support-agent", BearerTokenTest::cancelRecovery),
            new Protected("GET /api/v1/recoveries?accountId=", "support-agent", BearerTokenTest::listRecoveries));

    static final Map<String, UnaryOperator<BearerTokens>> UNBELIEVABLE = Map.of(
            "expired", BearerTokens::expired,
            "signed with another key", BearerTokens::signedWithAnotherKey,
            "from another issuer", t -> t.issuer("https://someone-else.example/"),
            "for another audience", t -> t.audience("another-system"),
            "without a subject", t -> t.without("sub"));

    static Stream<Arguments> endpoints() {
        return ENDPOINTS.stream().map(Arguments::of);
    }

    static Stream<Arguments> unbelievableTokens() {
        List<Arguments> cases = new ArrayList<>();
        for (Protected endpoint : ENDPOINTS) {
            UNBELIEVABLE.forEach((flaw, change) -> cases.add(Arguments.of(endpoint, flaw, change)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void validTokenIsAccepted(Protected endpoint) {
        Call call = endpoint.endpoint().call(this, BearerTokens.valid(endpoint.role(), "dana-staff").sign());

        assertThat(call.response().statusCode()).as(call.response().asString()).isBetween(200, 299);
        assertThat(call.changedSomething()).isTrue();
    }

    @ParameterizedTest(name = "{0}: token {1}")
    @MethodSource("unbelievableTokens")
    void tokenThatMustNotBeBelievedIsA401ProblemAndChangesNothing(Protected endpoint, String flaw,
                                                                 UnaryOperator<BearerTokens> change) {
        Call call = endpoint.endpoint().call(this, change.apply(BearerTokens.valid(endpoint.role(), "eve")).sign());

        call.response().then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        assertThat(call.changedSomething()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void tokenWithoutTheRoleIsA403ProblemAndChangesNothing(Protected endpoint) {
        String otherRole = endpoint.role().equals("admin") ? "support-supervisor" : "admin";

        Call call = endpoint.endpoint().call(this, BearerTokens.valid(otherRole, "frank").sign());

        call.response().then().statusCode(403).contentType(PROBLEM_JSON).body("status", equalTo(403));
        assertThat(call.changedSomething()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void tokenWithoutAnyRoleIsA403Problem(Protected endpoint) {
        Call call = endpoint.endpoint().call(this, BearerTokens.valid("none", "grace").without("groups").sign());

        call.response().then().statusCode(403).contentType(PROBLEM_JSON);
        assertThat(call.changedSomething()).isFalse();
    }

    private Call createAccount(String token) {
        String username = Api.uniqueName("jwt");
        Response response = Api.as(token).body(Map.of("username", username, "password", TestAccounts.strongPassword()))
                .post("/api/v1/accounts");
        return new Call(response, accounts.countByUsername(username) == 1);
    }

    private Call cancelRecovery(String token) {
        TestRecoveries.Started started = TestRecoveries.start(accounts.create().username());
        Response response = Api.as(token).body(Map.of("reason", "suspicious")).post(
                "/api/v1/recoveries/" + started.recoveryId() + "/cancel");
        return new Call(response, recoveries.find(started.recoveryId()).state() == Recovery.State.CANCELLED);
    }

    private Call listRecoveries(String token) {
        Owner owner = accounts.create();
        TestRecoveries.start(owner.username());
        Response response = Api.as(token).queryParam("accountId", owner.id().toString()).get("/api/v1/recoveries");
        // A listing changes nothing; what it would "change" is what it shows: the owner's recovery.
        return new Call(response, response.statusCode() == 200 && response.jsonPath().getList("$").size() == 1);
    }
}
