package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.Decimals;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.FaultMode;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.service.invoker.Invoker;
import org.apache.cxf.service.invoker.MethodDispatcher;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Where CXF hands over: instead of calling the implementation, it turns CXF's decoded call and the message's
 * metadata into an {@link Invocation}, runs it through the wcf4j Dispatcher and gives CXF the result or a fault
 * to encode. Response metadata goes into the HTTP response headers (SOAP over HTTP) or to the transport that
 * runs the exchange (SOAP over JMS, through the exchange's {@link Outcome}).
 */
final class DispatchingInvoker implements Invoker {
    private final ListenContext context;
    private final boolean synchronousOneWay;

    /**
     * @param synchronousOneWay run one-way calls to completion on the receiving thread and report their outcome,
     *                          for a transport that acknowledges a message only after the operation (transacted JMS)
     */
    DispatchingInvoker(ListenContext context, boolean synchronousOneWay) {
        this.context = context;
        this.synchronousOneWay = synchronousOneWay;
    }

    @Override
    public Object invoke(Exchange exchange, Object o) {
        Message in = exchange.getInMessage();
        BindingOperationInfo bop = exchange.getBindingOperationInfo();
        MethodDispatcher md = (MethodDispatcher) exchange.getService().get(MethodDispatcher.class.getName());
        Method method = bop == null || md == null ? null : md.getMethod(bop);
        OperationDescription op = method == null ? null : context.contract().operation(method).orElse(null);
        if (op == null) {
            throw SoapFaults.toFault(FaultCode.UNKNOWN_OPERATION, "unknown operation", in);
        }
        PeerIdentity peer = SoapMetadataCodec.peer(in);
        CallMetadata metadata;
        try {
            metadata = SoapMetadataCodec.read(in);
        } catch (ServiceException e) {
            // refused before dispatch: the out-fault chain reports it (SoapRefusals)
            throw SoapFaults.toFault(e.code(), e.getMessage(), in);
        }
        Object[] args = arguments(o, exchange, op);
        // JAXB reads any length of digits and any exponent: money is held to the bound every wire holds it to here
        String unbounded = Decimals.findUnbounded(args, op.parameters().stream().map(p -> p.name()).toList());
        if (unbounded != null) {
            throw SoapFaults.toFault(FaultCode.INVALID_ARGUMENT, "wrong value at '" + unbounded + "': a decimal of more than "
                    + Decimals.MAX_DIGITS + " digits or a scale beyond " + Decimals.MAX_DIGITS, in);
        }
        Invocation invocation = new Invocation(op, args, context.newContext().metadata(metadata).peer(peer).build());
        Dispatcher d = context.dispatcher();
        Outcome outcome = Dispatcher.await(op.oneWay() && !synchronousOneWay ? d.dispatchOneWay(invocation) : d.dispatch(invocation),
                metadata.deadline());
        exchange.put(Outcome.class, outcome);
        if (in.get(AbstractHTTPDestination.HTTP_RESPONSE) instanceof HttpServletResponse response) {
            // CXF writes the body later; headers set now go out with it
            HttpMetadataCodec.write(outcome.metadata(), response);
        }
        if (!outcome.isValue()) {
            // a fault the service meant to send, and already logged where it arose (the Dispatcher logs an undeclared
            // failure once, with its reference): without this mark CXF's interceptor chain logs it again as a WARN
            // with a stack trace, for every declared business fault
            in.put(FaultMode.class, FaultMode.CHECKED_APPLICATION_FAULT);
        }
        switch (outcome.kind()) {
            case VALUE:
                if (op.hasResult()) {
                    MessageContentsList result = new MessageContentsList();
                    result.add(outcome.value());
                    return result;
                }
                return new MessageContentsList();
            case FAULT:
                // CXF's WebFaultOutInterceptor writes a @WebFault cause as a typed detail; its SOAP code follows its
                // status as REST's HTTP status does: a 4xx fault (the default 422 too) is the caller's (Client/Sender)
                Fault declared = new Fault(outcome.fault());
                declared.setFaultCode(outcome.faultDescription().httpStatus() < 500 ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
                throw declared;
            default:
                throw SoapFaults.toFault(outcome.errorCode(), outcome.errorMessage(), in);
        }
    }

    private static Object[] arguments(Object o, Exchange exchange, OperationDescription op) {
        List<?> params;
        if (o instanceof List<?> l) {
            params = l;
        } else {
            params = MessageContentsList.getContentsList(exchange.getInMessage());
        }
        if (params == null) {
            params = Collections.emptyList();
        }
        Object[] args = new Object[op.parameters().size()];
        for (int i = 0; i < args.length && i < params.size(); i++) {
            Object v = params.get(i);
            args[i] = v == MessageContentsList.REMOVED_MARKER ? null : v;
        }
        return args;
    }
}
