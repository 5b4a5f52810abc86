package io.wcf4j.spring;

import io.wcf4j.ServiceHost;
import io.wcf4j.http.MetadataServlet;
import io.wcf4j.observability.LiveStatistics;
import io.wcf4j.spi.PublishedEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /operator}: what an operator looks at first. Every service with its endpoints (name, binding, address,
 * security mode, accepted credentials), its calls running and queued, and per binding the last minute's calls and
 * errors per second and 99th percentile time, with totals since start ({@link LiveStatistics}). JSON, or a plain
 * HTML table for a browser. Read-only; it shows nothing that {@code /metadata} and the metrics do not already
 * publish (no payloads, no callers).
 */
final class OperatorViewServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Wcf4jHosts hosts;
    private final transient LiveStatistics live;
    private final String publicHost;

    OperatorViewServlet(Wcf4jHosts hosts, LiveStatistics live, String publicHost) {
        this.hosts = hosts;
        this.live = live;
        this.publicHost = publicHost;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode view = view(publicHost != null ? publicHost : req.getServerName());
        resp.setHeader("Cache-Control", "no-store");
        String accept = req.getHeader("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            resp.setContentType("text/html; charset=UTF-8");
            resp.getOutputStream().write(html(view).getBytes(StandardCharsets.UTF_8));
        } else {
            resp.setContentType("application/json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(resp.getOutputStream(), view);
        }
    }

    ObjectNode view(String host) {
        ObjectNode root = JSON.createObjectNode();
        root.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        root.put("running", hosts.isRunning());
        List<LiveStatistics.View> calls = live.snapshot();
        ArrayNode services = root.putArray("services");
        for (ServiceHost h : hosts.hosts()) {
            ObjectNode s = services.addObject();
            s.put("name", h.name());
            s.put("contract", h.contract().type().getName());
            s.put("runningCalls", h.runningCalls());
            s.put("queuedCalls", h.queuedCalls());
            ArrayNode endpoints = s.putArray("endpoints");
            for (PublishedEndpoint e : h.endpoints()) {
                ObjectNode n = endpoints.addObject();
                n.put("name", e.name());
                n.put("binding", e.binding());
                n.put("address", MetadataServlet.publicAddress(e.address(), host).toString());
                n.put("security", e.security());
                n.putPOJO("clientCredentials", e.clientCredentials());
            }
            ArrayNode byBinding = s.putArray("calls");
            for (LiveStatistics.View v : calls) {
                if (v.service().equals(h.name())) {
                    ObjectNode c = byBinding.addObject();
                    c.put("binding", v.binding());
                    c.put("callsPerSecond", round(v.callsPerSecond()));
                    c.put("errorsPerSecond", round(v.errorsPerSecond()));
                    c.put("p99Millis", round(v.p99Millis()));
                    c.put("totalCalls", v.totalCalls());
                    c.put("totalErrors", v.totalErrors());
                }
            }
        }
        return root;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static String html(ObjectNode view) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>wcf4j operator view</title>"
                + "<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1em}"
                + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}</style></head><body><h1>wcf4j</h1>");
        b.append("<p>up ").append(view.get("uptimeSeconds").asLong()).append(" s; last minute's calls per binding</p>");
        for (var s : view.get("services")) {
            b.append("<h2>").append(escape(s.get("name").asString())).append("</h2><p>").append(escape(s.get("contract").asString()))
                    .append(": ").append(s.get("runningCalls").asInt()).append(" running, ").append(s.get("queuedCalls").asInt())
                    .append(" queued</p><table><tr><th>endpoint</th><th>binding</th><th>address</th><th>security</th></tr>");
            for (var e : s.get("endpoints")) {
                b.append("<tr><td>").append(escape(e.get("name").asString())).append("</td><td>").append(escape(e.get("binding").asString()))
                        .append("</td><td>").append(escape(e.get("address").asString())).append("</td><td>")
                        .append(escape(e.get("security").asString())).append("</td></tr>");
            }
            b.append("</table><table><tr><th>binding</th><th>calls/s</th><th>errors/s</th><th>p99 ms</th><th>calls</th><th>errors</th></tr>");
            for (var c : s.get("calls")) {
                b.append("<tr><td>").append(escape(c.get("binding").asString())).append("</td><td>").append(c.get("callsPerSecond"))
                        .append("</td><td>").append(c.get("errorsPerSecond")).append("</td><td>").append(c.get("p99Millis"))
                        .append("</td><td>").append(c.get("totalCalls")).append("</td><td>").append(c.get("totalErrors")).append("</td></tr>");
            }
            b.append("</table>");
        }
        return b.append("</body></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
