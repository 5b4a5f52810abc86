package io.wcf4j.clients.wsdl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a published document (WSDL or OpenAPI) with what a running service serves, by meaning rather than
 * by bytes: whitespace, attribute and key order, and the host in addresses do not count.
 */
final class PublishedContract {
    static final String REGENERATE = "mvn -B -pl clients/wsdl-client -am verify -Dwcf4j.contracts.write=true";

    private PublishedContract() {
    }

    /** Null when equal, else a message saying which file to regenerate and how. */
    static String compareWsdl(Path checkedIn, String checkedInText, String served) throws Exception {
        Document a = normalizedWsdl(checkedInText);
        Document b = normalizedWsdl(served);
        if (a.isEqualNode(b)) {
            return null;
        }
        return checkedIn + " no longer matches the WSDL the service publishes at ?wsdl (the contract changed). "
                + "Regenerate it with: " + REGENERATE + " (then commit it, and rebuild clients that use it).";
    }

    /** Null when equal, else a message saying which file to regenerate and how. */
    static String compareOpenApi(Path checkedIn, String checkedInText, String served) throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (withoutServers(json.readTree(checkedInText)).equals(withoutServers(json.readTree(served)))) {
            return null;
        }
        return checkedIn + " no longer matches the OpenAPI document the service publishes (the contract changed). "
                + "Regenerate it with: " + REGENERATE + " (then commit it).";
    }

    /** The served WSDL as it is checked in: addresses on the documented default host. */
    static String publishableWsdl(String served, String servedAddress) {
        return served.replace(servedAddress, "http://localhost:8080/services/ledger");
    }

    /** The served OpenAPI document as it is checked in: the server on the documented default host. */
    static String publishableOpenApi(String served) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(served);
        doc.putArray("servers").addObject().put("url", "http://localhost:8080");
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
    }

    private static JsonNode withoutServers(JsonNode n) {
        ((ObjectNode) n).remove("servers");
        return n;
    }

    private static Document normalizedWsdl(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        strip(d.getDocumentElement());
        NodeList addresses = d.getElementsByTagNameNS("*", "address");
        for (int i = 0; i < addresses.getLength(); i++) {
            ((Element) addresses.item(i)).setAttribute("location", "(address)");
        }
        d.normalizeDocument();
        return d;
    }

    private static void strip(Node n) {
        for (Node c = n.getFirstChild(); c != null; ) {
            Node next = c.getNextSibling();
            if (c.getNodeType() == Node.TEXT_NODE && c.getNodeValue().isBlank() || c.getNodeType() == Node.COMMENT_NODE) {
                n.removeChild(c);
            } else if (c.getNodeType() == Node.ELEMENT_NODE) {
                strip(c);
            }
            c = next;
        }
    }
}
