package io.wcf4j.binding.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.conformance.AbstractBindingConformanceTest;

/** JSON over HTTP passes the binding conformance suite. */
class RestJsonConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "rest-json";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "http://127.0.0.1:0/api/" + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "http://127.0.0.1:1/api/nobody";
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        assertThat(postRaw(clientAddress + "/echo", "application/json", "{not json")).isEqualTo(400);
    }
}
