package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SoapUI project in clients/soapui passes against the running service, and the replay can fail. */
class SoapUiReplayTest {
    private static final Path PROJECT = Path.of("../../clients/soapui/ledger-soapui-project.xml");

    @Test
    void everyTestStepOfTheProjectPasses() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        Document project = SoapUiReplay.parse(Files.readAllBytes(PROJECT));
        SoapUiReplay.Report report = replay(host, project);
        assertThat(report.failures()).isEmpty();
        assertThat(report.steps()).as("every suite ran").isGreaterThanOrEqualTo(20);
        assertThat(report.assertions()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void aFalseAssertionInTheProjectFailsTheReplay() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        Document project = SoapUiReplay.parse(Files.readAllBytes(PROJECT));
        // make one XPath assertion false: the transfer leaves 70.00, the project now claims 71.00
        NodeList contents = project.getElementsByTagName("content");
        Element changed = null;
        for (int i = 0; i < contents.getLength(); i++) {
            Element c = (Element) contents.item(i);
            if (c.getTextContent().equals("70.00")) {
                c.setTextContent("71.00");
                changed = c;
            }
        }
        assertThat(changed).as("the project has the assertion this test falsifies").isNotNull();
        SoapUiReplay.Report report = replay(host, project);
        assertThat(report.failures()).singleElement().asString()
                .contains("transfer TestSuite").contains("fromBalance").contains("expected '71.00' but found '70.00'");
    }

    @Test
    void theProjectsCredentialsAreWhatLetsItIn() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        Document project = SoapUiReplay.parse(Files.readAllBytes(PROJECT));
        NodeList names = project.getElementsByTagName("con:name");
        for (int i = 0; i < names.getLength(); i++) {
            if (names.item(i).getTextContent().equals("password")) {
                ((Element) names.item(i).getNextSibling()).setTextContent("not-the-password");
            }
        }
        SoapUiReplay.Report report = replay(host, project);
        assertThat(report.failures()).as("refused with a wrong password").isNotEmpty()
                .anySatisfy(f -> assertThat(f).contains("Not SOAP Fault"));
    }

    @Test
    void everyResponseIsCheckedAgainstTheWsdlSchema_asSoapUisSchemaComplianceDoes() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        String xml = Files.readString(PROJECT);
        // the project's WSDL now says a balance is a whole number: every reply carrying "100.00" breaks it
        String strict = xml.replace("<xs:element minOccurs=\"0\" name=\"balance\" type=\"xs:decimal\"/>",
                "<xs:element minOccurs=\"0\" name=\"balance\" type=\"xs:int\"/>");
        assertThat(strict).isNotEqualTo(xml);
        SoapUiReplay.Report report = replay(host, SoapUiReplay.parse(strict.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(report.failures()).isNotEmpty().allSatisfy(f -> assertThat(f).contains("Schema Compliance").contains("balance"))
                .anySatisfy(f -> assertThat(f).contains("opens an account").contains("'100.00'"));
    }

    @Test
    void aRequestNamingAnOperationTheWsdlDoesNotHave_orSendingAnotherOperationsElement_fails() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        Document project = SoapUiReplay.parse(Files.readAllBytes(PROJECT));
        NodeList operations = project.getElementsByTagNameNS("http://eviware.com/soapui/config", "operation");
        List<Element> inSteps = new java.util.ArrayList<>();
        for (int i = 0; i < operations.getLength(); i++) {
            if (((Element) operations.item(i)).getAttribute("name").isEmpty()) {
                inSteps.add((Element) operations.item(i));
            }
        }
        inSteps.get(0).setTextContent("closeAccount");
        inSteps.get(1).setTextContent("getTotals");
        SoapUiReplay.Report report = replay(host, project);
        assertThat(report.failures()).anySatisfy(f -> assertThat(f).contains("'closeAccount'").contains("does not have"))
                .anySatisfy(f -> assertThat(f).contains("not getTotals's input"));
    }

    @Test
    void everyRequestOfTheProject_callsAnEndpointTheHostPublishes_whoseWsdlHasTheOperation() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        String xml = Files.readString(PROJECT);
        Document project = SoapUiReplay.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        tools.jackson.databind.JsonNode endpoints = new tools.jackson.databind.ObjectMapper()
                .readTree(host.get("/metadata").body()).get("endpoints");
        List<SoapUiReplay.RequestStep> steps = SoapUiReplay.requestSteps(project);
        assertThat(steps).hasSizeGreaterThanOrEqualTo(20);
        for (SoapUiReplay.RequestStep step : steps) {
            String path = java.net.URI.create(step.endpoint()).getPath();
            tools.jackson.databind.JsonNode endpoint = null;
            for (tools.jackson.databind.JsonNode e : endpoints) {
                if (e.path("binding").asString().equals("soap-http") && e.path("address").asString().endsWith(path)) {
                    endpoint = e;
                }
            }
            assertThat(endpoint).as("%s calls %s: a SOAP endpoint the host publishes", step.name(), step.endpoint()).isNotNull();
            assertThat(endpoint.path("contract").asString()).isEqualTo("io.wcf4j.sample.ledger.Ledger");
            // the endpoint's own WSDL (a secure endpoint's has its policy) has the operation in the binding the step names
            String wsdl = host.get(path + "?wsdl").body();
            assertThat(new SoapUiWsdl(wsdl).operation(step.interfaceName(), step.operation()))
                    .as("%s: operation %s of %s at %s", step.name(), step.operation(), step.interfaceName(), path).isPresent();
        }
        // and the project's main endpoint is the address its cached WSDL gives
        int start = xml.indexOf("<con:content><![CDATA[") + "<con:content><![CDATA[".length();
        SoapUiWsdl cached = new SoapUiWsdl(xml.substring(start, xml.indexOf("]]></con:content>", start)));
        assertThat(cached.addresses()).contains(steps.get(0).endpoint());
    }

    /** The project against the fixture's host: its SOAP endpoint, and its UsernameToken endpoint for the WS-Security suite. */
    private static SoapUiReplay.Report replay(ConsoleHostFixture host, Document project) throws Exception {
        return new SoapUiReplay().property("wssEndpoint", host.url("/services/ledger-wss")).run(project, host.url("/services/ledger"));
    }
}
