package io.wcf4j.conformance;

/** The in-process binding passes the suite; it proves the suite and the Dispatcher without any wire. */
class LocalBindingConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "local";
    }

    @Override
    protected String serverAddress(String serviceName) {
        return "local:" + serviceName;
    }

    @Override
    protected String unreachableAddress() {
        return "local:nobody-listens-here";
    }

    /** The in-process binding passes references; there is no message whose size could be limited. */
    @Override
    protected boolean hasAWire() {
        return false;
    }

    @Override
    protected boolean supportsMessageSizeLimit() {
        return false;
    }

    @Override
    protected java.util.Map<String, Object> bindingSettings() {
        return java.util.Map.of();
    }

    /** In process, nothing travels that could be malformed. */
    @Override
    protected void sendMalformedRequest(String clientAddress) {
        org.junit.jupiter.api.Assumptions.abort("the in-process binding has no wire: no request can be malformed");
    }

    @Override
    protected io.wcf4j.config.BindingConfig serverBinding() {
        return io.wcf4j.config.BindingConfig.of("local");
    }
}
