package io.wcf4j.binding.tcp;

import io.wcf4j.conformance.AbstractBindingConformanceTest;

/** net.tcp passes the binding conformance suite. */
class NetTcpConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "net-tcp";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "net.tcp://127.0.0.1:0/" + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "net.tcp://127.0.0.1:1/nobody";
    }

    @Override
    protected boolean supportsDuplex() {
        return true;
    }

    @Override
    protected boolean supportsCancellation() {
        return true;
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        MalformedCall.send(clientAddress);
    }
}
