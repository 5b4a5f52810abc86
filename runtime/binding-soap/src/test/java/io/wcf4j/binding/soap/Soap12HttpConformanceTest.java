package io.wcf4j.binding.soap;

import java.util.Map;

/** SOAP 1.2 over HTTP passes the binding conformance suite. */
class Soap12HttpConformanceTest extends SoapHttpConformanceTest {
    @Override
    protected Map<String, Object> bindingSettings() {
        return Map.of("soap-version", "1.2");
    }
}
