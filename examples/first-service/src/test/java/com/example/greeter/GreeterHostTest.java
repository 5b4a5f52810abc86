package com.example.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.spi.PublishedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walkthrough, run: the host on free ports, called by typed proxies on each binding and by plain HTTP. */
class GreeterHostTest {
    private static ServiceHost host;

    @BeforeAll
    static void open() {
        host = GreeterHost.build(0, 0);
        host.open();
    }

    @AfterAll
    static void close() {
        host.close(Duration.ofSeconds(5));
    }

    private static String address(String endpoint) {
        return host.endpoints().stream().filter(e -> e.name().equals(endpoint)).map(PublishedEndpoint::address)
                .findFirst().orElseThrow().toString();
    }

    @Test
    void aProxyOnEveryBinding_getsTheGreetingAndTheTypedFault() throws Exception {
        String[][] endpoints = {{"greeter-soap", "soap-http"}, {"greeter-rest", "rest-json"}, {"greeter-tcp", "net-tcp"}};
        for (String[] e : endpoints) {
            try (ChannelFactory<Greeter> factory = ChannelFactory.builder(Greeter.class).address(address(e[0]))
                    .binding(BindingConfig.of(e[1])).build()) {
                Greeter greeter = factory.createChannel();
                assertEquals("Hello, Ada!", greeter.greet("Ada").getText(), e[1]);
                NoGreetingException fault = assertThrows(NoGreetingException.class, () -> greeter.greet("nobody"), e[1]);
                assertEquals("nobody", fault.getFaultInfo().getName(), e[1]);
            }
        }
    }

    @Test
    void aSoapRequest_asTheGuideSendsIt() throws Exception {
        String envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<g:greet xmlns:g=\"urn:example:greeter\"><g:name>Ada</g:name></g:greet></s:Body></s:Envelope>";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address("greeter-soap")))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Hello, Ada!"), r.body());
    }

    @Test
    void plainHttp_asCurlWouldCallIt() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(address("greeter-rest") + "/greetings/Ada")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().matches("(?s).*\"text\"\\s*:\\s*\"Hello, Ada!\".*"), r.body());
    }
}
