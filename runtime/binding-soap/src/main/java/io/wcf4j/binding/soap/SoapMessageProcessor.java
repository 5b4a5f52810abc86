package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;

/**
 * The server half of SOAP for transports that wcf4j runs itself (JMS): give it a request envelope's bytes,
 * get back the reply envelope's bytes and what became of the call. CXF decodes and encodes exactly as for
 * SOAP over HTTP, and the call goes through the same Dispatcher; one-way calls run on the calling thread,
 * so that the transport acknowledges a message only once its operation has run.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class SoapMessageProcessor implements AutoCloseable {
    private final Bus bus;
    private final Server server;
    private final DirectTransport.ServerDestination destination;
    private final boolean soap12;

    private SoapMessageProcessor(Bus bus, Server server, DirectTransport.ServerDestination destination, boolean soap12) {
        this.bus = bus;
        this.server = server;
        this.destination = destination;
        this.soap12 = soap12;
    }

    /** A processor for the endpoint in {@code context}. */
    public static SoapMessageProcessor create(ListenContext context, boolean soap12, long maxMessageSize) {
        Bus bus = BusFactory.newInstance().createBus();
        try {
            DirectTransport.ServerDestinationFactory destinations = new DirectTransport.ServerDestinationFactory();
            Server server = SoapServers.create(bus, context, soap12, maxMessageSize,
                    new DispatchingInvoker(context, true), destinations);
            return new SoapMessageProcessor(bus, server, destinations.destination, soap12);
        } catch (RuntimeException e) {
            bus.shutdown(false);
            throw e;
        }
    }

    /** The content type of the envelopes this endpoint writes. */
    public String contentType() {
        return soap12 ? "application/soap+xml; charset=UTF-8" : "text/xml; charset=UTF-8";
    }

    /**
     * Runs one request through CXF and the Dispatcher on the calling thread.
     *
     * @param metadata what the transport read of the call's metadata (SOAP header elements are added to it)
     * @param peer     what the transport verified about the sender
     */
    public Result process(byte[] body, String contentType, CallMetadata metadata, PeerIdentity peer) {
        return process(body, contentType, metadata, peer, null);
    }

    /**
     * Runs one queued message, named by {@code messageKey} (the same on every delivery of that message, whoever
     * puts it back on the queue): WS-Security's replay check lets its nonce through again on a redelivery of the same
     * message, and on no other.
     */
    public Result process(byte[] body, String contentType, CallMetadata metadata, PeerIdentity peer, String messageKey) {
        return DeliveryReplayCache.during(messageKey, () -> run(body, contentType, metadata, peer));
    }

    private Result run(byte[] body, String contentType, CallMetadata metadata, PeerIdentity peer) {
        Message in = new MessageImpl();
        Exchange exchange = new ExchangeImpl();
        exchange.setInMessage(in);
        in.setExchange(exchange);
        in.put(Message.CONTENT_TYPE, contentType);
        in.setContent(InputStream.class, new ByteArrayInputStream(body));
        ByteArrayOutputStream reply = new ByteArrayOutputStream(512);
        exchange.put(DirectTransport.REPLY_STREAM, reply);
        exchange.put(SoapMetadataCodec.METADATA, metadata);
        exchange.put(SoapMetadataCodec.PEER, peer);
        destination.deliver(in);
        Outcome outcome = exchange.get(Outcome.class);
        Message faultMessage = exchange.getOutFaultMessage();
        FaultCode code = null;
        String problem = null;
        if (outcome != null && outcome.kind() == Outcome.Kind.ERROR) {
            code = outcome.errorCode();
            problem = outcome.errorMessage();
        } else if (outcome != null && outcome.kind() == Outcome.Kind.VALUE && faultMessage != null) {
            // the operation ran but its result could not be written: the service's failure, not the caller's
            code = FaultCode.INTERNAL;
            problem = "the reply could not be written";
        } else if (outcome == null && faultMessage != null) {
            // CXF refused the message before the Dispatcher saw it (unreadable XML, unknown operation)
            Exception e = faultMessage.getContent(Exception.class);
            FaultCode detailed = e instanceof Fault f ? SoapFaults.codeOf(f.getDetail()) : null;
            code = detailed != null ? detailed : FaultCode.INVALID_ARGUMENT;
            problem = e != null ? e.getMessage() : code.title();
        } else if (outcome == null) {
            // neither a call nor a fault: nothing ran, so it must not count as done
            code = FaultCode.INTERNAL;
            problem = "the message produced neither a call nor a fault";
        }
        return new Result(reply.toByteArray(), contentType(), exchange.isOneWay(), faultMessage != null, code, problem,
                outcome == null ? CallMetadata.EMPTY : outcome.metadata());
    }

    /** A fault envelope for a message refused before it reaches CXF (too large, wrong properties). */
    public byte[] faultEnvelope(FaultCode code, String reason) {
        return SoapFaults.envelope(soap12, code, reason);
    }

    @Override
    public void close() {
        try {
            server.destroy();
        } finally {
            bus.shutdown(false);
        }
    }

    /**
     * What became of one request.
     *
     * @param body      the reply envelope (empty for a one-way call that succeeded)
     * @param oneWay    whether the request was for a one-way operation
     * @param fault     whether the reply is a SOAP fault (a declared fault or a framework error)
     * @param errorCode the framework error, or null if the call ran (declared faults included)
     * @param problem   the error's message, or null
     * @param metadata  the response metadata to send with the reply
     */
    public record Result(byte[] body, String contentType, boolean oneWay, boolean fault, FaultCode errorCode, String problem,
                         CallMetadata metadata) {
        /** Whether the operation ran to completion (a declared fault counts: the operation decided it). */
        public boolean completed() {
            return errorCode == null;
        }
    }
}
