package dev.lifeline.kyc.profile;

import dev.lifeline.events.KycProfileChanged;
import dev.lifeline.messaging.Outbox;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.Problem;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import dev.lifeline.http.security.Actors;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * KYC profiles, written by the operator's back office (admin) and shown masked to support. Every field is checked
 * before anything is stored; the answer never contains a raw fact. Every write tells identity-service what is now on
 * file ({@link KycProfileChanged}, through the outbox in the write's transaction), so its readiness check-up needs
 * no call here.
 */
@Path("/api/v1/kyc-profiles")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class KycProfileResource {

    public record BankCard(@NotBlank @Size(max = 40) String issuer, @NotNull @Size(max = 8) String last4) {
        @Override
        public String toString() {
            return "BankCard[" + issuer + "]";
        }
    }

    public record Registration(@NotBlank @Size(max = 100) String city, @NotNull @PastOrPresent LocalDate date) {
        @Override
        public String toString() {
            return "Registration[]";
        }
    }

    /** @param key a {@link QuestionCatalogue} key, e.g. {@code first-school}: owners choose, they do not write */
    public record SecurityQuestionRequest(@NotBlank @Size(max = 40) String key,
                                          @NotBlank @Size(max = 200) String answer) {
        @Override
        public String toString() {
            return "SecurityQuestion[" + key + "]";
        }
    }

    public record ProfileRequest(@NotBlank @Size(max = 100) String realName,
                                 @NotBlank @Size(max = 32) String idNumber,
                                 @NotNull @Valid BankCard bankCard,
                                 @NotNull @Valid Registration registration,
                                 @NotNull @Size(min = KycProfile.FEWEST_QUESTIONS, max = KycProfile.MOST_QUESTIONS)
                                 List<@NotNull @Valid SecurityQuestionRequest> securityQuestions) {
        @Override
        public String toString() {
            return "ProfileRequest[]";
        }
    }

    /**
     * What support sees: masked facts, the questions' keys, never an answer; and, for a profile registered before
     * the catalogue, the owner's own questions that match none of its texts, which no check asks until the profile
     * is registered again with catalogue questions.
     */
    public record ProfileView(UUID accountId, String realName, String idNumber, String bankCard,
                              LocalDate registrationDate, List<String> securityQuestions,
                              List<String> questionsNotAsked, Instant updatedAt) {
        static ProfileView of(KycProfile profile) {
            return new ProfileView(profile.accountId(), profile.realNameMasked(), profile.idNumberMasked(),
                    profile.bankCardMasked(), profile.registrationDate(), profile.keys(),
                    profile.securityQuestions().stream().map(KycProfile.SecurityQuestion::legacyQuestion)
                            .flatMap(Optional::stream).toList(),
                    profile.updatedAt());
        }
    }

    private final FactHashing hashing;
    private final Outbox outbox;
    private final Actors actors;
    private final Audit audit;

    KycProfileResource(FactHashing hashing, Outbox outbox, Actors actors, Audit audit) {
        this.hashing = hashing;
        this.outbox = outbox;
        this.actors = actors;
        this.audit = audit;
    }

    /** Creates or replaces the account's profile: 204. */
    @PUT
    @Path("{accountId}")
    @RolesAllowed("admin")
    @Blocking
    @Transactional
    public Response put(@PathParam("accountId") UUID accountId, @Valid @NotNull ProfileRequest body,
                        @Context HttpServerRequest request) {
        KycProfile.Facts facts = checked(body);
        lockProfileOf(accountId);
        Instant now = Instant.now();
        KycProfile profile = KycProfile.<KycProfile>findByIdOptional(accountId)
                .orElseGet(() -> KycProfile.create(accountId, now));
        boolean created = !profile.isPersistent();
        KycProfileChanged changed = profile.replace(facts, hashing, now);
        profile.persist();
        outbox.publish(changed);
        audit.record(actors.current(), "kyc-profile.put", ClientAddress.of(request), created ? "created" : "replaced",
                "account", accountId.toString(), "questions", Integer.toString(facts.questions().size()));
        return Response.noContent().build();
    }

    /**
     * Serialises writes of one account's profile until the transaction ends, also while it does not exist yet (a row
     * lock needs a row): two PUTs at once then replace one after the other, each with its event, instead of one
     * failing on the primary key or the version.
     */
    private static void lockProfileOf(UUID accountId) {
        KycProfile.getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('kyc_profile'), hashtext(:account))")
                .setParameter("account", accountId.toString())
                .getSingleResult();
    }

    @GET
    @Path("{accountId}")
    @RolesAllowed({"admin", "support-agent", "support-supervisor"})
    public ProfileView get(@PathParam("accountId") UUID accountId, @Context HttpServerRequest request) {
        KycProfile profile = KycProfile.findById(accountId);
        audit.record(actors.current(), "kyc-profile.view", ClientAddress.of(request), profile == null ? "none" : "shown",
                "account", accountId.toString());
        if (profile == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND).detail("No KYC profile for this account."));
        }
        return ProfileView.of(profile);
    }

    /** The checks Bean Validation cannot express; every failing field is named at once. */
    private static KycProfile.Facts checked(ProfileRequest body) {
        List<Violation> violations = new ArrayList<>();
        ResidentIdNumber idNumber = null;
        try {
            idNumber = ResidentIdNumber.parse(body.idNumber());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("idNumber", e.getMessage()));
        }
        String last4 = null;
        try {
            last4 = Masking.last4(body.bankCard().last4());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("bankCard.last4", e.getMessage()));
        }
        if (AnswerNormalizer.isBlankAfterNormalizing(body.realName())) {
            violations.add(new Violation("realName", "must contain letters"));
        }
        if (AnswerNormalizer.isBlankAfterNormalizing(body.registration().city())) {
            violations.add(new Violation("registration.city", "must contain letters"));
        }
        List<KycProfile.Question> questions = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < body.securityQuestions().size(); i++) {
            SecurityQuestionRequest question = body.securityQuestions().get(i);
            if (!QuestionCatalogue.contains(question.key())) {
                violations.add(new Violation("securityQuestions[" + i + "].key",
                        "must be one of " + String.join(", ", QuestionCatalogue.KEYS)));
            } else if (!keys.add(question.key())) {
                violations.add(new Violation("securityQuestions[" + i + "].key", "is already asked"));
            }
            if (AnswerNormalizer.isBlankAfterNormalizing(question.answer())) {
                violations.add(new Violation("securityQuestions[" + i + "].answer",
                        "must contain letters or digits"));
            }
            if (violations.isEmpty()) {
                questions.add(new KycProfile.Question(question.key(), AnswerNormalizer.normalize(question.answer())));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(InputProblemMappers.invalidRequest("The request is not valid.", violations));
        }
        return new KycProfile.Facts(body.realName(), idNumber, body.bankCard().issuer(), last4,
                body.registration().city(), body.registration().date(), questions);
    }
}
