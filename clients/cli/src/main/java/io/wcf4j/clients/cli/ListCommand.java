package io.wcf4j.clients.cli;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code list <host>}: the endpoints a host publishes at /metadata. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the endpoints a host publishes at /metadata: name, binding, address, contract.")
final class ListCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<host>", description = "The host's HTTP base address, e.g. http://localhost:8080")
    String host;

    @Override
    public Integer call() throws Exception {
        JsonNode endpoints;
        try {
            endpoints = metadata(host).get("endpoints");
        } catch (ConnectException | java.net.http.HttpTimeoutException e) {
            System.err.println("cannot reach " + host + ": " + e.getMessage());
            return Wcf4jCli.UNREACHABLE;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "BINDING", "ADDRESS", "CONTRACT"));
        for (JsonNode e : endpoints) {
            rows.add(List.of(e.path("name").asString(), e.path("binding").asString(), e.path("address").asString(),
                    e.path("contract").asString()));
        }
        System.out.print(Tables.render(rows));
        return 0;
    }

    /** The /metadata document of a host. */
    static JsonNode metadata(String host) throws Exception {
        return metadata(host, null);
    }

    /** The /metadata document of a host, over TLS trusting {@code tls}'s CAs when given. */
    static JsonNode metadata(String host, javax.net.ssl.SSLContext tls) throws Exception {
        String base = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        return json(base + "/metadata", tls);
    }

    /** A JSON document a host publishes (its metadata, a contract description, an OpenAPI document). */
    static JsonNode json(String url, javax.net.ssl.SSLContext tls) throws Exception {
        return new ObjectMapper().readTree(document(url, tls));
    }

    /**
     * A document a host publishes, as text; {@link IllegalStateException} naming the URL and status unless it
     * answers 200.
     */
    static String document(String url, javax.net.ssl.SSLContext tls) throws Exception {
        HttpResponse<String> r = client(tls).send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** An HTTP client, trusting {@code tls}'s CAs when given. */
    static HttpClient client(javax.net.ssl.SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            b.sslContext(tls);
        }
        return b.build();
    }
}
