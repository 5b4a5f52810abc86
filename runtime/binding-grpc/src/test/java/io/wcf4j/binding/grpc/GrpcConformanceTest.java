package io.wcf4j.binding.grpc;

import io.wcf4j.conformance.AbstractBindingConformanceTest;

/** gRPC passes the binding conformance suite. */
class GrpcConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "grpc";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "grpc://127.0.0.1:0";
    }

    @Override
    protected String unreachableAddress() {
        return "grpc://127.0.0.1:1";
    }

    /** Callbacks travel on a per-caller Connect stream (docs/grpc.md). */
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
        RawGrpc.sendUnreadableEcho(clientAddress);
    }
}
