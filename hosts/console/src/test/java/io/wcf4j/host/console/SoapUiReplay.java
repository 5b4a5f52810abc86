package io.wcf4j.host.console;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Replays a SoapUI 5 project without SoapUI: every request test step is checked against the project's cached WSDL
 * (operation, input element, schema) and sent to the endpoint, every response is checked against the WSDL as
 * SoapUI's Schema Compliance assertion does, and the step's assertions are checked (SOAP Response, Schema
 * Compliance, Simple Contains/NotContains, XPath Match, SOAP Fault, Not SOAP Fault, Valid HTTP Status Codes); property-transfer steps copy values between steps; {@code ${#Project#x}}, {@code ${#TestCase#x}}
 * and {@code ${=java.util.UUID.randomUUID()}} expand. Anything else in a project is a failure, so that nothing
 * in it goes unchecked.
 */
final class SoapUiReplay {
    private static final String CON = "http://eviware.com/soapui/config";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(#Project#|#TestCase#|=)([^}]*)}");
    private static final String SCHEMA_COMPLIANCE = "Schema Compliance";
    private static final Pattern DECLARE = Pattern.compile("declare namespace\\s+(\\w+)\\s*=\\s*['\"]([^'\"]+)['\"]\\s*;");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> projectProperties = new HashMap<>();
    private final Map<String, String> overrides = new HashMap<>();
    private final Map<String, Element> outgoingWss = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Each interface of the project (by its name, as a request step names it): its cached WSDL and binding. */
    private final Map<String, Interface> interfaces = new HashMap<>();
    private int steps;
    private int assertions;

    /** A project's interface: the WSDL it caches, and which of its bindings it is. */
    private record Interface(SoapUiWsdl wsdl, String binding) {
    }

    /** The WSDL operation a request step calls, and the WSDL that declares it. */
    private record Target(SoapUiWsdl wsdl, SoapUiWsdl.Operation operation) {
    }

    /** The outcome: how much ran and what failed, one line per failure. */
    record Report(int steps, int assertions, List<String> failures) {
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** A request step as the project file has it: its endpoint with the project's own property values, and what it calls. */
    record RequestStep(String name, String endpoint, String interfaceName, String operation) {
    }

    /** Every request step of a project, its endpoint expanded with the project's properties as the file sets them. */
    static List<RequestStep> requestSteps(Document project) {
        SoapUiReplay defaults = new SoapUiReplay();
        Element root = project.getDocumentElement();
        for (Element props : children(root, "properties")) {
            for (Element p : children(props, "property")) {
                defaults.projectProperties.put(text(p, "name"), text(p, "value"));
            }
        }
        List<RequestStep> out = new ArrayList<>();
        for (Element suite : children(root, "testSuite")) {
            for (Element testCase : children(suite, "testCase")) {
                for (Element step : children(testCase, "testStep")) {
                    if (step.getAttribute("type").equals("request")) {
                        Element config = first(step, "config");
                        out.add(new RequestStep(step.getAttribute("name"), defaults.expand(text(first(config, "request"), "endpoint"),
                                Map.of()), text(config, "interface"), text(config, "operation")));
                    }
                }
            }
        }
        return out;
    }

    /** Replaces a project property's value for this replay (an endpoint of the host under test, say). */
    SoapUiReplay property(String name, String value) {
        overrides.put(name, value);
        return this;
    }

    Report run(Document project, String endpoint) throws Exception {
        Element root = project.getDocumentElement();
        for (Element props : children(root, "properties")) {
            for (Element p : children(props, "property")) {
                projectProperties.put(text(p, "name"), text(p, "value"));
            }
        }
        projectProperties.put("endpoint", endpoint);
        projectProperties.putAll(overrides);
        for (Element i : children(root, "interface")) {
            Element cache = first(i, "definitionCache");
            String wsdl = cache == null ? "" : text(first(cache, "part"), "content");
            if (wsdl.isEmpty()) {
                failures.add("interface " + i.getAttribute("name") + " caches no WSDL to check requests and responses against");
                continue;
            }
            String binding = javax.xml.namespace.QName.valueOf(i.getAttribute("bindingName")).getLocalPart();
            SoapUiWsdl parsed = new SoapUiWsdl(wsdl);
            if (!parsed.hasBinding(binding)) {
                failures.add("interface " + i.getAttribute("name") + ": its WSDL has no binding " + binding);
            }
            interfaces.put(i.getAttribute("name"), new Interface(parsed, binding));
        }
        for (Element container : children(root, "wssContainer")) {
            for (Element outgoing : children(container, "outgoing")) {
                outgoingWss.put(text(outgoing, "name"), outgoing);
            }
        }
        for (Element suite : children(root, "testSuite")) {
            for (Element testCase : children(suite, "testCase")) {
                runTestCase(suite.getAttribute("name") + " / " + testCase.getAttribute("name"), testCase);
            }
        }
        return new Report(steps, assertions, failures);
    }

    /**
     * The envelope with the WS-Security header that the project's outgoing configuration of this name describes, as
     * SoapUI writes it: its {@code Username} entry (user, password, PasswordText or PasswordDigest, Nonce, Created) and
     * {@code Timestamp} entry (time to live), built with WSS4J.
     */
    private String withWsSecurity(String envelope, String configuration, Map<String, String> caseProperties) throws Exception {
        Element outgoing = outgoingWss.get(configuration);
        if (outgoing == null) {
            failures.add("no outgoing WS-Security configuration named " + configuration);
            return envelope;
        }
        Document doc = parse(envelope.getBytes(StandardCharsets.UTF_8));
        org.apache.wss4j.dom.message.WSSecHeader header = new org.apache.wss4j.dom.message.WSSecHeader(doc);
        header.insertSecurityHeader();
        for (Element entry : children(outgoing, "entry")) {
            Element config = first(entry, "configuration");
            switch (entry.getAttribute("type")) {
                case "Username" -> {
                    org.apache.wss4j.dom.message.WSSecUsernameToken ut = new org.apache.wss4j.dom.message.WSSecUsernameToken(header);
                    ut.setPasswordType(text(config, "passwordType").equals("PasswordDigest")
                            ? org.apache.wss4j.common.WSS4JConstants.PASSWORD_DIGEST : org.apache.wss4j.common.WSS4JConstants.PASSWORD_TEXT);
                    ut.setUserInfo(expand(entry.getAttribute("username"), caseProperties), expand(entry.getAttribute("password"), caseProperties));
                    if (Boolean.parseBoolean(text(config, "addNonce"))) {
                        ut.addNonce();
                    }
                    if (Boolean.parseBoolean(text(config, "addCreated"))) {
                        ut.addCreated();
                    }
                    ut.build();
                }
                case "Timestamp" -> {
                    org.apache.wss4j.dom.message.WSSecTimestamp ts = new org.apache.wss4j.dom.message.WSSecTimestamp(header);
                    ts.setTimeToLive(Integer.parseInt(text(config, "timeToLive")));
                    ts.build();
                }
                default -> failures.add("WS-Security entry type " + entry.getAttribute("type") + " is not replayed");
            }
        }
        java.io.StringWriter out = new java.io.StringWriter();
        javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(new javax.xml.transform.dom.DOMSource(doc),
                new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }

    /** A request's HTTP Basic credentials, as SoapUI sends them preemptively: {@code con:credentials}' user and password. */
    private java.util.Optional<String> basicAuthorization(Element request, Map<String, String> caseProperties) {
        Element credentials = first(request, "credentials");
        if (credentials == null || first(credentials, "username") == null) {
            return java.util.Optional.empty();
        }
        String user = expand(text(credentials, "username"), caseProperties);
        String password = expand(text(credentials, "password"), caseProperties);
        return java.util.Optional.of(io.wcf4j.security.BasicCredentials.encode(user, password.toCharArray()));
    }

    private void runTestCase(String where, Element testCase) throws Exception {
        Map<String, String> caseProperties = new HashMap<>();
        Map<String, String> responses = new LinkedHashMap<>();
        for (Element step : children(testCase, "testStep")) {
            steps++;
            String name = step.getAttribute("name");
            String at = where + " / " + name;
            Element config = first(step, "config");
            switch (step.getAttribute("type")) {
                case "request" -> {
                    Element request = first(config, "request");
                    String url = expand(text(request, "endpoint"), caseProperties);
                    String body = expand(text(request, "request"), caseProperties);
                    Target target = target(at, config);
                    if (target != null) {
                        String wrong = requestCompliance(target, body);
                        if (wrong != null) {
                            failures.add(at + ": the request " + wrong);
                        }
                    }
                    if (!request.getAttribute("outgoingWss").isEmpty()) {
                        body = withWsSecurity(body, request.getAttribute("outgoingWss"), caseProperties);
                    }
                    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                    basicAuthorization(request, caseProperties).ifPresent(a -> post.header("Authorization", a));
                    HttpResponse<String> r = http.send(post.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    responses.put(name, r.body());
                    String compliance = target == null ? null : responseCompliance(target, r);
                    boolean declared = children(request, "assertion").stream()
                            .anyMatch(a -> a.getAttribute("type").equals(SCHEMA_COMPLIANCE));
                    if (!declared && target != null) {
                        // SoapUI checks it only when asked; the replay checks every response
                        assertions++;
                        if (compliance != null) {
                            failures.add(at + " / schema compliance: " + compliance);
                        }
                    }
                    for (Element assertion : children(request, "assertion")) {
                        assertions++;
                        String failure = assertion.getAttribute("type").equals(SCHEMA_COMPLIANCE)
                                ? (target == null ? "no WSDL operation to check against" : compliance)
                                : check(assertion, r, caseProperties);
                        if (failure != null) {
                            failures.add(at + " / " + assertion.getAttribute("name") + ": " + failure);
                        }
                    }
                }
                case "transfer" -> {
                    for (Element t : children(config, "transfers")) {
                        if (!"#TestCase#".equals(text(t, "targetStep"))) {
                            failures.add(at + ": transfer to '" + text(t, "targetStep") + "' is not replayed (only #TestCase#)");
                            continue;
                        }
                        String source = responses.get(text(t, "sourceStep"));
                        if (source == null) {
                            failures.add(at + ": transfer from step '" + text(t, "sourceStep") + "', which has no response");
                            continue;
                        }
                        String value = xpath(source, text(t, "sourcePath"));
                        if (value.isEmpty()) {
                            failures.add(at + ": transfer '" + text(t, "name") + "' found nothing at " + text(t, "sourcePath"));
                        }
                        caseProperties.put(text(t, "targetType"), value);
                    }
                }
                default -> failures.add(at + ": step type '" + step.getAttribute("type") + "' is not replayed");
            }
        }
    }

    /** The WSDL operation a request step names through its interface, or null with a failure when there is none. */
    private Target target(String at, Element config) {
        String interfaceName = text(config, "interface");
        Interface i = interfaces.get(interfaceName);
        if (i == null) {
            failures.add(at + ": names interface '" + interfaceName + "', which the project does not define");
            return null;
        }
        String name = text(config, "operation");
        return i.wsdl().operation(i.binding(), name).map(o -> new Target(i.wsdl(), o)).orElseGet(() -> {
            failures.add(at + ": names operation '" + name + "', which binding " + i.binding() + " of the WSDL does not have");
            return null;
        });
    }

    /** Null when the request carries the operation's input element, valid against the WSDL's types. */
    private static String requestCompliance(Target target, String envelope) {
        SoapUiWsdl.Operation operation = target.operation();
        Element payload;
        try {
            payload = bodyChild(parse(envelope.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return "is not XML: " + e.getMessage();
        }
        if (payload == null || !SoapUiWsdl.name(payload).equals(operation.input())) {
            return "body carries " + (payload == null ? "nothing" : SoapUiWsdl.name(payload)) + ", not " + operation.name()
                    + "'s input " + operation.input();
        }
        String invalid = target.wsdl().invalid(payload);
        return invalid == null ? null : "is not valid against the WSDL: " + invalid;
    }

    /**
     * What SoapUI's Schema Compliance assertion finds wrong with a response, or null: a reply is the operation's
     * output element valid against the WSDL's types; a fault's detail entries in the WSDL's namespace are faults the
     * operation declares, valid too; a one-way operation answers without a body.
     */
    private static String responseCompliance(Target target, HttpResponse<String> r) {
        SoapUiWsdl wsdl = target.wsdl();
        SoapUiWsdl.Operation operation = target.operation();
        if (r.body().isBlank()) {
            return operation.output() == null ? null : "an empty response to " + operation.name() + ", which answers "
                    + operation.output();
        }
        Element payload;
        try {
            payload = bodyChild(parse(r.body().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return "the response is not XML: " + e.getMessage();
        }
        if (payload == null) {
            return "the response's body is empty";
        }
        if (payload.getLocalName().equals("Fault") && payload.getNamespaceURI().startsWith("http://")
                && payload.getNamespaceURI().contains("soap")) {
            for (Element detail : descendants(payload, "detail", "Detail")) {
                for (Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element entry && wsdl.targetNamespace.equals(entry.getNamespaceURI())) {
                        if (!operation.faults().contains(SoapUiWsdl.name(entry))) {
                            return "fault detail " + SoapUiWsdl.name(entry) + " is not a fault of " + operation.name() + ": "
                                    + operation.faults();
                        }
                        String invalid = wsdl.invalid(entry);
                        if (invalid != null) {
                            return "fault detail " + entry.getLocalName() + ": " + invalid;
                        }
                    }
                }
            }
            return null;
        }
        if (operation.output() == null) {
            return "one-way operation " + operation.name() + " answered " + SoapUiWsdl.name(payload);
        }
        if (!SoapUiWsdl.name(payload).equals(operation.output())) {
            return "the body carries " + SoapUiWsdl.name(payload) + ", not " + operation.output();
        }
        String invalid = wsdl.invalid(payload);
        return invalid == null ? null : operation.output().getLocalPart() + ": " + invalid;
    }

    /** The first element inside a SOAP envelope's Body (either version), or null. */
    private static Element bodyChild(Document envelope) {
        for (Element body : descendants(envelope.getDocumentElement(), "Body")) {
            for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    return e;
                }
            }
        }
        return null;
    }

    private static List<Element> descendants(Element root, String... localNames) {
        List<Element> out = new ArrayList<>();
        org.w3c.dom.NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(localNames).contains(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private String check(Element assertion, HttpResponse<String> r, Map<String, String> caseProperties) throws Exception {
        String body = r.body();
        Element conf = first(assertion, "configuration");
        switch (assertion.getAttribute("type")) {
            case "SOAP Response" -> {
                try {
                    Element env = parse(body.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
                    return "Envelope".equals(env.getLocalName()) ? null : "response is not a SOAP envelope";
                } catch (Exception e) {
                    return "response is not XML: " + e.getMessage();
                }
            }
            case "Simple Contains", "Simple NotContains" -> {
                String token = expand(text(conf, "token"), caseProperties);
                boolean ignoreCase = Boolean.parseBoolean(text(conf, "ignoreCase"));
                boolean regex = Boolean.parseBoolean(text(conf, "useRegEx"));
                boolean found = regex ? Pattern.compile(token, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(body).find()
                        : ignoreCase ? body.toLowerCase().contains(token.toLowerCase()) : body.contains(token);
                boolean wanted = assertion.getAttribute("type").equals("Simple Contains");
                return found == wanted ? null : (wanted ? "missing" : "unexpected") + " '" + token + "' in " + abbreviate(body);
            }
            case "XPath Match" -> {
                String expected = expand(text(conf, "content"), caseProperties).trim();
                String actual = xpath(body, text(conf, "path")).trim();
                return expected.equals(actual) ? null : "expected '" + expected + "' but found '" + actual + "'";
            }
            case "SOAP Fault Assertion" -> {
                return body.contains(":Fault>") ? null : "no SOAP fault in " + abbreviate(body);
            }
            case "Not SOAP Fault Assertion" -> {
                return body.contains(":Fault>") ? "unexpected SOAP fault: " + abbreviate(body) : null;
            }
            case "Valid HTTP Status Codes" -> {
                for (String code : text(conf, "codes").split(",")) {
                    if (code.trim().equals(Integer.toString(r.statusCode()))) {
                        return null;
                    }
                }
                return "HTTP status " + r.statusCode() + " is not one of " + text(conf, "codes");
            }
            default -> {
                return "assertion type '" + assertion.getAttribute("type") + "' is not replayed";
            }
        }
    }

    private static String xpath(String xml, String expression) throws Exception {
        Map<String, String> prefixes = new HashMap<>();
        Matcher m = DECLARE.matcher(expression);
        int end = 0;
        while (m.find()) {
            prefixes.put(m.group(1), m.group(2));
            end = m.end();
        }
        XPath xp = XPathFactory.newInstance().newXPath();
        xp.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return prefixes.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return xp.evaluate(expression.substring(end).trim(), parse(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private String expand(String s, Map<String, String> caseProperties) {
        Matcher m = PROPERTY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "#Project#" -> projectProperties.get(m.group(2));
                case "#TestCase#" -> caseProperties.get(m.group(2));
                default -> m.group(2).trim().equals("java.util.UUID.randomUUID()") ? UUID.randomUUID().toString() : null;
            };
            if (value == null) {
                failures.add("no value for ${" + m.group(1) + m.group(2) + "}");
                value = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        Matcher other = Pattern.compile("\\$\\{[^}]*}").matcher(sb);
        while (other.find()) {
            failures.add("property expansion " + other.group() + " is not replayed");
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && CON.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        List<Element> c = children(parent, localName);
        if (c.isEmpty()) {
            // SoapUI writes assertion configuration without the con: namespace
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName.equals(e.getLocalName())) {
                    return e;
                }
            }
            return null;
        }
        return c.get(0);
    }

    private static String text(Element parent, String localName) {
        Element e = first(parent, localName);
        return e == null ? "" : e.getTextContent();
    }
}
