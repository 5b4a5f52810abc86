package io.wcf4j.binding.soap;

import io.wcf4j.spi.ListenContext;
import jakarta.xml.ws.soap.SOAPBinding;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.BusException;
import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.endpoint.EndpointException;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.DestinationFactory;
import org.w3c.dom.Element;

/** The one way a CXF server for a wcf4j endpoint is built, whatever carries its messages. */
final class SoapServers {
    private SoapServers() {
    }

    /**
     * A CXF JAX-WS server of the endpoint's contract that dispatches to wcf4j, on {@code bus}.
     *
     * @param destinations null for CXF's own transport for the address (HTTP), else the transport to use
     */
    static Server create(Bus bus, ListenContext context, boolean soap12, long maxMessageSize,
                         DispatchingInvoker invoker, DestinationFactory destinations) {
        JaxbDataContracts.check(context.contract());
        SecuredServerFactory factory = new SecuredServerFactory();
        factory.setBus(bus);
        factory.setServiceClass(context.contract().type());
        DataContractNamespace.apply(factory.getServiceFactory(), context.contract());
        factory.setAddress("/");
        factory.setInvoker(invoker);
        if (destinations != null) {
            factory.setDestinationFactory(destinations);
            factory.setTransportId(DirectTransport.TRANSPORT_ID);
        }
        if (soap12) {
            factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
        }
        Map<String, Object> properties = new HashMap<>(Map.of(
                Message.FAULT_STACKTRACE_ENABLED, false,
                Message.EXCEPTION_MESSAGE_CAUSE_ENABLED, false,
                "org.apache.cxf.stax.maxTextLength", (int) Math.min(Integer.MAX_VALUE, maxMessageSize),
                "org.apache.cxf.stax.maxElementDepth", 100,
                // invoke one-way operations on the receiving thread, so that a refusal (host closing, queue full)
                // or, on a transacted transport, the operation's failure reaches the transport
                "org.apache.cxf.oneway.robust", true));
        factory.securityPolicy = SoapSecurity.secureServer(context, properties, factory.getInInterceptors());
        factory.setProperties(properties);
        factory.getOutFaultInterceptors().add(new ErrorCodeFaultInterceptor());
        factory.getOutFaultInterceptors().add(new SoapRefusals(context));
        return factory.create();
    }

    /**
     * Puts the endpoint's security policy into its service model as soon as the endpoint exists: CXF computes an
     * endpoint's effective policy once, when its transport is created, which is before anything else could add it.
     */
    private static final class SecuredServerFactory extends JaxWsServerFactoryBean {
        private Element securityPolicy;

        @Override
        protected Endpoint createEndpoint() throws BusException, EndpointException {
            Endpoint endpoint = super.createEndpoint();
            SecurityPolicies.attach(getBus(), endpoint.getEndpointInfo(), securityPolicy);
            return endpoint;
        }
    }
}
