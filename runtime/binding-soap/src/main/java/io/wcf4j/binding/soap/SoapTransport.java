package io.wcf4j.binding.soap;

import io.wcf4j.spi.CallMetadata;

/**
 * What a transport that wcf4j runs itself (JMS) gives the SOAP client: it carries one request's bytes to the
 * service and returns the reply's bytes. CXF writes and reads the envelopes; the transport only moves them.
 *
 * <p>Failures to deliver are thrown as {@link io.wcf4j.ServiceException} (UNAVAILABLE, DEADLINE_EXCEEDED) and
 * reach the caller unchanged.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SoapTransport {
    /** Sends a request; returns the reply, or null for a one-way request. */
    Reply send(Request request) throws java.io.IOException;

    /**
     * A request envelope, its content type, its SOAP action, whether no reply is expected, and the call's metadata
     * (its deadline included), which the transport carries in its own slots.
     */
    record Request(byte[] body, String contentType, String soapAction, boolean oneWay, CallMetadata metadata) {
    }

    /** A reply envelope, its content type, whether the transport marked it as a fault, and the response metadata. */
    record Reply(byte[] body, String contentType, boolean fault, CallMetadata metadata) {
    }
}
