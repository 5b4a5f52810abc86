package io.wcf4j.testclient;

import io.wcf4j.spring.Wcf4jHosts;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The web test client at {@code /test-client/}, when {@code wcf4j.test-client.enabled=true} (off unless asked for: it
 * calls the host's services with whatever credentials a browser types). It answers loopback requests only, unless
 * {@code wcf4j.test-client.remote-access=true}. Endpoints whose messages must be signed with an X.509 certificate are
 * called with the test client's own, when {@code wcf4j.test-client.message-certificate} and
 * {@code wcf4j.test-client.message-private-key} name one (PEM files).
 */
@AutoConfiguration(afterName = "io.wcf4j.spring.Wcf4jAutoConfiguration")
@ConditionalOnProperty(name = "wcf4j.test-client.enabled", havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class Wcf4jTestClientAutoConfiguration {
    @Bean
    ServletRegistrationBean<TestClientServlet> wcf4jTestClient(Wcf4jHosts hosts, Environment environment) {
        boolean remote = environment.getProperty("wcf4j.test-client.remote-access", Boolean.class, false);
        OwnEndpoints.SigningCertificate signing = new OwnEndpoints.SigningCertificate(
                environment.getProperty(OwnEndpoints.CERTIFICATE_PROPERTY), environment.getProperty(OwnEndpoints.PRIVATE_KEY_PROPERTY));
        ServletRegistrationBean<TestClientServlet> reg = new ServletRegistrationBean<>(
                new TestClientServlet(hosts::hosts, remote, signing), "/test-client/*");
        reg.setName("wcf4j-test-client");
        return reg;
    }
}
