package io.wcf4j.clients.wsdl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.cxf.BusFactory;
import org.apache.cxf.tools.common.ToolConstants;
import org.apache.cxf.tools.common.ToolContext;
import org.apache.cxf.tools.common.ToolException;
import org.apache.cxf.tools.validator.internal.WSDL11Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every WSDL the SOAP binding publishes passes CXF's WSDL validator in its full mode (wsdlvalidator's checks:
 * references, unique body parts, WS-I Basic Profile, MIME binding, and the document against the WSDL and SOAP
 * schemas), whatever the endpoint's security; and the validator does catch a broken document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedWsdlValidationTest {
    private LedgerHost host;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        host = new LedgerHost("wsdl-validation");
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @Test
    void thePlainEndpointsWsdl_isValid() throws Exception {
        assertThat(validate(served(host.soap), "plain")).isTrue();
    }

    @Test
    void theUsernameTokenEndpointsWsdl_withItsPolicy_isValid() throws Exception {
        String wsdl = served(host.soapWss);
        assertThat(wsdl).as("the policy is in the document being validated").contains("UsernameToken");
        assertThat(validate(wsdl, "wss")).isTrue();
    }

    @Test
    void theCertificateEndpointsWsdl_withItsPolicy_isValid() throws Exception {
        assertThat(validate(served(host.soapX509), "x509")).isTrue();
    }

    @Test
    void theValidatorRefusesAWsdlWhosePartNamesAnElementItDoesNotDeclare() throws Exception {
        String broken = served(host.soap).replaceFirst("element=\"tns:getAccount\"", "element=\"tns:getAccountThatIsNot\"");
        assertThatThrownBy(() -> validate(broken, "broken")).isInstanceOf(ToolException.class)
                .hasMessageContaining("getAccountThatIsNot");
    }

    private String served(URI endpoint) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?wsdl")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** wsdlvalidator with {@code -validate all}, on the document written to a file (the tool reads it by URL). */
    private boolean validate(String wsdl, String name) throws Exception {
        Path file = dir.resolve(name + ".wsdl");
        Files.writeString(file, wsdl, StandardCharsets.UTF_8);
        ToolContext context = new ToolContext();
        context.put(ToolConstants.CFG_WSDLURL, file.toUri().toString());
        context.put(ToolConstants.CFG_VALIDATE_WSDL, "all");
        return new WSDL11Validator(null, context, BusFactory.newInstance().createBus()).isValid();
    }
}
