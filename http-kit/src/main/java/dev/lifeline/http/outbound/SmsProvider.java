package dev.lifeline.http.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.http.privacy.Masks;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way a Lifeline service texts a phone: the provider's HTTP API ({@code POST {"to", "text"}}, with a bearer
 * key when it wants one), or, without a provider, the development sink, which logs the number masked and sends
 * nothing. notification-service texts its alerts through it, identity-service the code that proves a new phone.
 */
@ApplicationScoped
public class SmsProvider {

    private static final Logger LOG = Logger.getLogger(SmsProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One text message.
     *
     * @param about       what it is for, for the log (a template and a recovery id; never personal data)
     * @param holdsSecret the text holds a code: the development sink logs it withheld, never the text
     */
    public record Sms(String to, String text, String about, boolean holdsSecret) {
    }

    private final SmsConfig config;
    private final HttpDelivery http;

    @Inject
    SmsProvider(SmsConfig config, HttpDelivery http) {
        this(config, http, LaunchMode.current());
    }

    public SmsProvider(SmsConfig config, HttpDelivery http, LaunchMode mode) {
        if (config.provider() == SmsConfig.Provider.HTTP && config.url().isEmpty()) {
            throw new IllegalStateException("lifeline.sms.provider=HTTP needs lifeline.sms.url (LIFELINE_SMS_URL)");
        }
        if (config.provider() == SmsConfig.Provider.LOG && mode == LaunchMode.NORMAL) {
            // Not refused: the launcher (deploy/lifeline up) runs the services in production mode without one.
            LOG.warn("lifeline.sms.provider is LOG, the development sink: no SMS is being sent (alerts, phone codes);"
                    + " each text is only logged (number masked) and recorded as not sent. To text owners, set"
                    + " LIFELINE_SMS_PROVIDER=HTTP and LIFELINE_SMS_URL (and LIFELINE_SMS_API_KEY if the provider"
                    + " wants a bearer token)");
        } else if (config.provider() == SmsConfig.Provider.LOG) {
            LOG.info("No SMS provider configured (LIFELINE_SMS_PROVIDER=LOG): texts are logged, not sent");
        }
        this.config = config;
        this.http = http;
    }

    /**
     * @return true if the text went to the provider; false if only the development sink logged it
     * @throws DeliveryFailure when the provider refused it or could not be reached (see {@link HttpDelivery})
     */
    public boolean send(Sms sms) throws DeliveryFailure {
        if (config.provider() == SmsConfig.Provider.LOG) {
            LOG.infof("SMS %s (development sink, not sent) to %s: %s", sms.about(), Masks.phone(sms.to()),
                    sms.holdsSecret() ? "[withheld: it holds a code]" : sms.text());
            return false;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        http.post(config.url().orElseThrow(), "application/json", headers,
                json(Map.of("to", sms.to(), "text", sms.text())));
        return true;
    }

    private static String json(Map<String, String> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
