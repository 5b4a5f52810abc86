package io.wcf4j.testclient;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.databind.DataContractDocuments;
import io.wcf4j.databind.DataContractErrors;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.spi.PublishedEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WCF's WcfTestClient in a browser, served by the host: {@code GET /test-client/} is the page;
 * {@code GET /test-client/api/services} lists the host's services, their endpoints (which the test client can call,
 * and why not where it cannot) and their operations with the types of their parameters; and
 * {@code POST /test-client/api/invoke} calls one operation on one of the host's own endpoints through a wcf4j proxy
 * of that binding, and answers the reply, the typed fault or the error, with its time and a CLI command that makes
 * the same call.
 *
 * <p>It answers only requests that arrive over loopback unless told otherwise: it calls services with whatever
 * credentials a browser types, so it belongs to a developer's machine, not a production network. Credentials are
 * never logged nor kept; a request names an endpoint of this host, never an address.
 */
final class TestClientServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TestClientServlet.class);
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final Map<String, String> STATIC = Map.of("/", "index.html", "/index.html", "index.html",
            "/app.js", "app.js", "/app.css", "app.css");

    private final transient Supplier<List<ServiceHost>> hosts;
    private final boolean remoteAccess;
    private final transient OwnEndpoints.SigningCertificate signing;
    private final transient ObjectMapper json = DataContractMapper.json();
    /** Reads arguments: as the bindings do, but a form's "10.00" is the decimal 10.00 (typed text, read exactly). */
    private final transient ObjectMapper arguments = DataContractMapper.json().rebuild()
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, true).build();
    private final transient DataContractDocuments contracts = new DataContractDocuments();

    TestClientServlet(Supplier<List<ServiceHost>> hosts, boolean remoteAccess, OwnEndpoints.SigningCertificate signing) {
        this.hosts = hosts;
        this.remoteAccess = remoteAccess;
        this.signing = signing;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!allowed(req, resp)) {
            return;
        }
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.isEmpty()) {
            resp.sendRedirect(req.getRequestURI() + "/");
            return;
        }
        if (path.equals("/api/services")) {
            writeJson(resp, 200, services());
            return;
        }
        String file = STATIC.get(path);
        if (file == null) {
            problem(resp, 404, "not found", "no " + path + " in the test client");
            return;
        }
        try (InputStream in = TestClientServlet.class.getResourceAsStream("static/" + file)) {
            resp.setContentType(file.endsWith(".html") ? "text/html; charset=UTF-8" : file.endsWith(".js")
                    ? "text/javascript; charset=UTF-8" : "text/css; charset=UTF-8");
            // the page runs only its own script: nothing a reply contains can run in it
            resp.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
                    + "base-uri 'none'; frame-ancestors 'none'");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("Cache-Control", "no-store");
            in.transferTo(resp.getOutputStream());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!allowed(req, resp)) {
            return;
        }
        if (!"/api/invoke".equals(req.getPathInfo())) {
            problem(resp, 404, "not found", "POST /test-client/api/invoke is the only call");
            return;
        }
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // a browser form from another site cannot send application/json without asking first (CORS)
            problem(resp, 415, "unsupported media type", "send application/json");
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            problem(resp, 413, "too large", "a call's arguments are at most " + MAX_REQUEST_BYTES + " bytes");
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JacksonException e) {
            problem(resp, 400, "invalid request", "not JSON: " + e.getOriginalMessage());
            return;
        }
        try {
            writeJson(resp, 200, invoke(request));
        } catch (BadRequest e) {
            LOG.info("test client: refused a call: {}", e.getMessage());
            problem(resp, 400, "invalid request", e.getMessage());
        }
    }

    private ObjectNode services() {
        ObjectNode root = json.createObjectNode();
        ArrayNode services = root.putArray("services");
        for (ServiceHost host : hosts.get()) {
            ObjectNode s = services.addObject();
            s.put("name", host.name());
            s.put("contract", host.contract().type().getName());
            ArrayNode list = s.putArray("endpoints");
            for (PublishedEndpoint e : host.endpoints()) {
                OwnEndpoints.Reach reach = OwnEndpoints.reach(host, e, signing);
                ObjectNode n = list.addObject();
                n.put("name", e.name());
                n.put("binding", e.binding());
                n.put("address", reach.address() != null ? reach.address().toString() : e.address().toString());
                n.put("security", e.security());
                n.putPOJO("clientCredentials", e.clientCredentials());
                n.put("callable", reach.notCallable() == null);
                if (reach.notCallable() != null) {
                    n.put("notCallable", reach.notCallable());
                }
                if (reach.signer() != null) {
                    n.put("signedBy", reach.signer());
                }
            }
            ObjectNode contract = contracts.describe(host.contract());
            s.set("operations", contract.get("operations"));
            s.set("types", contract.get("types"));
        }
        return root;
    }

    private ObjectNode invoke(JsonNode request) throws BadRequest {
        String serviceName = text(request, "service");
        ServiceHost host = hosts.get().stream().filter(h -> h.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new BadRequest("no service '" + serviceName + "' in this host"));
        String endpointName = text(request, "endpoint");
        PublishedEndpoint endpoint = OwnEndpoints.endpoint(host, endpointName)
                .orElseThrow(() -> new BadRequest("service " + serviceName + " has no endpoint '" + endpointName + "'"));
        OwnEndpoints.Reach reach = OwnEndpoints.reach(host, endpoint, signing);
        if (reach.notCallable() != null) {
            throw new BadRequest("endpoint " + endpointName + " is not called by the test client: " + reach.notCallable());
        }
        String operationName = text(request, "operation");
        OperationDescription op = host.contract().operation(operationName)
                .orElseThrow(() -> new BadRequest("service " + serviceName + " has no operation '" + operationName + "'"));
        Object[] arguments = arguments(op, request.path("arguments"));
        // where the test client's certificate signs, it is the caller: a typed credential is not sent beside it
        OwnEndpoints.Credentials credentials = reach.signer() != null ? OwnEndpoints.Credentials.NONE
                : credentials(request.path("credentials"));
        ObjectNode out = json.createObjectNode();
        out.put("endpoint", endpoint.name());
        out.put("binding", endpoint.binding());
        out.put("address", reach.address().toString());
        if (reach.signer() != null) {
            out.put("signedBy", reach.signer());
        }
        out.put("cli", cli(reach, op, request.path("arguments"), credentials));
        try (OwnEndpoints.OneCall call = OwnEndpoints.oneCall(host, reach)) {
            Object proxy = call.proxy();
            call(op, arguments, credentials, proxy, out);
            List<WireRecording.Message> wire = call.wire().messages();
            ArrayNode messages = out.putArray("wire");
            for (WireRecording.Message m : wire) {
                messages.addObject().put("direction", m.direction().name().toLowerCase(java.util.Locale.ROOT)).put("kind", m.kind())
                        .put("contentType", m.contentType()).put("length", m.length()).put("text", m.text());
            }
            String copy = CopyAsCommand.of(reach, wire, credentials);
            if (copy != null) {
                out.put("copy", copy);
            }
        }
        return out;
    }

    private void call(OperationDescription op, Object[] arguments, OwnEndpoints.Credentials credentials, Object proxy, ObjectNode out) {
        long start = System.nanoTime();
        try {
            Object result = OwnEndpoints.as(credentials, () -> op.method().invoke(proxy, arguments));
            out.put("millis", (System.nanoTime() - start) / 1e6);
            out.put("outcome", "reply");
            if (op.hasResult()) {
                out.set("result", json.valueToTree(result));
            }
        } catch (InvocationTargetException e) {
            out.put("millis", (System.nanoTime() - start) / 1e6);
            failure(op, e.getCause(), out);
        } catch (Exception e) {
            out.put("millis", (System.nanoTime() - start) / 1e6);
            failure(op, e, out);
        }
    }

    private void failure(OperationDescription op, Throwable t, ObjectNode out) {
        Optional<FaultDescription> declared = t instanceof Exception e ? op.faultFor(e) : Optional.empty();
        if (declared.isPresent()) {
            out.put("outcome", "fault");
            ObjectNode fault = out.putObject("fault");
            fault.put("name", declared.get().name());
            fault.put("message", t.getMessage());
            fault.set("detail", json.valueToTree(declared.get().faultInfo(t)));
            return;
        }
        out.put("outcome", "error");
        ObjectNode error = out.putObject("error");
        FaultCode code = t instanceof ServiceException se ? se.code() : FaultCode.INTERNAL;
        error.put("code", code.name());
        error.put("message", t instanceof ServiceException ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    /** The arguments, each read as its parameter's type before any call: a wrong one is refused naming it. */
    private Object[] arguments(OperationDescription op, JsonNode given) throws BadRequest {
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            throw new BadRequest("arguments must be a JSON object of parameter names");
        }
        for (String name : given.propertyNames()) {
            if (op.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                throw new BadRequest("operation " + op.name() + " has no parameter '" + name + "'");
            }
        }
        Object[] values = new Object[op.parameters().size()];
        for (ParameterDescription p : op.parameters()) {
            JsonNode v = given.get(p.name());
            if (v == null || v.isNull()) {
                if (p.type().isPrimitive()) {
                    throw new BadRequest("parameter '" + p.name() + "' (" + DataContractErrors.kind(p.type()) + ") is required");
                }
                continue;
            }
            try {
                values[p.index()] = arguments.readerFor(arguments.getTypeFactory().constructType(p.genericType())).readValue(v);
            } catch (JacksonException e) {
                throw new BadRequest("parameter '" + p.name() + "': " + DataContractErrors.explain(e));
            }
        }
        return values;
    }

    private static OwnEndpoints.Credentials credentials(JsonNode c) {
        if (c.isMissingNode() || c.isNull()) {
            return OwnEndpoints.Credentials.NONE;
        }
        String user = c.path("user").asString("");
        String password = c.path("password").asString("");
        String token = c.path("token").asString("");
        return new OwnEndpoints.Credentials(user.isEmpty() ? null : user, password.toCharArray(), token.isEmpty() ? null : token);
    }

    /**
     * The same call from the command line (passwords from environment variables, never on the line). The CLI signs
     * messages with a certificate only through a client endpoint of a configuration file, so that call names one.
     */
    private String cli(OwnEndpoints.Reach reach, OperationDescription op, JsonNode arguments, OwnEndpoints.Credentials credentials) {
        Map<String, Object> settings = reach.binding().settings();
        StringBuilder sb = new StringBuilder("java -jar wcf4j-cli.jar call ");
        if (reach.signer() != null) {
            sb.append("--config <client endpoints file> <its client endpoint of ").append(reach.address()).append("> ").append(op.name());
        } else {
            sb.append(reach.address()).append(' ').append(op.name()).append(" --binding ").append(reach.binding().type());
        }
        if (arguments.isObject() && arguments.size() > 0) {
            sb.append(" --json '").append(arguments.toString().replace("'", "'\\''")).append('\'');
        }
        if (reach.signer() != null) {
            return sb.append("\n# the client endpoint's binding signs with a certificate: message-certificate, message-private-key, ")
                    .append("message-trust, message-peer-certificate").toString();
        }
        if (settings.containsKey("url")) {
            sb.append(" --broker ").append(settings.get("url"));
            if (settings.containsKey("user")) {
                sb.append(" --broker-user ").append(settings.get("user")).append(" --broker-password-env WCF4J_BROKER_PASSWORD");
            }
        }
        Object mode = settings.get("security-mode");
        if ("message".equals(mode) || "transport-with-message-credential".equals(mode)) {
            sb.append(" --security ").append(mode);
            if ("username-digest".equals(settings.get("message-credential"))) {
                sb.append(" --digest");
            }
        }
        if (credentials.user() != null) {
            sb.append(" --user ").append(credentials.user()).append(" --password-env WCF4J_PASSWORD");
        } else if (credentials.token() != null) {
            sb.append(" --token-env WCF4J_TOKEN");
        }
        if (settings.containsKey("tls-trust")) {
            sb.append(" --ca <the host's CA certificate>");
        }
        return sb.toString();
    }

    private boolean allowed(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (remoteAccess || InetAddress.getByName(req.getRemoteAddr()).isLoopbackAddress()) {
            return true;
        }
        problem(resp, 403, "forbidden", "the test client answers on this machine only (wcf4j.test-client.remote-access)");
        return false;
    }

    private static String text(JsonNode request, String field) throws BadRequest {
        JsonNode v = request.get(field);
        if (v == null || !v.isString() || v.asString().isEmpty()) {
            throw new BadRequest("'" + field + "' is missing");
        }
        return v.asString();
    }

    private void writeJson(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private void problem(HttpServletResponse resp, int status, String title, String detail) throws IOException {
        ObjectNode p = json.createObjectNode();
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.getOutputStream().write(json.writeValueAsString(p).getBytes(StandardCharsets.UTF_8));
    }

    /** What the caller sent cannot be called. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
