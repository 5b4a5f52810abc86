package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Reports to the Dispatcher the SOAP requests CXF refused before they became invocations (unreadable XML, an
 * unknown operation, a body over the size limit), so that observe-phase behaviors see every call. Runs in the
 * out-fault chain, after {@link ErrorCodeFaultInterceptor} has given the fault its code.
 */
final class SoapRefusals extends AbstractPhaseInterceptor<Message> {
    private final ListenContext context;

    SoapRefusals(ListenContext context) {
        super(Phase.PRE_LOGICAL);
        addAfter(ErrorCodeFaultInterceptor.class.getName());
        this.context = context;
    }

    @Override
    public void handleMessage(Message message) {
        Exchange exchange = message.getExchange();
        if (exchange == null || exchange.get(Outcome.class) != null) {
            return; // the Dispatcher saw this call
        }
        Exception e = message.getContent(Exception.class);
        FaultCode code = e instanceof Fault f ? SoapFaults.codeOf(f.getDetail()) : null;
        if (code == null) {
            code = FaultCode.INVALID_ARGUMENT;
        }
        Message in = exchange.getInMessage();
        CallMetadata metadata = CallMetadata.EMPTY;
        PeerIdentity peer = PeerIdentity.UNKNOWN;
        if (in != null) {
            peer = SoapMetadataCodec.peer(in);
            try {
                metadata = SoapMetadataCodec.read(in);
            } catch (RuntimeException unreadable) {
                // the metadata itself may be why the message was refused
            }
        }
        String operation = exchange.getBindingOperationInfo() == null ? null
                : exchange.getBindingOperationInfo().getName().getLocalPart();
        context.dispatcher().refused(new Refusal(operation, context.newContext().metadata(metadata).peer(peer).build(),
                Outcome.error(code, e == null || e.getMessage() == null ? code.title() : e.getMessage())));
    }
}
