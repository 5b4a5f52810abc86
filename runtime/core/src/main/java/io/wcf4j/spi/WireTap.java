package io.wcf4j.spi;

import java.util.Arrays;

/**
 * WCF's transport-level message logging: the messages an endpoint received and sent, as they were on the wire (a
 * SOAP envelope, a JSON body, a frame's payload), before decoding and after encoding. A host that wants them puts
 * one in its {@link HostResources}; each binding looks it up when it opens an endpoint and, when
 * {@link #isEnabled} says so, hands it the first {@link #maxBytes()} of every message. Whoever implements it masks
 * what must not be written; bindings pass the bytes as they are. A client gets its own messages the same way, through
 * {@link io.wcf4j.ChannelFactory.Builder#wireTap}: what it sent is {@link Direction#SENT}, replies
 * {@link Direction#RECEIVED}.
 *
 * <p>Implementations must be thread-safe and quick: they run on the bindings' I/O threads.
 *
 * @since 0.1
 */
public interface WireTap {

    /** Whether this endpoint's messages are wanted; asked once, when the endpoint opens. */
    boolean isEnabled(EndpointInfo endpoint);

    /** How much of a message is kept; a binding copies no more than this. */
    int maxBytes();

    /**
     * One message.
     *
     * @param direction   {@code received} or {@code sent}
     * @param kind        what the wire calls it, e.g. {@code POST /api/ledger/transfers}, {@code REQUEST 7},
     *                    {@code 200}; never a credential
     * @param contentType the payload's media type ({@code application/soap+xml}, {@code application/cbor}), or null
     * @param payload     the first bytes of the message, at most {@link #maxBytes()}
     * @param length      the message's whole length, if known (else -1); more than {@code payload.length} when cut
     */
    void message(EndpointInfo endpoint, Direction direction, String kind, String contentType, byte[] payload, long length);

    /** {@link #message} of a whole message: its first {@link #maxBytes()} are kept. */
    default void wholeMessage(EndpointInfo endpoint, Direction direction, String kind, String contentType, byte[] message) {
        byte[] kept = message.length <= maxBytes() ? message : Arrays.copyOf(message, maxBytes());
        message(endpoint, direction, kind, contentType, kept, message.length);
    }

    /** Which way a message went. */
    enum Direction { RECEIVED, SENT }

    /** The tap of a host's resources, if it has one that wants this endpoint's messages, else null. */
    static WireTap forEndpoint(HostResources resources, EndpointInfo endpoint) {
        WireTap tap = resources.get(WireTap.class);
        return tap != null && tap.isEnabled(endpoint) ? tap : null;
    }
}
