package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.conformance.AbstractBindingConformanceTest;
import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.Payload;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SOAP 1.1 over HTTP passes the binding conformance suite. */
class SoapHttpConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "soap-http";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "http://127.0.0.1:0/services/" + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "http://127.0.0.1:1/services/nobody";
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        assertThat(postRaw(clientAddress, "text/xml; charset=UTF-8", "<soap:Envelope xmlns:soap=\"oops\"><unclosed>"))
                .isEqualTo(500);
        // found by fuzzing: XML whose root is not an Envelope was the framework's error (INTERNAL), not the caller's
        HttpResponse<String> notAnEnvelope = postRaw(clientAddress, "text/xml; charset=UTF-8", "<Enlevope><Body/></Enlevope>", Map.of());
        assertThat(notAnEnvelope.body()).contains(">INVALID_ARGUMENT<").doesNotContain("INTERNAL");
    }

    /** Money within the bound every wire holds decimals to (1,000 digits and scale): JAXB alone reads any. */
    @Test
    void anAbsurdDecimal_isRefusedAsAWrongValue_beforeTheService() throws Exception {
        boolean soap12 = "1.2".equals(bindingSettings().get("soap-version"));
        String ns = soap12 ? "http://www.w3.org/2003/05/soap-envelope" : "http://schemas.xmlsoap.org/soap/envelope/";
        for (String amount : new String[] {"1E-999999999", "1" + "0".repeat(2000)}) {
            String envelope = "<s:Envelope xmlns:s=\"" + ns + "\"><s:Body><c:echoPayload xmlns:c=\"urn:wcf4j:conformance\"><c:payload>"
                    + "<c:text>t</c:text><c:amount>" + amount + "</c:amount></c:payload></c:echoPayload></s:Body></s:Envelope>";
            HttpResponse<String> r = postRaw(server().clientAddress(), soap12 ? "application/soap+xml; charset=UTF-8"
                    : "text/xml; charset=UTF-8", envelope, Map.of());
            assertThat(r.body()).as(amount.substring(0, 12)).contains(">INVALID_ARGUMENT<").contains("payload.amount")
                    .doesNotContain("INTERNAL");
        }
        Payload exact = new Payload("t", new java.math.BigDecimal("12.50"), 1, false, java.util.List.of(), null);
        assertThat(client.echoPayload(exact).getAmount()).isEqualByComparingTo("12.50").hasScaleOf(2);
    }

    /** A raw call of a conformance operation with no parameters, in this binding's SOAP version. */
    private HttpResponse<String> call(String operation, String element, Map<String, String> headers) throws Exception {
        boolean soap12 = "1.2".equals(bindingSettings().get("soap-version"));
        String ns = soap12 ? "http://www.w3.org/2003/05/soap-envelope" : "http://schemas.xmlsoap.org/soap/envelope/";
        String envelope = "<soap:Envelope xmlns:soap=\"" + ns + "\"><soap:Body><c:" + operation + " xmlns:c=\"urn:wcf4j:conformance\">"
                + element + "</c:" + operation + "></soap:Body></soap:Envelope>";
        return postRaw(server().clientAddress(), (soap12 ? "application/soap+xml" : "text/xml") + "; charset=UTF-8", envelope, headers);
    }

    @Test
    void aDeclaredFaultsSoapCode_followsItsStatus() throws Exception {
        boolean soap12 = "1.2".equals(bindingSettings().get("soap-version"));
        Map<String, String> alice = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (ConformanceSecurity.USER + ":" + ConformanceSecurity.USER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> declared = call("failDeclared", "<c:code>E-1</c:code>", alice);
        assertThat(declared.body()).as("ConformanceFault is a 409: the caller's").contains(soap12 ? "soap:Sender" : "soap:Client")
                .contains("ConformanceFault").doesNotContain("INVALID_ARGUMENT");
        HttpResponse<String> undeclared = call("failUndeclared", "<c:secret>s</c:secret>", alice);
        assertThat(undeclared.body()).as("an undeclared failure: the service's").contains(soap12 ? "soap:Receiver" : "soap:Server");
    }

    @Test
    void aCallToAnAddressWithNoSoapService_saysWhatAnsweredThere_notUnavailable() {
        String nowhere = server().clientAddress().replaceAll("/services/.*$", "/no-service-here");
        try (ChannelFactory<ConformanceService> f = newFactory(nowhere, Duration.ofSeconds(5))) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.createChannel().echo("x"));
            assertThat(e.code()).isEqualTo(FaultCode.UNKNOWN_OPERATION);
            assertThat(e.getMessage()).contains("HTTP 404", nowhere);
        }
    }

    @Test
    void security_refusalsAreWsSecurityFaults() throws Exception {
        HttpResponse<String> anonymous = call("whoAmI", "", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(500);
        boolean soap12 = "1.2".equals(bindingSettings().get("soap-version"));
        assertThat(anonymous.body()).as("the caller's fault, with WS-Security's code")
                .contains(soap12 ? "<soap:Value>soap:Sender</soap:Value><soap:Subcode>" : "<faultcode ")
                .contains("wsse:FailedAuthentication")
                .contains("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");
        String alice = "Basic " + Base64.getEncoder().encodeToString(
                (ConformanceSecurity.USER + ":" + ConformanceSecurity.USER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> denied = call("adminEcho", "<c:text>x</c:text>", Map.of("Authorization", alice));
        assertThat(denied.body()).contains("AccessDenied").contains("PERMISSION_DENIED").doesNotContain("FailedAuthentication");
        assertThat(call("whoAmI", "", Map.of("Authorization", alice)).body()).contains(ConformanceSecurity.USER);
    }
}
