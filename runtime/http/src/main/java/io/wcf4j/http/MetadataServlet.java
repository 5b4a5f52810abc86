package io.wcf4j.http;

import io.wcf4j.spi.EndpointDirectory;
import io.wcf4j.spi.MetadataDocuments;
import io.wcf4j.spi.PublishedEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /metadata}: every open endpoint as JSON, {@code {"endpoints": [{name, service, contract, binding,
 * address, documents: {wsdl | openapi | proto: url}}]}}, and under {@code /metadata/<file>} the documents bindings
 * publish there ({@link MetadataDocuments}). Addresses are what a client calls: a wildcard bind host
 * (0.0.0.0) is replaced by the configured public host, else by the host name the client used to reach this
 * document.
 */
public final class MetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Supplier<EndpointDirectory> directory;
    private final transient Supplier<MetadataDocuments> documents;
    private final String publicHost;

    /**
     * @param documents the documents bindings publish here (null while none has), served as {@code /metadata/<file>}
     */
    public MetadataServlet(Supplier<EndpointDirectory> directory, Supplier<MetadataDocuments> documents, String publicHost) {
        this.directory = directory;
        this.documents = documents;
        this.publicHost = publicHost;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        MetadataDocuments published = documents.get();
        String file = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        if (!file.isEmpty()) {
            MetadataDocuments.Document d = published == null ? null : published.get(file);
            if (d == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND, "no metadata document " + file + "; GET /metadata lists them");
                return;
            }
            resp.setContentType(d.contentType());
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write(d.text());
            return;
        }
        String host = publicHost != null ? publicHost : req.getServerName();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("endpoints");
        EndpointDirectory dir = directory.get();
        if (dir != null) {
            for (PublishedEndpoint ep : dir.endpoints()) {
                ObjectNode n = list.addObject();
                n.put("name", ep.name());
                n.put("service", ep.service());
                n.put("contract", ep.contract());
                n.put("binding", ep.binding());
                n.put("address", publicAddress(ep.address(), host).toString());
                ObjectNode security = n.putObject("security");
                security.put("mode", ep.security());
                ep.clientCredentials().forEach(security.putArray("clientCredentials")::add);
                ObjectNode docs = n.putObject("documents");
                for (Map.Entry<String, URI> d : ep.documents().entrySet()) {
                    docs.put(d.getKey(), publicAddress(d.getValue(), host).toString());
                }
                if (published != null) {
                    String base = req.getRequestURL().toString();
                    for (Map.Entry<String, MetadataDocuments.Document> d : published.of(ep.name())) {
                        docs.put(d.getValue().kind(), base + "/" + d.getKey());
                    }
                }
            }
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        JSON.writerWithDefaultPrettyPrinter().writeValue(resp.getOutputStream(), root);
    }

    /** The address with a wildcard host replaced by {@code host}. */
    public static URI publicAddress(URI address, String host) {
        String h = address.getHost();
        if (h == null || !(h.equals("0.0.0.0") || h.equals("[::]") || h.equals("::"))) {
            return address;
        }
        String s = address.toString();
        int i = s.indexOf(h);
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(s.substring(0, i) + hostPart + s.substring(i + h.length()));
    }
}
