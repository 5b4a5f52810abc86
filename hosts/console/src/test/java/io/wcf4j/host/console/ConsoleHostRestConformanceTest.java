package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance suite against the console host's REST endpoint. */
class ConsoleHostRestConformanceTest extends ConsoleHostSoapConformanceTest {
    @Override
    protected String bindingType() {
        return "rest-json";
    }

    @Override
    protected String path() {
        return "/api/conformance";
    }

    @Override
    protected String unreachableAddress() {
        return "http://127.0.0.1:1/api/nobody";
    }

    @Override
    protected String endpointName() {
        return "conformance-rest";
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        assertThat(postRaw(clientAddress + "/echo", "application/json", "{not json")).isEqualTo(400);
    }
}
