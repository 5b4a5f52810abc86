package io.wcf4j.binding.soap;

import io.wcf4j.FaultCode;
import io.wcf4j.config.Setting;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.http.HttpServletHost;
import io.wcf4j.http.HttpServletHosts;
import io.wcf4j.http.HttpTls;
import io.wcf4j.http.RequestLimits;
import io.wcf4j.http.WireTapServlet;
import io.wcf4j.spi.Binding;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.WireTap;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOAP 1.1 and 1.2 over HTTP, document/literal wrapped, through Apache CXF JAX-WS ({@code soap-http}).
 *
 * <p>Server: CXF decodes the envelope and hands the call to the wcf4j Dispatcher (not to the implementation);
 * declared faults become SOAP faults with typed detail, framework errors SOAP faults with a
 * {@code <wcf4j:code>} detail and no stack trace. WSDL at {@code <address>?wsdl}. XML is parsed with CXF's
 * safe defaults: no DTDs, no external entities, bounded depth. Client: a CXF JAX-WS proxy of the contract.
 */
public final class SoapHttpBinding implements Binding {
    static final String TYPE = "soap-http";
    private static final Logger log = LoggerFactory.getLogger(SoapHttpBinding.class);

    /** {@code 1.1} (text/xml) or {@code 1.2} (application/soap+xml). */
    public static final Setting<String> SOAP_VERSION = Setting.choice("soap-version", "1.1", List.of("1.1", "1.2"));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> settings = new java.util.ArrayList<>(List.of(SOAP_VERSION, CommonSettings.MAX_RECEIVED_MESSAGE_SIZE,
                CommonSettings.SEND_TIMEOUT));
        settings.addAll(SoapSecurity.httpSettings());
        return settings;
    }

    @Override
    public Listener listen(ListenContext context) throws Exception {
        boolean soap12 = context.settings().get(SOAP_VERSION).equals("1.2");
        long limit = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes();
        Bus bus = BusFactory.newInstance().createBus();
        // without a ClassLoader extension CXF's servlet controller asks the class loader for the resource "" on
        // every request: in a Spring Boot jar that walks the nested jars, about a sixth of a SOAP call's CPU
        bus.setExtension(SoapHttpBinding.class.getClassLoader(), ClassLoader.class);
        Server server;
        try {
            server = SoapServers.create(bus, context, soap12, limit, new DispatchingInvoker(context, false), null);
        } catch (RuntimeException e) {
            bus.shutdown(false);
            throw e;
        }
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        HttpServletHost http = HttpServletHosts.of(context.resources());
        SecuritySettings.TlsMaterial tls;
        try {
            tls = HttpTls.material(context.address(), context.settings(), "endpoint " + context.endpointName(), true);
        } catch (RuntimeException e) {
            bus.shutdown(false);
            throw e;
        }
        HttpServletHost.Mount mount;
        try {
            mount = http.mount(context.address(), WireTapServlet.wrap(servlet, WireTap.forEndpoint(context.resources(),
                    context.endpoint()), context.endpoint()), new RequestLimits(limit, (req, resp, max) -> {
                String message = "message larger than the limit of " + max + " bytes";
                context.dispatcher().refused(HttpMetadataCodec.refusal(context, req, FaultCode.MESSAGE_TOO_LARGE, message));
                resp.setStatus(500);
                resp.setContentType(soap12 ? "application/soap+xml; charset=UTF-8" : "text/xml; charset=UTF-8");
                resp.getOutputStream().write(SoapFaults.envelope(soap12, FaultCode.MESSAGE_TOO_LARGE, message));
            }), tls);
        } catch (Exception e) {
            server.destroy();
            bus.shutdown(false);
            throw e;
        }
        URI address = mount.address();
        Map<String, URI> documents = Map.of("wsdl", URI.create(address + "?wsdl"));
        return Listener.of(address, documents, () -> {
            mount.unmount();
            try {
                server.destroy();
            } finally {
                bus.shutdown(false);
            }
            log.debug("SOAP endpoint {} closed", address);
        });
    }

    @Override
    public ClientChannel openChannel(ChannelContext context) {
        return new SoapClientChannel(context);
    }
}
