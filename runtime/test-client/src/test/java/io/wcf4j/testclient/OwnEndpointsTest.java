package io.wcf4j.testclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.config.BindingConfig;
import io.wcf4j.spi.PublishedEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the test client makes of an endpoint's binding before any call: the broker and account of a SOAP/JMS endpoint,
 * and why an endpoint whose messages are signed with a certificate is not callable. The calls themselves are tested
 * end to end against the console host (WebTestClientApiTest).
 */
class OwnEndpointsTest {
    private static final Map<String, Object> X509 = Map.of("security-mode", "message", "message-credential", "certificate",
            "message-certificate", "/pki/server.pem", "message-private-key", "/pki/server-key.pem", "message-trust", "/pki/ca.pem");

    private static PublishedEndpoint endpoint(String binding, String address) {
        return new PublishedEndpoint("e", "s", "C", binding, URI.create(address), Map.of(), "message", List.of());
    }

    @Test
    void anX509Endpoint_withoutATestClientCertificate_namesThePropertiesToSet() {
        OwnEndpoints.Reach reach = OwnEndpoints.reach(BindingConfig.of("soap-http", X509), endpoint("soap-http", "http://127.0.0.1:1/x"),
                OwnEndpoints.SigningCertificate.NONE);
        assertThat(reach.notCallable()).contains("wcf4j.test-client.message-certificate")
                .contains("wcf4j.test-client.message-private-key");
        assertThat(OwnEndpoints.reach(BindingConfig.of("soap-http", X509), endpoint("soap-http", "http://127.0.0.1:1/x"),
                new OwnEndpoints.SigningCertificate(" ", "")).notCallable()).as("blank is unset").contains("message-certificate");
    }

    @Test
    void anX509Endpoint_whoseCertificateFileIsMissing_namesTheProperty() {
        OwnEndpoints.Reach reach = OwnEndpoints.reach(BindingConfig.of("soap-http", X509), endpoint("soap-http", "http://127.0.0.1:1/x"),
                new OwnEndpoints.SigningCertificate("/nonexistent/client.pem", "/nonexistent/client-key.pem"));
        assertThat(reach.notCallable()).contains("wcf4j.test-client.message-certificate: /nonexistent/client.pem");
    }

    @Test
    void aQueueOfTheEmbeddedBroker_isReachedAtItsAcceptor_withTheAccountForOtherProcesses() {
        OwnEndpoints.Reach reach = OwnEndpoints.reach(BindingConfig.of("soap-jms", Map.of("security-mode", "message",
                        "message-credential", "username-digest", "embedded-acceptor", "tcp://0.0.0.0:61999", "embedded-user", "client",
                        "embedded-password", "secret", "concurrency", 4)),
                endpoint("soap-jms", "jms:queue:q"), OwnEndpoints.SigningCertificate.NONE);
        assertThat(reach.notCallable()).isNull();
        assertThat(reach.address()).hasToString("jms:queue:q");
        assertThat(reach.binding().settings()).containsEntry("url", "tcp://127.0.0.1:61999").containsEntry("user", "client")
                .containsEntry("password", "secret").containsEntry("message-credential", "username-digest")
                .doesNotContainKeys("concurrency", "embedded-user");
    }

    @Test
    void aQueueOfAnExternalBroker_isReachedWithTheBindingsAccount() {
        OwnEndpoints.Reach reach = OwnEndpoints.reach(BindingConfig.of("soap-jms", Map.of("url", "tcp://broker:61616", "user", "app",
                        "password", "pw")), endpoint("soap-jms", "jms:queue:q"), OwnEndpoints.SigningCertificate.NONE);
        assertThat(reach.notCallable()).isNull();
        assertThat(reach.binding().settings()).containsEntry("url", "tcp://broker:61616").containsEntry("user", "app")
                .containsEntry("password", "pw");
    }

    @Test
    void anEmbeddedBrokerThatLetsNoOtherProcessIn_isNotCalled() {
        assertThat(OwnEndpoints.reach(BindingConfig.of("soap-jms", Map.of("embedded-acceptor", "none", "embedded-user", "client",
                "embedded-password", "secret")), endpoint("soap-jms", "jms:queue:q"), OwnEndpoints.SigningCertificate.NONE).notCallable())
                .contains("embedded-acceptor");
        assertThat(OwnEndpoints.reach(BindingConfig.of("soap-jms", Map.of("embedded-acceptor", "tcp://127.0.0.1:61999", "url", "")),
                endpoint("soap-jms", "jms:queue:q"), OwnEndpoints.SigningCertificate.NONE).notCallable())
                .as("no embedded-user: the binding's default, none").contains("embedded-user");
    }
}
