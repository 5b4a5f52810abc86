package io.wcf4j.binding.rest;

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
}
