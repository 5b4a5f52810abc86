package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.http.HttpTls;
import io.wcf4j.http.MessageTooLargeException;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.SecuritySettings;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.lang.reflect.InvocationTargetException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPConduitFactory;
import org.apache.cxf.transport.http.HTTPException;
import org.apache.cxf.transport.http.URLConnectionHTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/**
 * The client half of {@code soap-http}: a CXF JAX-WS proxy of the contract, with failures translated to the
 * wcf4j fault model. Uses CXF's URLConnection conduit: on loopback it answers about three times as fast as
 * CXF's default {@code java.net.http} conduit, which also sends an {@code Upgrade: h2c} on every request.
 */
final class SoapClientChannel implements ClientChannel {
    private final Bus bus;
    private final Object proxy;
    private final String address;
    private final boolean messageCredential;

    SoapClientChannel(ChannelContext context) {
        JaxbDataContracts.check(context.contract());
        Duration timeout = context.settings().get(CommonSettings.SEND_TIMEOUT);
        this.address = context.address().toString();
        this.bus = BusFactory.newInstance().createBus();
        bus.setExtension((HTTPConduitFactory) (factory, b, endpoint, target) -> new URLConnectionHTTPConduit(b, endpoint, target),
                HTTPConduitFactory.class);
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setBus(bus);
        f.setServiceClass(context.contract().type());
        DataContractNamespace.apply(f.getServiceFactory(), context.contract());
        f.setAddress(address);
        boolean soap12 = context.settings().get(SoapHttpBinding.SOAP_VERSION).equals("1.2");
        if (soap12) {
            f.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
        }
        SoapClientWireTap.apply(f, context);
        f.getInInterceptors().add(new ReplySizeLimit(context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes()));
        this.proxy = f.create();
        BindingProvider bp = (BindingProvider) proxy;
        // per-call headers go in a thread-local request context, so that threads do not see each other's
        bp.getRequestContext().put("thread.local.request.context", "true");
        Client client = ClientProxy.getClient(proxy);
        SoapSecurity.secureClient(client, context.settings());
        this.messageCredential = SoapSecurity.carriesUserName(context.settings());
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(Math.min(timeout.toMillis(), 10_000));
        policy.setReceiveTimeout(timeout.toMillis());
        // send a Content-Length, so that the server can refuse an oversized message before reading it
        policy.setAllowChunking(false);
        conduit.setClient(policy);
        SecuritySettings.TlsMaterial tls = HttpTls.material(context.address(), context.settings(), "client of " + address, false);
        if (tls != null) {
            TLSClientParameters parameters = new TLSClientParameters();
            parameters.setSslContext(HttpTls.clientContext(tls));
            parameters.setDisableCNCheck(!tls.verifyHostname());
            conduit.setTlsClientParameters(parameters);
        }
    }

    @Override
    public Object invoke(ClientCall call) throws Exception {
        BindingProvider bp = (BindingProvider) proxy;
        Map<String, Object> rc = bp.getRequestContext();
        // CXF adds its own headers to this map: it must be mutable
        if (messageCredential) {
            SoapSecurity.messageCredential(rc, call.metadata());
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        HttpMetadataCodec.write(call.metadata().build(), (name, value) -> headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        rc.put(Message.PROTOCOL_HEADERS, headers);
        // this call's own time, which may be shorter than the channel's (a call made from inside an operation)
        rc.put(Message.RECEIVE_TIMEOUT, Math.max(1, call.timeRemaining().toMillis()));
        // a one-way call waits for the service's answer, so that its refusal reaches the caller
        rc.put(Message.ROBUST_ONEWAY, Boolean.TRUE);
        bp.getResponseContext().remove(Message.PROTOCOL_HEADERS);
        try {
            return call.operation().method().invoke(proxy, call.arguments());
        } catch (InvocationTargetException e) {
            throw translate(call, e.getCause(), address);
        } finally {
            if (bp.getResponseContext().get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> received) {
                call.responseMetadata(responseMetadata(received));
            }
        }
    }

    private static CallMetadata responseMetadata(Map<?, ?> received) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.forEach((k, v) -> {
            if (k instanceof String name && v instanceof List<?> values) {
                headers.put(name, values.stream().map(String::valueOf).toList());
            }
        });
        return HttpMetadataCodec.readOrEmpty(headers.keySet(), headers::get);
    }

    /** A failure of a CXF proxy call as the wcf4j fault model has it (shared with {@link SoapProxyChannel}). */
    static Exception translate(ClientCall call, Throwable t, String address) {
        OperationDescription operation = call.operation();
        Duration timeout = call.timeout();
        if (t instanceof Exception e && operation.faultFor(e).isPresent()) {
            return e;
        }
        MessageTooLargeException tooLarge = MessageTooLargeException.find(t);
        if (tooLarge != null) {
            return new ServiceException(FaultCode.MESSAGE_TOO_LARGE, "reply from " + address + " is larger than this client's limit of "
                    + tooLarge.limit() + " bytes", t);
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ServiceException se) {
                // a transport's own failure (SoapTransport), wrapped by CXF (with SAAJ present, in a SOAPFaultException)
                return se;
            }
            if (c instanceof SocketTimeoutException || c instanceof HttpTimeoutException) {
                return new ServiceException(FaultCode.DEADLINE_EXCEEDED, "no reply from " + address + " within "
                        + timeout.toMillis() + " ms", t);
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
                return new ServiceException(FaultCode.UNAVAILABLE, "cannot reach " + address + ": " + c.getMessage(), t);
            }
        }
        if (t instanceof SOAPFaultException sfe) {
            return new ServiceException(SoapFaults.codeOf(sfe.getFault()), sfe.getFault().getFaultString());
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SoapFault sf) {
                // without a SAAJ implementation CXF reports a SOAP fault as its own SoapFault
                return new ServiceException(SoapFaults.codeOf(sf), sf.getMessage());
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HTTPException http) {
                return httpStatus(http.getResponseCode(), http.getResponseMessage(), address, t);
            }
        }
        if (t instanceof WebServiceException) {
            return new ServiceException(FaultCode.UNAVAILABLE, "call to " + address + " failed: " + t.getMessage(), t);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new ServiceException(FaultCode.INTERNAL, "call to " + address + " failed: " + t, t);
    }

    /**
     * Something answered, but with an HTTP status and no SOAP envelope: say what it was. Only a connection that
     * failed is UNAVAILABLE; a 404 is an address with no SOAP service behind it, a 500 the server's own failure.
     */
    private static ServiceException httpStatus(int status, String reason, String address, Throwable cause) {
        String said = "HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason) + " from " + address;
        FaultCode code = switch (status) {
            case 404, 405 -> FaultCode.UNKNOWN_OPERATION;
            case 415 -> FaultCode.INVALID_ARGUMENT;
            default -> FaultCode.fromHttpStatus(status);
        };
        String meaning = switch (code) {
            case UNKNOWN_OPERATION -> ": no SOAP service answers at this address (is it the right path, and a SOAP endpoint?)";
            case INVALID_ARGUMENT -> ": the server did not take a SOAP request (is this address a SOAP endpoint?)";
            case INTERNAL -> ": the server failed and sent no SOAP fault";
            default -> "";
        };
        return new ServiceException(code, said + meaning, cause);
    }

    @Override
    public void close() {
        ClientProxy.getClient(proxy).destroy();
        bus.shutdown(false);
    }
}
