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
 * {@code wcf4j.test-client.remote-access=true}.
 */
@AutoConfiguration(afterName = "io.wcf4j.spring.Wcf4jAutoConfiguration")
@ConditionalOnProperty(name = "wcf4j.test-client.enabled", havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class Wcf4jTestClientAutoConfiguration {
    @Bean
    ServletRegistrationBean<TestClientServlet> wcf4jTestClient(Wcf4jHosts hosts, Environment environment) {
        boolean remote = environment.getProperty("wcf4j.test-client.remote-access", Boolean.class, false);
        ServletRegistrationBean<TestClientServlet> reg = new ServletRegistrationBean<>(
                new TestClientServlet(hosts::hosts, remote), "/test-client/*");
        reg.setName("wcf4j-test-client");
        return reg;
    }
}
