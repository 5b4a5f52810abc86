package io.wcf4j.binding.rest;

import io.wcf4j.http.HttpServletHost;
import io.wcf4j.http.RequestLimits;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.SecuritySettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.ObjectMapper;

/**
 * The OpenAPI documents of a host's REST endpoints: one per web server (scheme, host and port), served at the
 * binding's {@code openapi-path}, listing every REST endpoint of that server. Kept in the host's resources.
 */
final class OpenApiDocuments {
    private final ObjectMapper mapper = JsonCodec.newMapper();
    private final List<Entry> endpoints = new CopyOnWriteArrayList<>();
    private final Map<String, URI> servedAt = new HashMap<>();

    private record Entry(String name, URI address, ContractDescription contract) {
    }

    /** Adds an endpoint and mounts the document on its server if not yet; returns the document's address. */
    synchronized URI register(HttpServletHost http, EndpointAddress address, String openApiPath, String name,
                              ContractDescription contract, SecuritySettings.TlsMaterial tls) throws Exception {
        URI a = address.uri();
        String server = a.getScheme() + "://" + a.getHost() + ":" + a.getPort();
        endpoints.add(new Entry(name, a, contract));
        URI doc = servedAt.get(server);
        if (doc == null) {
            HttpServletHost.Mount mount = http.mount(EndpointAddress.parse(server + openApiPath), new DocumentServlet(a.getPort()),
                    new RequestLimits(0, (req, resp, max) -> resp.setStatus(413)), tls);
            doc = mount.address();
            servedAt.put(server, doc);
        }
        return doc;
    }

    void unregister(String name) {
        endpoints.removeIf(e -> e.name().equals(name));
    }

    private final class DocumentServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final int port;

        DocumentServlet(int port) {
            this.port = port;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String serverUrl = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + req.getContextPath();
            OpenApiGenerator gen = new OpenApiGenerator(mapper, serverUrl);
            String contextPath = req.getContextPath() == null ? "" : req.getContextPath();
            for (Entry e : endpoints) {
                if (e.address().getPort() == port) {
                    String path = e.address().getPath();
                    // the address already carries the context path; the document's paths are relative to the server URL
                    if (!contextPath.isEmpty() && path.startsWith(contextPath)) {
                        path = path.substring(contextPath.length());
                    }
                    gen.addEndpoint(e.name(), path, e.contract());
                }
            }
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            mapper.writerWithDefaultPrettyPrinter().writeValue(resp.getOutputStream(), gen.document());
        }
    }
}
