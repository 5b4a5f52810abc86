package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.FaultCode;
import org.apache.cxf.interceptor.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every framework code survives the trip into a SOAP fault and back. */
class SoapFaultsTest {
    @ParameterizedTest
    @EnumSource(FaultCode.class)
    void everyCodeRoundTripsThroughTheDetail(FaultCode code) {
        Fault f = SoapFaults.toFault(code, "message for " + code, false);
        assertThat(f.getFaultCode()).isEqualTo(code == FaultCode.UNAUTHENTICATED ? SoapFaults.FAILED_AUTHENTICATION
                : code == FaultCode.PERMISSION_DENIED ? SoapFaults.ACCESS_DENIED
                : code.isCallerFault() ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        Fault soap12 = SoapFaults.toFault(code, "message for " + code, true);
        assertThat(SoapFaults.codeOf(soap12.getDetail())).isEqualTo(code);
        assertThat(SoapFaults.codeOf(f.getDetail())).isEqualTo(code);
        assertThat(f.getMessage()).isEqualTo("message for " + code);
    }

    @Test
    void handWrittenEnvelopesCarryTheCode() {
        String soap11 = new String(SoapFaults.envelope(false, FaultCode.MESSAGE_TOO_LARGE, "a < b"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(soap11).contains("<faultcode>soap:Client</faultcode>").contains("a &lt; b").contains(">MESSAGE_TOO_LARGE<");
        String soap12 = new String(SoapFaults.envelope(true, FaultCode.INTERNAL, "x"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(soap12).contains("soap:Receiver").contains("http://www.w3.org/2003/05/soap-envelope");
        String denied12 = new String(SoapFaults.envelope(true, FaultCode.UNAUTHENTICATED, "no"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(denied12).contains("<soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value xmlns:wsse=")
                .contains(">wsse:FailedAuthentication<");
        String denied11 = new String(SoapFaults.envelope(false, FaultCode.PERMISSION_DENIED, "no"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(denied11).contains("<faultcode xmlns:wcf4j=\"urn:wcf4j:error\">wcf4j:AccessDenied</faultcode>");
    }
}
