#set( $path = $serviceName.toLowerCase() )
package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The host on free ports, called by typed proxies on each binding, and by plain HTTP. */
class ${serviceName}HostTest {
    private static ConfigurableApplicationContext host;
    private static int httpPort;
    private static int tcpPort;

    @BeforeAll
    static void start() throws IOException {
        httpPort = freePort();
        tcpPort = freePort();
        host = SpringApplication.run(${serviceName}Host.class, "--server.port=" + httpPort, "--service.tcp-port=" + tcpPort);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyBinding_answersAndCarriesTheTypedFault() throws Exception {
        String[][] endpoints = {{"http://127.0.0.1:" + httpPort + "/services/${path}", "soap-http"},
                {"http://127.0.0.1:" + httpPort + "/api/${path}", "rest-json"},
                {"net.tcp://127.0.0.1:" + tcpPort + "/${path}", "net-tcp"}};
        for (String[] e : endpoints) {
            try (ChannelFactory<${serviceName}> factory = ChannelFactory.builder(${serviceName}.class).address(e[0])
                    .binding(BindingConfig.of(e[1])).build()) {
                ${serviceName} proxy = factory.createChannel();
                assertEquals("Hello, Ada!", proxy.greet("Ada").getText(), e[1]);
                NoGreetingException fault = assertThrows(NoGreetingException.class, () -> proxy.greet("nobody"), e[1]);
                assertEquals("nobody", fault.getFaultInfo().getName(), e[1]);
            }
        }
    }

    @Test
    void restAnswersJson_andTheMetadataListsTheEndpoints() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> greeting = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/${path}/greetings/Ada")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, greeting.statusCode());
        assertTrue(greeting.body().contains("Hello, Ada!"), greeting.body());
        String metadata = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metadata")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String name : new String[] {"${path}-soap", "${path}-rest", "${path}-tcp"}) {
            assertTrue(metadata.contains("\"" + name + "\""), name + " in " + metadata);
        }
    }
}
