package dev.lifeline.http.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who acts: the readable name for audit lines, the issuer and subject for "is this the same person". */
class ActorsTest {

    private static final String ISSUER = "https://lifeline.local/dev";

    @Test
    void theSubjectKeyIsTheIssuerAndTheSubjectWhateverTheName() {
        Actors ann = actors(token(ISSUER, "4f1c-77", "agent-ann"));
        Actors annRenamed = actors(token(ISSUER, "4f1c-77", "ann.lee"));

        assertThat(ann.current()).isEqualTo("agent-ann");
        assertThat(annRenamed.current()).isEqualTo("ann.lee");
        assertThat(ann.subjectKey()).isEqualTo("https://lifeline.local/dev 4f1c-77")
                .isEqualTo(annRenamed.subjectKey());
    }

    @Test
    void oneNameWithTwoSubjectsIsTwoPeople() {
        assertThat(actors(token(ISSUER, "4f1c-77", "agent-ann")).subjectKey())
                .isNotEqualTo(actors(token(ISSUER, "9a0b-12", "agent-ann")).subjectKey());
    }

    @Test
    void aTokenWithoutIssuerOrSubjectIdentifiesNobody() {
        assertThatThrownBy(() -> actors(token(null, "4f1c-77", "agent-ann")).subjectKey())
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> actors(token(ISSUER, " ", "agent-ann")).subjectKey())
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anAnonymousRequestOrAPrincipalThatIsNoTokenHasNoSubjectKey() {
        assertThatThrownBy(() -> new Actors(QuarkusSecurityIdentity.builder().setAnonymous(true).build()).subjectKey())
                .isInstanceOf(UnauthorizedException.class);
        Principal named = () -> "agent-ann";
        assertThatThrownBy(() -> actors(named).subjectKey()).isInstanceOf(UnauthorizedException.class);
    }

    private static Actors actors(Principal principal) {
        return new Actors(QuarkusSecurityIdentity.builder().setPrincipal(principal).build());
    }

    /** A verified token's claims, as smallrye-jwt's principal gives them. */
    private static JsonWebToken token(String issuer, String subject, String upn) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("upn", upn);
        claims.values().removeIf(value -> value == null);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return upn;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
    }
}
