package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** /metadata, ?wsdl and /api/openapi.json describe the endpoints truthfully: the test calls what they describe. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataTest {
    private final ObjectMapper json = new ObjectMapper();
    private ConsoleHostFixture host;

    @BeforeAll
    void start() {
        host = ConsoleHostFixture.get();
    }

    private JsonNode endpoints() throws Exception {
        HttpResponse<String> r = host.get("/metadata");
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body()).get("endpoints");
    }

    @Test
    void everyEndpointLinksItsContractsDescription_operationsAndDataContractsWithoutTheClasses() throws Exception {
        for (JsonNode ep : endpoints()) {
            String url = ep.get("documents").get("contract").asString();
            assertThat(url).isEqualTo(host.url("/metadata/" + ep.get("name").asString() + ".contract.json"));
            HttpResponse<String> r = host.sendAnonymous(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)));
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode contract = json.readTree(r.body());
            assertThat(contract.get("contract").asString()).isEqualTo(ep.get("contract").asString());
            assertThat(contract.get("operations").size()).isPositive();
            if (ep.get("service").asString().equals("ledger")) {
                assertThat(contract.get("types").get("Account").get("fields").toString())
                        .isEqualTo("[{\"name\":\"id\",\"type\":{\"kind\":\"integer\"}},{\"name\":\"owner\",\"type\":{\"kind\":\"string\"}},"
                                + "{\"name\":\"balance\",\"type\":{\"kind\":\"decimal\"}}]");
            }
        }
    }

    @Test
    void metadataListsEveryEndpointWithAnAddressToCall() throws Exception {
        Set<String> names = new HashSet<>();
        for (JsonNode ep : endpoints()) {
            names.add(ep.get("name").asString());
            String address = ep.get("address").asString();
            assertThat(address).as("a host name a client can use").doesNotContain("0.0.0.0");
            switch (ep.get("binding").asString()) {
                case "net-tcp" -> assertThat(address).startsWith("net.tcp://127.0.0.1:" + host.tcpPort + "/");
                case "net-pipe" -> assertThat(address).startsWith("net.pipe://" + host.dataDir.toAbsolutePath() + "/");
                case "soap-jms" -> assertThat(address).matches("jms:queue:(ledger|conformance)");
                case "grpc" -> {
                    assertThat(address).isEqualTo("grpc://127.0.0.1:" + host.grpcPort);
                    assertThat(ep.get("documents").get("proto").asString())
                            .isEqualTo(host.url("/metadata/" + ep.get("service").asString() + ".proto"));
                }
                default -> assertThat(address).startsWith(address.startsWith("https:")
                        ? "https://127.0.0.1:" + host.httpsPort + "/" : "http://127.0.0.1:" + host.port + "/");
            }
            assertThat(ep.get("contract").asString()).isNotEmpty();
            String mode = ep.get("security").get("mode").asString();
            List<String> credentials = new java.util.ArrayList<>();
            ep.get("security").get("clientCredentials").forEach(c -> credentials.add(c.asString()));
            switch (ep.get("name").asString()) {
                case "conformance-soap-tls" -> {
                    assertThat(mode).isEqualTo("transport");
                    assertThat(credentials).contains("certificate", "basic");
                }
                case "ledger-pipe" -> {
                    assertThat(mode).isEqualTo("transport");
                    assertThat(credentials).contains("unix-user");
                }
                case "ledger-soap" -> assertThat(mode).isEqualTo("none");
                case "ledger-soap-wss", "ledger-soap-x509-signed" -> assertThat(mode).isEqualTo("message");
                default -> assertThat(mode).isNotBlank();
            }
        }
        assertThat(names).contains("ledger-soap", "ledger-soap12", "ledger-rest", "ledger-tcp", "ledger-pipe",
                "ledger-events-tcp", "ledger-events-pipe", "conformance-soap", "conformance-rest", "conformance-soap-tls",
                "ledger-jms", "conformance-jms", "ledger-grpc", "ledger-events-grpc");
    }

    @Test
    void framedEndpointsListedInMetadata_answerAtTheirAddresses() throws Exception {
        int seen = 0;
        for (JsonNode ep : endpoints()) {
            String binding = ep.get("binding").asString();
            if (ep.get("name").asString().startsWith("ledger-") && (binding.equals("net-tcp") || binding.equals("net-pipe"))
                    && ep.get("contract").asString().endsWith(".Ledger")) {
                seen++;
                try (ChannelFactory<Ledger> f = DemoUsers.factory(Ledger.class, ep.get("address").asString(), binding, DemoUsers.TELLER)) {
                    assertThat(f.createChannel().getTotals()).isNotNull();
                }
            }
        }
        assertThat(seen).isEqualTo(2);
    }

    @Test
    void wsdlOfEachSoapEndpoint_describesWhatAnswers() throws Exception {
        int seen = 0;
        for (JsonNode ep : endpoints()) {
            // the plain SOAP endpoints (HTTP Basic); those with message security are called by their own tests
            if (!ep.get("binding").asString().equals("soap-http") || !ep.get("contract").asString().endsWith("Ledger")
                    || !ep.get("security").get("mode").asString().equals("none")) {
                continue;
            }
            seen++;
            String address = ep.get("address").asString();
            String wsdlUrl = ep.get("documents").get("wsdl").asString();
            HttpResponse<String> wsdl = host.send(HttpRequest.newBuilder(URI.create(wsdlUrl)).GET());
            assertThat(wsdl.statusCode()).isEqualTo(200);
            assertThat(wsdl.body()).contains("targetNamespace=\"http://wcf4j.io/samples/ledger\"")
                    .contains("location=\"" + address + "\"");
            for (String op : new String[] {"openAccount", "getAccount", "transfer", "submitTransfer", "getStatement", "getTotals"}) {
                assertThat(wsdl.body()).contains("name=\"" + op + "\"");
            }
            boolean soap12 = wsdl.body().contains("http://schemas.xmlsoap.org/wsdl/soap12/");
            assertThat(soap12).isEqualTo(ep.get("name").asString().endsWith("12"));
            try (ChannelFactory<Ledger> f = ChannelFactory.builder(Ledger.class).address(address)
                    .binding(BindingConfig.of("soap-http", Map.of("soap-version", soap12 ? "1.2" : "1.1")))
                    .behavior(DemoUsers.credentials(DemoUsers.TELLER)).build()) {
                Ledger l = f.createChannel();
                long id = l.openAccount("from-wsdl", new java.math.BigDecimal("1.00")).getId();
                assertThat(l.getAccount(id).getOwner()).isEqualTo("from-wsdl");
            }
        }
        assertThat(seen).isEqualTo(2);
    }

    @Test
    void openApiDocument_describesWhatAnswers() throws Exception {
        JsonNode rest = null;
        for (JsonNode ep : endpoints()) {
            if (ep.get("name").asString().equals("ledger-rest")) {
                rest = ep;
            }
        }
        assertThat(rest).isNotNull();
        String docUrl = rest.get("documents").get("openapi").asString();
        assertThat(docUrl).endsWith("/api/openapi.json");
        JsonNode doc = json.readTree(host.send(HttpRequest.newBuilder(URI.create(docUrl)).GET()).body());
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        String server = doc.get("servers").get(0).get("url").asString();
        JsonNode paths = doc.get("paths");
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
            it.next().getValue().forEach(op -> operationIds.add(op.get("operationId").asString()));
        }
        assertThat(operationIds).contains("openAccount", "getAccount", "transfer", "submitTransfer", "getStatement", "getTotals");

        // call what the document describes: create an account with the documented body fields, follow Location
        JsonNode create = paths.get("/api/ledger/accounts").get("post");
        JsonNode props = create.get("requestBody").get("content").get("application/json").get("schema").get("properties");
        assertThat(props.has("owner")).isTrue();
        assertThat(props.has("initialDeposit")).isTrue();
        assertThat(props.get("initialDeposit").get("type").asString()).isEqualTo("number");
        assertThat(create.get("responses").has("201")).isTrue();
        assertThat(create.get("responses").has("400")).as("InvalidAmount is documented").isTrue();
        HttpResponse<String> created = host.send(HttpRequest.newBuilder(URI.create(server + "/api/ledger/accounts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"from-openapi\",\"initialDeposit\":12.50}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> fetched = host.send(HttpRequest.newBuilder(URI.create(location)).GET());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(json.readTree(fetched.body()).get("owner").asString()).isEqualTo("from-openapi");
        assertThat(json.readTree(fetched.body()).get("balance").decimalValue()).isEqualByComparingTo("12.50");

        JsonNode accountSchema = doc.get("components").get("schemas").get("Account").get("properties");
        assertThat(json.readTree(fetched.body()).propertyNames())
                .allSatisfy(field -> assertThat(accountSchema.has(field)).as("documented field " + field).isTrue());
        assertThat(doc.get("components").get("schemas").get("Statement").get("properties").has("entries")).isTrue();
        JsonNode totals = paths.get("/api/ledger/totals").get("get");
        assertThat(totals).isNotNull();
        assertThat(host.send(HttpRequest.newBuilder(URI.create(server + "/api/ledger/totals")).GET()).statusCode()).isEqualTo(200);
    }
}
