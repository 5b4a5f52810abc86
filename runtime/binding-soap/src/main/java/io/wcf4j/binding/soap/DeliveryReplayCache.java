package io.wcf4j.binding.soap;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.wss4j.common.cache.MemoryReplayCache;
import org.apache.wss4j.common.cache.ReplayCache;

/**
 * WS-Security's replay cache (nonces, signed timestamps) that tells a replay from a redelivery. Over HTTP every
 * message is a new delivery and a nonce seen before is a replay. Over a queue the same message may be processed
 * again (the broker redelivers it, or the binding puts it back for a retry): that is not a replay, and refusing it
 * would dead-letter a message the service accepted. The transport names the message it delivers ({@link #during});
 * a nonce first seen on that message passes again on it, and on no other.
 */
final class DeliveryReplayCache implements ReplayCache {
    private static final ThreadLocal<String> DELIVERY = new ThreadLocal<>();

    private final MemoryReplayCache seen = new MemoryReplayCache();
    private final MemoryReplayCache seenOnDelivery = new MemoryReplayCache();

    /** Runs {@code body} as the processing of the queued message {@code messageKey} (null: a new delivery). */
    static <T> T during(String messageKey, Supplier<T> body) {
        if (messageKey == null) {
            return body.get();
        }
        DELIVERY.set(messageKey);
        try {
            return body.get();
        } finally {
            DELIVERY.remove();
        }
    }

    @Override
    public void add(String identifier) {
        seen.add(identifier);
        String delivery = DELIVERY.get();
        if (delivery != null) {
            seenOnDelivery.add(onDelivery(identifier, delivery));
        }
    }

    @Override
    public void add(String identifier, Instant expiry) {
        seen.add(identifier, expiry);
        String delivery = DELIVERY.get();
        if (delivery != null) {
            seenOnDelivery.add(onDelivery(identifier, delivery), expiry);
        }
    }

    @Override
    public boolean contains(String identifier) {
        String delivery = DELIVERY.get();
        if (delivery != null && seenOnDelivery.contains(onDelivery(identifier, delivery))) {
            return false;
        }
        return seen.contains(identifier);
    }

    private static String onDelivery(String identifier, String delivery) {
        return identifier + '\u0000' + delivery;
    }

    @Override
    public void close() throws IOException {
        try {
            seen.close();
        } finally {
            seenOnDelivery.close();
        }
    }
}
