package io.wcf4j.host.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.wsdl.Binding;
import javax.wsdl.BindingOperation;
import javax.wsdl.Definition;
import javax.wsdl.Fault;
import javax.wsdl.Message;
import javax.wsdl.Part;
import javax.wsdl.Port;
import javax.wsdl.Service;
import javax.wsdl.extensions.ExtensibilityElement;
import javax.wsdl.extensions.soap.SOAPAddress;
import javax.wsdl.factory.WSDLFactory;
import javax.wsdl.xml.WSDLReader;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The WSDL a SoapUI project caches, read as SoapUI reads it (WSDL4J): its bindings' operations with their input,
 * output and fault elements, its port addresses, and its types as a schema to validate messages against, as
 * SoapUI's Schema Compliance assertion does.
 */
final class SoapUiWsdl {
    /** One operation of a binding: the elements its messages carry (output null for a one-way operation). */
    record Operation(String name, QName input, QName output, Set<QName> faults) {
    }

    private final Map<String, Map<String, Operation>> bindings = new HashMap<>();
    private final List<String> addresses = new ArrayList<>();
    private final Schema schema;
    final String targetNamespace;

    SoapUiWsdl(String wsdl) throws Exception {
        WSDLReader reader = WSDLFactory.newInstance().newWSDLReader();
        reader.setFeature("javax.wsdl.verbose", false);
        reader.setFeature("javax.wsdl.importDocuments", false);
        // a secure DOM first: WSDL4J's own parser would accept a DTD
        Definition definition = reader.readWSDL(null, SoapUiReplay.parse(wsdl.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        targetNamespace = definition.getTargetNamespace();
        for (Object b : definition.getAllBindings().values()) {
            Binding binding = (Binding) b;
            Map<String, Operation> operations = new HashMap<>();
            for (Object o : binding.getBindingOperations()) {
                javax.wsdl.Operation op = ((BindingOperation) o).getOperation();
                Set<QName> faults = new LinkedHashSet<>();
                for (Object f : op.getFaults().values()) {
                    faults.add(element(((Fault) f).getMessage()));
                }
                operations.put(op.getName(), new Operation(op.getName(), element(op.getInput().getMessage()),
                        op.getOutput() == null ? null : element(op.getOutput().getMessage()), faults));
            }
            bindings.put(binding.getQName().getLocalPart(), operations);
        }
        for (Object s : definition.getAllServices().values()) {
            for (Object p : ((Service) s).getPorts().values()) {
                for (Object e : ((Port) p).getExtensibilityElements()) {
                    if (e instanceof SOAPAddress a) {
                        addresses.add(a.getLocationURI());
                    } else if (e instanceof javax.wsdl.extensions.soap12.SOAP12Address a) {
                        addresses.add(a.getLocationURI());
                    }
                }
            }
        }
        List<DOMSource> sources = new ArrayList<>();
        for (Object e : definition.getTypes().getExtensibilityElements()) {
            if (e instanceof javax.wsdl.extensions.schema.Schema s) {
                sources.add(new DOMSource(s.getElement()));
            } else {
                throw new IllegalArgumentException("the WSDL's types hold " + ((ExtensibilityElement) e).getElementType()
                        + ", not an XML schema");
            }
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        schema = factory.newSchema(sources.toArray(DOMSource[]::new));
    }

    private static QName element(Message message) {
        if (message.getParts().size() != 1) {
            throw new IllegalArgumentException("message " + message.getQName() + " has " + message.getParts().size()
                    + " parts; a document/literal wrapped message has one");
        }
        return ((Part) message.getParts().values().iterator().next()).getElementName();
    }

    Optional<Operation> operation(String binding, String operation) {
        return Optional.ofNullable(bindings.getOrDefault(binding, Map.of()).get(operation));
    }

    boolean hasBinding(String binding) {
        return bindings.containsKey(binding);
    }

    List<String> addresses() {
        return addresses;
    }

    /** Null when the element is valid against the WSDL's types, else every error the validator reports (they name the element). */
    String invalid(Element element) {
        List<String> errors = new ArrayList<>();
        javax.xml.validation.Validator validator = schema.newValidator();
        validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            validator.validate(new DOMSource(element));
        } catch (SAXException | java.io.IOException e) {
            errors.add(e.getMessage());
        }
        return errors.isEmpty() ? null : String.join(" ", errors);
    }

    static QName name(Element e) {
        return new QName(e.getNamespaceURI() == null ? "" : e.getNamespaceURI(), e.getLocalName());
    }
}
