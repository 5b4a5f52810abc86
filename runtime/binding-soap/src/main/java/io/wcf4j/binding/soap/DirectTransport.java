package io.wcf4j.binding.soap;

import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.cxf.Bus;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.AbstractConduit;
import org.apache.cxf.transport.AbstractDestination;
import org.apache.cxf.transport.Conduit;
import org.apache.cxf.transport.Destination;
import org.apache.cxf.transport.DestinationFactory;
import org.apache.cxf.ws.addressing.EndpointReferenceType;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;

/**
 * A CXF transport with no wire of its own: the server half takes a request's bytes from whoever received
 * them (a JMS consumer) and hands back the reply's bytes; the client half gives the request's bytes to a
 * {@link SoapTransport} and feeds its reply into CXF. It lets CXF do the SOAP work for transports wcf4j
 * runs itself.
 */
final class DirectTransport {
    static final String TRANSPORT_ID = "urn:wcf4j:transport:direct";
    private static final Logger LOG = Logger.getLogger(DirectTransport.class.getName());
    /** Exchange key of the stream the server's reply (or fault) is written to. */
    static final String REPLY_STREAM = DirectTransport.class.getName() + ".reply";
    private static final String REQUEST_BUFFER = DirectTransport.class.getName() + ".request";
    /** Request context key of the {@link ClientCall} being sent: its metadata goes out, the reply's comes back. */
    static final String CALL = DirectTransport.class.getName() + ".call";

    private DirectTransport() {
    }

    /** Makes one {@link ServerDestination} per endpoint; the processor keeps it to push requests in. */
    static final class ServerDestinationFactory implements DestinationFactory {
        volatile ServerDestination destination;

        @Override
        public Destination getDestination(EndpointInfo ei, Bus bus) {
            destination = new ServerDestination(bus, ei);
            return destination;
        }

        @Override
        public List<String> getTransportIds() {
            return List.of(TRANSPORT_ID);
        }

        @Override
        public Set<String> getUriPrefixes() {
            return Set.of();
        }
    }

    static final class ServerDestination extends AbstractDestination {
        ServerDestination(Bus bus, EndpointInfo ei) {
            super(bus, EndpointReferenceUtils.getEndpointReference(ei.getAddress()), ei);
        }

        /** Runs the message through CXF's chain on the calling thread. */
        void deliver(Message message) {
            message.getExchange().setDestination(this);
            incomingObserver.onMessage(message);
        }

        @Override
        protected Conduit getInbuiltBackChannel(Message inMessage) {
            return new AbstractBackChannelConduit() {
                @Override
                public void prepare(Message message) {
                    message.setContent(OutputStream.class, inMessage.getExchange().get(REPLY_STREAM));
                }
            };
        }

        @Override
        protected Logger getLogger() {
            return LOG;
        }
    }

    /** The client half: buffers the request, sends it through a {@link SoapTransport}, feeds the reply back. */
    static final class ClientConduit extends AbstractConduit {
        private final SoapTransport transport;

        ClientConduit(EndpointReferenceType target, SoapTransport transport) {
            super(target);
            this.transport = transport;
        }

        @Override
        public void prepare(Message message) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
            // kept under our own key too: CXF's interceptors may take the content stream off the message
            message.put(REQUEST_BUFFER, buffer);
            message.setContent(OutputStream.class, buffer);
        }

        @Override
        public void close(Message message) throws IOException {
            if (!(message.get(REQUEST_BUFFER) instanceof ByteArrayOutputStream buffer)) {
                // CXF closes the reply through the conduit too, once it has read it
                java.io.InputStream in = message.getContent(java.io.InputStream.class);
                if (in != null) {
                    in.close();
                }
                return;
            }
            OutputStream out = message.getContent(OutputStream.class);
            if (out != null) {
                // closed, not just flushed: a stream wrapped around the buffer (CXF's logging feature, a client's wire
                // tap) finishes its work on close, and must do it before the request goes
                out.close();
            }
            byte[] body = buffer.toByteArray();
            Exchange exchange = message.getExchange();
            String contentType = (String) message.get(Message.CONTENT_TYPE);
            ClientCall call = message.get(CALL) instanceof ClientCall c ? c : null;
            SoapTransport.Reply reply = transport.send(new SoapTransport.Request(body, contentType,
                    soapAction(message), exchange.isOneWay(), call == null ? CallMetadata.EMPTY : call.metadata().build()));
            if (reply != null && call != null) {
                call.responseMetadata(reply.metadata());
            }
            if (exchange.isOneWay() || reply == null) {
                return;
            }
            Message in = exchange.getEndpoint().getBinding().createMessage();
            in.setExchange(exchange);
            exchange.setInMessage(in);
            in.put(Message.CONTENT_TYPE, reply.contentType());
            in.put(Message.RESPONSE_CODE, reply.fault() ? 500 : 200);
            in.setContent(java.io.InputStream.class, new ByteArrayInputStream(reply.body()));
            incomingObserver.onMessage(in);
        }

        /** The action CXF put in the SOAP 1.1 {@code SOAPAction} header (SOAP 1.2 carries it in the content type). */
        private static String soapAction(Message message) {
            if (message.get(Message.PROTOCOL_HEADERS) instanceof java.util.Map<?, ?> headers
                    && headers.get("SOAPAction") instanceof List<?> values && !values.isEmpty()) {
                String a = String.valueOf(values.get(0));
                return a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"") ? a.substring(1, a.length() - 1) : a;
            }
            return "";
        }

        @Override
        protected Logger getLogger() {
            return LOG;
        }
    }
}
