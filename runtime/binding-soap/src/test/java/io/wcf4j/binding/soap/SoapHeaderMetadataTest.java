package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ServiceHost;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A SOAP client in any language can send call metadata as SOAP header elements in the {@code urn:wcf4j:metadata}
 * namespace instead of HTTP headers: the service sees them as the same metadata, and a header element wins over an
 * HTTP header of the same key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoapHeaderMetadataTest {
    private ServiceHost host;
    private URI address;

    @BeforeAll
    void start() {
        host = ServiceHost.builder(ConformanceService.class).implementation(new ConformanceServiceImpl())
                .endpoint("http://127.0.0.1:0/services/headers", "soap-http").build();
        host.open();
        address = host.endpoints().get(0).address();
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private static String envelope(String headers, String key) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:c=\"urn:wcf4j:conformance\""
                + " xmlns:m=\"urn:wcf4j:metadata\"><soap:Header>" + headers + "</soap:Header>"
                + "<soap:Body><c:callInfo><c:metadataKey>" + key + "</c:metadataKey></c:callInfo></soap:Body></soap:Envelope>";
    }

    private String post(String body, String httpHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (httpHeader != null) {
            b.header("x-both", httpHeader);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + name + ">([^<]*)</").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void headerElementsAreMetadata_andWcf4jTimeoutIsTheDeadline() throws Exception {
        String reply = post(envelope("<m:x-from-soap>from the envelope</m:x-from-soap><m:wcf4j-timeout>4000</m:wcf4j-timeout>",
                "x-from-soap"), null);
        assertThat(element(reply, "metadataValue")).isEqualTo("from the envelope");
        assertThat(Long.parseLong(element(reply, "remainingMillis"))).isBetween(1L, 4000L);
    }

    @Test
    void aHeaderElementWinsOverTheHttpHeaderOfTheSameKey() throws Exception {
        String reply = post(envelope("<m:x-both>envelope</m:x-both>", "x-both"), "http");
        assertThat(element(reply, "metadataValue")).isEqualTo("envelope");
        assertThat(element(post(envelope("", "x-both"), "http"), "metadataValue")).isEqualTo("http");
    }

    @Test
    void headerElementsInOtherNamespacesAreNotMetadata() throws Exception {
        String reply = post(envelope("<o:x-other xmlns:o=\"urn:somebody:else\">no</o:x-other>", "x-other"), null);
        assertThat(element(reply, "metadataValue")).isNull();
    }
}
