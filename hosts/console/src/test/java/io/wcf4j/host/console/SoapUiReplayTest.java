package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The project against the fixture's host: its SOAP endpoint, and its UsernameToken endpoint for the WS-Security suite. */
    private static SoapUiReplay.Report replay(ConsoleHostFixture host, Document project) throws Exception {
        return new SoapUiReplay().property("wssEndpoint", host.url("/services/ledger-wss")).run(project, host.url("/services/ledger"));
    }
}
