package io.wcf4j.binding.soap;

import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.PreexistingConduitSelector;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;

/**
 * The client half of SOAP for transports that wcf4j runs itself: a CXF JAX-WS proxy of the contract whose
 * envelopes travel through a {@link SoapTransport}. Failures are reported as on SOAP over HTTP.
 *
 * @since 0.1
 */
public final class SoapProxyChannel implements ClientChannel {
    private final Bus bus;
    private final Object proxy;
    private final String address;
    private final AutoCloseable transportCloser;
    private final boolean messageCredential;

    /**
     * @param transport carries the envelopes (and each call's metadata, which it gets with the request); closed
     *                  with this channel if it is {@link AutoCloseable}
     * @param soap12    whether to write SOAP 1.2 envelopes
     */
    public SoapProxyChannel(ChannelContext context, SoapTransport transport, boolean soap12) {
        JaxbDataContracts.check(context.contract());
        this.address = context.address().toString();
        this.transportCloser = transport instanceof AutoCloseable c ? c : null;
        this.bus = BusFactory.newInstance().createBus();
        try {
            JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
            f.setBus(bus);
            f.setServiceClass(context.contract().type());
            DataContractNamespace.apply(f.getServiceFactory(), context.contract());
            f.setAddress(address);
            f.setTransportId(DirectTransport.TRANSPORT_ID);
            if (soap12) {
                f.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
            }
            DirectTransport.ClientConduit conduit = new DirectTransport.ClientConduit(
                    EndpointReferenceUtils.getEndpointReference(address), transport);
            f.setConduitSelector(new PreexistingConduitSelector(conduit));
            SoapClientWireTap.apply(f, context);
            this.proxy = f.create();
            SoapSecurity.secureClient(ClientProxy.getClient(proxy), context.settings());
        } catch (RuntimeException e) {
            bus.shutdown(false);
            throw e;
        }
        ((BindingProvider) proxy).getRequestContext().put("thread.local.request.context", "true");
        this.messageCredential = SoapSecurity.carriesUserName(context.settings());
    }

    @Override
    public Object invoke(ClientCall call) throws Exception {
        Map<String, Object> rc = ((BindingProvider) proxy).getRequestContext();
        if (messageCredential) {
            SoapSecurity.messageCredential(rc, call.metadata());
        }
        rc.put(DirectTransport.CALL, call);
        try {
            return call.operation().method().invoke(proxy, call.arguments());
        } catch (InvocationTargetException e) {
            throw SoapClientChannel.translate(call, e.getCause(), address);
        } finally {
            rc.remove(DirectTransport.CALL);
        }
    }

    @Override
    public void close() {
        try {
            Client client = ClientProxy.getClient(proxy);
            client.destroy();
            if (transportCloser != null) {
                transportCloser.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the channel to " + address + " failed", e);
        } finally {
            bus.shutdown(false);
        }
    }
}
