package dev.lifeline.notification.channel;

import dev.lifeline.events.Channel;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.Map;

/** Every channel's adapter, one per {@link Channel}; the service does not start with one missing or doubled. */
@ApplicationScoped
@Startup
public class Channels {

    private final Map<Channel, NotificationChannel> adapters = new EnumMap<>(Channel.class);

    Channels(Instance<NotificationChannel> all) {
        for (NotificationChannel adapter : all) {
            NotificationChannel other = adapters.put(adapter.channel(), adapter);
            if (other != null) {
                throw new IllegalStateException("two adapters for " + adapter.channel() + ": " + other + ", " + adapter);
            }
        }
        for (Channel channel : Channel.values()) {
            if (!adapters.containsKey(channel)) {
                throw new IllegalStateException("no adapter for the " + channel + " channel");
            }
        }
    }

    public NotificationChannel of(Channel channel) {
        return adapters.get(channel);
    }
}
