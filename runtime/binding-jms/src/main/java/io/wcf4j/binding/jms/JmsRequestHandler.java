package io.wcf4j.binding.jms;

import io.wcf4j.FaultCode;
import io.wcf4j.binding.soap.SoapMessageProcessor;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import io.wcf4j.spi.WireTap;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Settles one request message in the consumer's transaction: validates it, runs it through SOAP processing and the
 * Dispatcher with the metadata its properties carry, then replies, retries or dead-letters it, and commits. A
 * message refused before SOAP processing is reported to the Dispatcher, so that observe-phase behaviors see it.
 */
final class JmsRequestHandler {
    private final ListenContext context;
    private final SoapMessageProcessor processor;
    private final JmsReplies replies;
    private final RedeliveryPolicy redelivery;
    private final long maxMessageSize;
    private final BooleanSupplier accepting;

    /** The host's transport-level message log, if it wants this endpoint's messages. */
    private final WireTap tap;
    /** Messages received from the queue, redeliveries included, since the endpoint opened. */
    final LongAdder delivered = new LongAdder();

    JmsRequestHandler(ListenContext context, SoapMessageProcessor processor, JmsReplies replies, RedeliveryPolicy redelivery,
                      long maxMessageSize, BooleanSupplier accepting) {
        this.context = context;
        this.processor = processor;
        this.replies = replies;
        this.redelivery = redelivery;
        this.maxMessageSize = maxMessageSize;
        this.accepting = accepting;
        this.tap = WireTap.forEndpoint(context.resources(), context.endpoint());
    }

    void handle(Session session, MessageProducer producer, Message m) throws JMSException {
        delivered.increment();
        Destination replyTo = m.getJMSReplyTo();
        if (redelivery.deadLetterIfNeverSettled(producer, m)) {
            session.commit();
            return;
        }
        CallMetadata metadata = JmsMetadataCodec.read(m);
        byte[] body;
        String contentType;
        try {
            contentType = SoapJmsRequests.contentTypeOf(m);
            body = SoapJmsRequests.bodyOf(m, maxMessageSize);
        } catch (Refused r) {
            context.dispatcher().refused(new Refusal(null, context.newContext().metadata(metadata).peer(PeerIdentity.UNKNOWN).build(),
                    Outcome.error(r.code, r.getMessage())));
            // the reply first: sending the message on to the dead-letter queue gives it a new id and expiry
            if (replyTo != null) {
                replies.reply(session, producer, m, replyTo, processor.faultEnvelope(r.code, r.getMessage()), true, CallMetadata.EMPTY);
            }
            redelivery.deadLetter(producer, m, r.code, r.getMessage(), RedeliveryPolicy.attemptsOf(m));
            session.commit();
            return;
        }
        if (tap != null) {
            tap.wholeMessage(context.endpoint(), WireTap.Direction.RECEIVED, "message " + m.getJMSMessageID(), contentType, body);
        }
        SoapMessageProcessor.Result r = processor.process(body, contentType, metadata, PeerIdentity.UNKNOWN,
                RedeliveryPolicy.originalIdOf(m));
        if (r.completed()) {
            if (replyTo != null && !r.oneWay()) {
                replies.reply(session, producer, m, replyTo, r.body(), r.fault(), r.metadata());
            }
            session.commit();
            return;
        }
        FaultCode code = r.errorCode();
        if (code == FaultCode.UNAVAILABLE && !accepting.getAsBoolean()) {
            // the host is stopping: not the message's fault, and not an attempt
            session.rollback();
            return;
        }
        boolean unreadable = code.isCallerFault();
        if (replyTo != null && !r.oneWay()) {
            // the caller gets the fault and decides; nothing to retry
            replies.reply(session, producer, m, replyTo, r.body(), true, r.metadata());
            if (unreadable) {
                redelivery.deadLetter(producer, m, code, r.problem(), RedeliveryPolicy.attemptsOf(m) + 1);
            }
        } else {
            redelivery.oneWayFailed(producer, m, code, r.problem());
        }
        session.commit();
    }
}
