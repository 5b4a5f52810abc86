package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.conformance.AbstractBindingConformanceTest;
import io.wcf4j.conformance.ConformanceBehaviors;
import io.wcf4j.conformance.ConformanceServiceImpl;

/**
 * The conformance suite once more, against SOAP endpoints served by the console host through Spring Boot
 * (auto-configuration, Boot's Tomcat, the router servlet).
 */
class ConsoleHostSoapConformanceTest extends AbstractBindingConformanceTest {
    @Override
    protected String bindingType() {
        return "soap-http";
    }

    @Override
    protected String serverAddress(String serviceName) {
        throw new UnsupportedOperationException("the console host serves the suite's service from its configuration");
    }

    @Override
    protected String unreachableAddress() {
        return "http://127.0.0.1:1/services/nobody";
    }

    protected String path() {
        return "/services/conformance";
    }

    @Override
    protected Server startServer(String serviceName, ConformanceServiceImpl implementation) {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        // the suite watches the service the host runs, the 'conformanceService' bean
        service = host.context.getBean(ConformanceServiceImpl.class);
        return new Server(null, host.url(path()), endpointName());
    }

    /** The endpoint's name in wcf4j-test.yml. */
    protected String endpointName() {
        return "conformance-soap";
    }

    @Override
    protected ConformanceBehaviors behaviors() {
        return ConsoleHostFixture.get().context.getBean(ConformanceBehaviors.class);
    }

    @Override
    protected void sendMalformedRequest(String clientAddress) throws Exception {
        assertThat(postRaw(clientAddress, "text/xml; charset=UTF-8", "<soap:Envelope xmlns:soap=\"oops\"><unclosed>"))
                .isEqualTo(500);
    }

    /** Spring owns this host's lifecycle; the SIGTERM test of the console jar covers draining there. */
    @Override
    protected boolean supportsCloseWhileInFlight() {
        return false;
    }
}
