package dev.lifeline.http.problem;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProblemTest {

    @Test
    void standardMembersComeFirstThenExtensions() {
        Problem problem = Problem.typed("rate-limited", "Too many requests", 429)
                .detail("Try later.").instance("/api/v1/authentications")
                .with("retryAt", Instant.parse("2025-03-14T09:00:00Z"));

        assertThat(ProblemResponses.write(problem)).isEqualTo("{\"type\":\"https://lifeline.dev/problems/rate-limited\","
                + "\"title\":\"Too many requests\",\"status\":429,\"detail\":\"Try later.\","
                + "\"instance\":\"/api/v1/authentications\",\"retryAt\":\"2025-03-14T09:00:00Z\"}");
    }

    @Test
    void aStatusOnlyProblemIsAboutBlankWithTheReasonPhrase() {
        Problem problem = Problem.of(Response.Status.NOT_FOUND);

        assertThat(problem.type()).hasToString("about:blank");
        assertThat(problem.title()).isEqualTo("Not Found");
    }

    @Test
    void violationsOmitEmptyMembers() {
        Problem problem = Problem.of(400, "Bad Request").with("violations", List.of(new Violation("email", "is not valid")));

        assertThat(ProblemResponses.write(problem)).contains("{\"field\":\"email\",\"message\":\"is not valid\"}");
    }

    @Test
    void standardMembersCannotBeOverwrittenAsExtensions() {
        assertThatIllegalArgumentException().isThrownBy(() -> Problem.of(Response.Status.CONFLICT).with("status", 200));
    }

    @Test
    void theRequestPathBecomesTheInstance() {
        Response response = ProblemResponses.of(Problem.of(Response.Status.CONFLICT), "api/v1/recoveries/1/cancel");

        assertThat((String) response.getEntity()).contains("\"instance\":\"/api/v1/recoveries/1/cancel\"");
        assertThat(response.getHeaderString("Content-Type")).isEqualTo("application/problem+json");
    }
}
