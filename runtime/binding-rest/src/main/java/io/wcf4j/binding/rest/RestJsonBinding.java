package io.wcf4j.binding.rest;

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
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.SecuritySettings;
import io.wcf4j.spi.WireTap;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.servlet.ServletContainer;
import tools.jackson.databind.ObjectMapper;

/**
 * JSON over HTTP through Jersey ({@code rest-json}), from the same contract's JAX-RS annotations.
 *
 * <p>Each operation is a Jersey resource method whose handler reads the arguments (path, query, header
 * parameters; a JSON body that is either the one data-contract parameter itself or an object whose fields
 * are the parameter names) and runs the call through the Dispatcher. Faults are RFC 9457 problem documents.
 * An OpenAPI 3 document of every REST endpoint on the web server is served at {@code openapi-path}.
 */
public final class RestJsonBinding implements Binding {
    static final String TYPE = "rest-json";

    /** Where the OpenAPI document of the web server's REST endpoints is served. */
    public static final Setting<String> OPENAPI_PATH = Setting.string("openapi-path", "/api/openapi.json");

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
        List<Setting<?>> settings = new java.util.ArrayList<>(List.of(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE,
                CommonSettings.SEND_TIMEOUT, OPENAPI_PATH));
        settings.addAll(HttpTls.settings());
        return settings;
    }

    @Override
    public Listener listen(ListenContext context) throws Exception {
        ObjectMapper mapper = JsonCodec.newMapper();
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.register(new ProblemExceptionMapper(mapper));
        config.register(new RefusalReporter(context));
        Map<String, Resource.Builder> byPath = new LinkedHashMap<>();
        for (RestOperation op : RestContract.of(context.contract()).operations()) {
            Resource.Builder rb = byPath.computeIfAbsent(op.path(), p -> Resource.builder("/" + p));
            rb.addMethod(op.httpMethod()).produces("application/json", Problems.MEDIA_TYPE)
                    .handledBy(new OperationHandler(op, context, mapper));
        }
        byPath.values().forEach(rb -> config.registerResources(rb.build()));

        long limit = context.settings().get(CommonSettings.MAX_RECEIVED_MESSAGE_SIZE).bytes();
        HttpServletHost http = HttpServletHosts.of(context.resources());
        SecuritySettings.TlsMaterial tls = HttpTls.material(context.address(), context.settings(), "endpoint " + context.endpointName(), true);
        HttpServletHost.Mount mount = http.mount(context.address(), WireTapServlet.wrap(new ServletContainer(config),
                WireTap.forEndpoint(context.resources(), context.endpoint()), context.endpoint()), new RequestLimits(limit,
                (req, resp, max) -> {
                    context.dispatcher().refused(HttpMetadataCodec.refusal(context, req, FaultCode.MESSAGE_TOO_LARGE,
                            "request body larger than the limit of " + max + " bytes"));
                    resp.setStatus(413);
                    resp.setContentType(Problems.MEDIA_TYPE);
                    resp.getOutputStream().write(mapper.writeValueAsBytes(Problems.error(mapper,
                            FaultCode.MESSAGE_TOO_LARGE, "request body larger than the limit of " + max + " bytes")));
                }), tls);
        URI address = mount.address();
        OpenApiDocuments docs = context.resources().computeIfAbsent(OpenApiDocuments.class, OpenApiDocuments::new);
        URI openApi;
        try {
            openApi = docs.register(http, EndpointAddress.of(address), context.settings().get(OPENAPI_PATH),
                    context.endpointName(), context.contract(), tls);
        } catch (Exception e) {
            mount.unmount();
            throw e;
        }
        return Listener.of(address, Map.of("openapi", openApi), () -> {
            docs.unregister(context.endpointName());
            mount.unmount();
        });
    }

    @Override
    public ClientChannel openChannel(ChannelContext context) {
        return new RestClientChannel(context);
    }
}
