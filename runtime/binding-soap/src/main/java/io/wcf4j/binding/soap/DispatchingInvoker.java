package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.service.invoker.Invoker;
import org.apache.cxf.service.invoker.MethodDispatcher;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Where CXF hands over: instead of calling the implementation, it turns CXF's decoded call into an
 * {@link Invocation}, runs it through the wcf4j Dispatcher and gives CXF the result or a fault to encode.
 */
final class DispatchingInvoker implements Invoker {
    /** Exchange key of the {@link InvocationContext.Builder} a non-HTTP transport fills in. */
    static final String INVOCATION_CONTEXT = DispatchingInvoker.class.getName() + ".context";

    private final ListenContext context;
    private final String bindingType;
    private final boolean synchronousOneWay;

    /**
     * @param synchronousOneWay run one-way calls on the receiving thread and report their outcome, for a
     *                          transport that acknowledges a message only after the operation (transacted JMS)
     */
    DispatchingInvoker(ListenContext context, String bindingType, boolean synchronousOneWay) {
        this.context = context;
        this.bindingType = bindingType;
        this.synchronousOneWay = synchronousOneWay;
    }

    @Override
    public Object invoke(Exchange exchange, Object o) {
        BindingOperationInfo bop = exchange.getBindingOperationInfo();
        MethodDispatcher md = (MethodDispatcher) exchange.getService().get(MethodDispatcher.class.getName());
        Method method = bop == null || md == null ? null : md.getMethod(bop);
        OperationDescription op = method == null ? null : context.contract().operation(method).orElse(null);
        if (op == null) {
            throw SoapFaults.toFault(FaultCode.UNKNOWN_OPERATION, "unknown operation");
        }
        Object[] args = arguments(o, exchange, op);
        Invocation invocation = new Invocation(op, args, invocationContext(exchange));
        Outcome outcome = op.oneWay() && !synchronousOneWay ? context.dispatcher().dispatchOneWay(invocation)
                : context.dispatcher().dispatch(invocation);
        exchange.put(Outcome.class, outcome);
        switch (outcome.kind()) {
            case VALUE:
                if (op.hasResult()) {
                    MessageContentsList result = new MessageContentsList();
                    result.add(outcome.value());
                    return result;
                }
                return new MessageContentsList();
            case FAULT:
                // CXF's WebFaultOutInterceptor writes a @WebFault cause as a typed detail
                throw new Fault(outcome.fault());
            default:
                throw SoapFaults.toFault(outcome.errorCode(), outcome.errorMessage());
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

    private InvocationContext invocationContext(Exchange exchange) {
        if (exchange.get(INVOCATION_CONTEXT) instanceof InvocationContext.Builder given) {
            return given.build();
        }
        InvocationContext.Builder b = InvocationContext.builder().bindingType(bindingType);
        Object r = exchange.getInMessage().get(AbstractHTTPDestination.HTTP_REQUEST);
        if (r instanceof HttpServletRequest req) {
            b.remoteAddress(req.getRemoteAddr());
            for (String name : Collections.list(req.getHeaderNames())) {
                b.header(name, Collections.list(req.getHeaders(name)));
            }
            try {
                b.deadline(Deadlines.fromTimeoutHeader(req.getHeader(CommonSettings.TIMEOUT_HEADER)));
            } catch (ServiceException e) {
                throw SoapFaults.toFault(e.code(), e.getMessage());
            }
            if (req.getUserPrincipal() != null) {
                b.principal(req.getUserPrincipal());
            }
        }
        return b.build();
    }
}
