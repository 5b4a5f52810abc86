package io.wcf4j.host.console;

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
}
