package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.conformance.AbstractBindingConformanceTest;

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
    }
}
