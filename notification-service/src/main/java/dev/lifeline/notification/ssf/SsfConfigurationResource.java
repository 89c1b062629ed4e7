package dev.lifeline.notification.ssf;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a receiver needs to trust our SETs, where SSF 1.0 discovery looks: the transmitter metadata and the public
 * key set it points to. Both are public and hold no secret. (The HTTP kit marks every
 * answer {@code no-store}; receivers fetch the JWKS again when they meet an unknown {@code kid}.)
 *
 * <p>Receivers are configured on our side and SETs are pushed, so there are no stream-management endpoints, and
 * {@code default_subjects} is NONE in the sense that nobody subscribes: every configured receiver gets every
 * account's signals. Subjects are simple ({@code opaque}), so {@code critical_subject_members} is left out.
 */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class SsfConfigurationResource {

    static final String PUSH_DELIVERY = "urn:ietf:rfc:8935";

    private final SsfConfig config;
    private final SigningKey key;

    SsfConfigurationResource(SsfConfig config, SigningKey key) {
        this.config = config;
        this.key = key;
    }

    @GET
    @Path("ssf-configuration")
    public TransmitterConfiguration configuration() {
        String issuer = config.issuer().toString();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return new TransmitterConfiguration("1_0", issuer, base + "/.well-known/jwks.json", List.of(PUSH_DELIVERY),
                "NONE", Arrays.stream(SecurityEvent.values()).map(SecurityEvent::uri).toList());
    }

    @GET
    @Path("jwks.json")
    public Map<String, List<Map<String, Object>>> jwks() {
        return Map.of("keys", List.of(key.publicJwk()));
    }

    /** SSF 1.0 Transmitter Configuration Metadata. */
    public record TransmitterConfiguration(
            @JsonProperty("spec_version") String specVersion,
            @JsonProperty("issuer") String issuer,
            @JsonProperty("jwks_uri") String jwksUri,
            @JsonProperty("delivery_methods_supported") List<String> deliveryMethodsSupported,
            @JsonProperty("default_subjects") String defaultSubjects,
            @JsonProperty("events_supported") List<String> eventsSupported) {
    }
}
