package dev.lifeline.notification.ssf;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@link SsfConfig} without SmallRye: a record's accessors are the mapping's methods. */
record TestSsfConfig(URI issuer, Optional<String> keyId, Optional<String> signingKey, List<Receiver> receivers)
        implements SsfConfig {

    static final URI ISSUER = URI.create("https://lifeline.example");

    static TestSsfConfig withReceivers(Receiver... receivers) {
        return new TestSsfConfig(ISSUER, Optional.of("test-key"), Optional.empty(), List.of(receivers));
    }

    record TestReceiver(URI url, String audience, Optional<String> bearerToken) implements Receiver {

        /** Every test receiver's audience unless a test names its own. */
        static final String AUDIENCE = "https://rp.example";

        static TestReceiver at(URI url) {
            return new TestReceiver(url, AUDIENCE, Optional.empty());
        }
    }
}
