package com.example.greeter.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.greeter.Greeter;
import com.example.greeter.NoGreetingException;
import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring Boot variant, run: the application on free ports, called by typed proxies on each binding. */
class GreeterApplicationTest {
    private static ConfigurableApplicationContext application;
    private static int httpPort;
    private static int tcpPort;

    @BeforeAll
    static void start() throws IOException {
        httpPort = freePort();
        tcpPort = freePort();
        application = SpringApplication.run(GreeterApplication.class, "--server.port=" + httpPort, "--greeter.tcp-port=" + tcpPort);
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theConfiguredEndpoints_serveTheGreetingAndTheTypedFault() throws Exception {
        String[][] endpoints = {{"http://127.0.0.1:" + httpPort + "/services/greeter", "soap-http"},
                {"http://127.0.0.1:" + httpPort + "/api/greeter", "rest-json"}, {"net.tcp://127.0.0.1:" + tcpPort + "/greeter", "net-tcp"}};
        for (String[] e : endpoints) {
            try (ChannelFactory<Greeter> factory = ChannelFactory.builder(Greeter.class).address(e[0]).binding(BindingConfig.of(e[1])).build()) {
                Greeter greeter = factory.createChannel();
                assertEquals("Hello, Ada!", greeter.greet("Ada").getText(), e[1]);
                assertThrows(NoGreetingException.class, () -> greeter.greet("nobody"), e[1]);
            }
        }
    }

    @Test
    void aFirstRunIsQuiet_theLibrariesUnderWcf4jLogOnlyWarnings() {
        // without them, CXF logs "Creating Service" for every SOAP proxy and every declared fault at INFO
        assertFalse(LoggerFactory.getLogger("org.apache.cxf.phase.PhaseInterceptorChain").isInfoEnabled());
        assertTrue(LoggerFactory.getLogger("io.wcf4j.ServiceHost").isInfoEnabled(), "wcf4j's own lines stay");
    }

    @Test
    void theMetadataListsTheThreeEndpoints() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/metadata")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        for (String name : new String[] {"greeter-soap", "greeter-rest", "greeter-tcp"}) {
            assertTrue(r.body().contains("\"" + name + "\""), name + " in " + r.body());
        }
    }
}
