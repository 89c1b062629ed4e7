package dev.lifeline.kyc.review;

import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.problem.AllowsNewlines;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import dev.lifeline.http.security.Actors;
import dev.lifeline.kyc.profile.KycProfile;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The review queue for support tooling (support-agent, support-supervisor): cases with masked facts and per-fact
 * match signals — never a raw ID number, answer or password — and the decisions, under the two-person rule.
 */
@Path("/api/v1/reviews")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"support-agent", "support-supervisor"})
public class ReviewResource {

    static final String SUPERVISOR = "support-supervisor";

    public record DecisionRequest(@NotNull Review.Verdict decision,
                                  @NotBlank @Size(max = 500) @AllowsNewlines String reason) {
    }

    /** What a reviewer sees of the subject: masked facts only. */
    public record Subject(String realName, String idNumber, String bankCard, LocalDate registrationDate) {
    }

    public record Approval(String reviewer, boolean supervisor, Instant at) {
    }

    public record CaseView(UUID reviewId, UUID recoveryId, UUID accountId, Review.State status, Review.Risk risk,
                           int requiredApprovals, List<Approval> approvals, Map<String, String> signals,
                           Subject subject, Instant createdAt) {
        static CaseView of(Review review) {
            KycProfile profile = KycProfile.findById(review.accountId());
            Subject subject = profile == null ? null : new Subject(profile.realNameMasked(), profile.idNumberMasked(),
                    profile.bankCardMasked(), profile.registrationDate());
            Map<String, String> signals = new LinkedHashMap<>();
            Arrays.stream(review.signals().split(",")).map(pair -> pair.split(":", 2))
                    .filter(pair -> pair.length == 2).forEach(pair -> signals.put(pair[0], pair[1]));
            return new CaseView(review.id(), review.recoveryId(), review.accountId(), review.state(), review.risk(),
                    review.requiredApprovals(), review.approvals().stream()
                    .map(a -> new Approval(a.reviewer(), a.supervisor(), a.decidedAt())).toList(),
                    signals, subject, review.createdAt());
        }
    }

    private final Reviews reviews;
    private final Actors actors;
    private final Audit audit;

    ReviewResource(Reviews reviews, Actors actors, Audit audit) {
        this.reviews = reviews;
        this.actors = actors;
        this.audit = audit;
    }

    /**
     * Cases in a state (PENDING by default), oldest first. Every read is audited (who looked at the queue, from
     * where, how many cases it showed): the cases hold masked identity facts of real people.
     */
    @GET
    @jakarta.transaction.Transactional
    public List<CaseView> list(@QueryParam("status") String status, @Context HttpServerRequest request) {
        Review.State state;
        try {
            state = status == null ? Review.State.PENDING : Review.State.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(InputProblemMappers.invalidRequest("The request is not valid.", List.of(
                    new Violation("status", "must be one of " + Arrays.toString(Review.State.values())))));
        }
        List<CaseView> cases = reviews.withState(state).stream().map(CaseView::of).toList();
        audit.record(actors.current(), "review.list", ClientAddress.of(request), "listed", "state", state.name(),
                "cases", Integer.toString(cases.size()));
        return cases;
    }

    @POST
    @Path("{reviewId}/decisions")
    @jakarta.transaction.Transactional
    public CaseView decide(@PathParam("reviewId") UUID reviewId, @Valid @NotNull DecisionRequest body,
                           @Context HttpServerRequest request) {
        // The name is shown and audited; the subject key decides who is the same person (names can be chosen twice).
        Review.Reviewer reviewer = new Review.Reviewer(actors.current(), actors.subjectKey(),
                actors.hasAnyRole(SUPERVISOR));
        try {
            return reviews.decide(reviewId, reviewer, body.decision(), body.reason().strip(),
                            ClientAddress.of(request)).map(CaseView::of)
                    .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND)
                            .detail("No review case with this id.")));
        } catch (Review.RefusedException e) {
            throw new ProblemException(Problem.typed("review-decision-refused", "The decision is not allowed", 409)
                    .detail(switch (e.refusal()) {
                        case NOT_PENDING -> "The case is already decided or closed.";
                        case ALREADY_APPROVED_BY_YOU -> "You have approved this case already; a second person must.";
                        case SECOND_APPROVAL_NEEDS_A_SUPERVISOR -> "A high-risk case needs a supervisor's approval.";
                    }).with("reason", e.refusal().name()));
        }
    }
}
