package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web test client's server side, over HTTP as its page uses it: the services it lists, the calls it makes over
 * the host's own endpoints with the caller's credentials, and what it refuses before any call.
 */
class WebTestClientApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConsoleHostFixture host = ConsoleHostFixture.get();

    private JsonNode services() throws Exception {
        HttpResponse<String> r = host.sendAnonymous(HttpRequest.newBuilder(URI.create(host.url("/test-client/api/services"))));
        assertThat(r.statusCode()).isEqualTo(200);
        for (JsonNode s : JSON.readTree(r.body()).get("services")) {
            if (s.get("name").asString().equals("ledger")) {
                return s;
            }
        }
        throw new AssertionError("no ledger service in " + r.body());
    }

    private HttpResponse<String> invoke(String endpoint, String operation, String arguments, String user) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.put("service", "ledger");
        request.put("endpoint", endpoint);
        request.put("operation", operation);
        request.set("arguments", JSON.readTree(arguments));
        if (user != null) {
            request.putObject("credentials").put("user", user).put("password", DemoUsers.password(user));
        }
        return host.sendAnonymous(HttpRequest.newBuilder(URI.create(host.url("/test-client/api/invoke")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())));
    }

    @Test
    void theServicesList_describesEndpointsAndOperationsWithTheirTypes() throws Exception {
        JsonNode ledger = services();
        assertThat(ledger.get("contract").asString()).isEqualTo("io.wcf4j.sample.ledger.Ledger");
        JsonNode pipe = null;
        JsonNode soap = null;
        for (JsonNode e : ledger.get("endpoints")) {
            if (e.get("binding").asString().equals("net-pipe")) {
                pipe = e;
            }
            if (e.get("name").asString().equals("ledger-soap")) {
                soap = e;
            }
        }
        assertThat(soap.get("callable").asBoolean()).isTrue();
        assertThat(endpoint(ledger, "ledger-jms").get("callable").asBoolean()).as("SOAP/JMS, through the broker's acceptor").isTrue();
        JsonNode x509 = endpoint(ledger, "ledger-soap-x509");
        assertThat(x509.get("callable").asBoolean()).as(x509.toString()).isTrue();
        assertThat(x509.get("signedBy").asString()).as("the test client's own certificate (application.yml)").contains("CN=auditor");
        assertThat(pipe.get("callable").asBoolean()).isFalse();
        assertThat(pipe.get("notCallable").asString()).contains("operating-system user");
        JsonNode transfer = null;
        for (JsonNode op : ledger.get("operations")) {
            if (op.get("name").asString().equals("transfer")) {
                transfer = op;
            }
        }
        assertThat(transfer.get("parameters").get(0).get("type").get("ref").asString()).isEqualTo("TransferRequest");
        assertThat(transfer.get("faults").toString()).contains("InsufficientFunds");
        JsonNode request = ledger.get("types").get("TransferRequest");
        assertThat(request.get("fields").toString()).contains("\"name\":\"amount\",\"type\":{\"kind\":\"decimal\"}")
                .contains("\"name\":\"fromAccount\",\"type\":{\"kind\":\"integer\"}");
    }

    private static JsonNode endpoint(JsonNode service, String name) {
        for (JsonNode e : service.get("endpoints")) {
            if (e.get("name").asString().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no endpoint " + name + " in " + service.get("endpoints"));
    }

    @Test
    void aCallOverSoapJms_reachesTheQueueAsAnotherProcessWould_withTheCallersUsernameToken() throws Exception {
        HttpResponse<String> opened = invoke("ledger-jms", "openAccount", "{\"owner\":\"over the queue\",\"initialDeposit\":\"7.00\"}",
                DemoUsers.TELLER);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(opened.body());
        assertThat(answer.get("outcome").asString()).as(opened.body()).isEqualTo("reply");
        assertThat(answer.get("binding").asString()).isEqualTo("soap-jms");
        assertThat(answer.get("result").get("balance").decimalValue()).isEqualByComparingTo("7.00");
        long id = answer.get("result").get("id").asLong();
        // the envelopes as they went through the queue: the teller's UsernameToken (PasswordDigest) in the request
        JsonNode sent = answer.get("wire").get(0);
        assertThat(sent.get("direction").asString()).isEqualTo("sent");
        assertThat(sent.get("text").asString()).contains("Envelope").contains("over the queue").contains("UsernameToken")
                .contains("PasswordDigest").doesNotContain(DemoUsers.password(DemoUsers.TELLER));
        JsonNode received = answer.get("wire").get(1);
        assertThat(received.get("direction").asString()).isEqualTo("received");
        assertThat(received.get("text").asString()).contains("openAccountResponse");
        // the broker at its acceptor for other processes, with the account the binding keeps for them (wcf4j-test.yml)
        assertThat(answer.get("cli").asString()).contains("call jms:queue:ledger openAccount --binding soap-jms")
                .contains(" --broker tcp://127.0.0.1:" + host.jmsPort + " --broker-user test-client --broker-password-env WCF4J_BROKER_PASSWORD")
                .contains(" --security message --digest --user teller --password-env WCF4J_PASSWORD")
                .doesNotContain("test-client-secret").doesNotContain(DemoUsers.password(DemoUsers.TELLER));
        assertThat(answer.has("copy")).as("curl cannot send to a queue: the wcf4j call command is the copy").isFalse();

        JsonNode read = JSON.readTree(invoke("ledger-jms", "getAccount", "{\"accountId\":" + id + "}", DemoUsers.TELLER).body());
        assertThat(read.get("outcome").asString()).as(read.toString()).isEqualTo("reply");
        assertThat(read.get("result").get("owner").asString()).isEqualTo("over the queue");

        JsonNode missing = JSON.readTree(invoke("ledger-jms", "getAccount", "{\"accountId\":987654321}", DemoUsers.TELLER).body());
        assertThat(missing.get("outcome").asString()).as(missing.toString()).isEqualTo("fault");
        assertThat(missing.get("fault").get("name").asString()).isEqualTo("AccountNotFound");
        assertThat(missing.get("fault").get("detail").get("accountId").asLong()).isEqualTo(987654321L);
        assertThat(missing.get("wire").get(1).get("text").asString()).contains("Fault").contains("987654321");

        JsonNode anonymous = JSON.readTree(invoke("ledger-jms", "getTotals", "{}", null).body());
        assertThat(anonymous.get("outcome").asString()).as(anonymous.toString()).isEqualTo("error");
        assertThat(anonymous.get("error").get("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void anX509Endpoint_isCalledSigningWithTheTestClientsOwnCertificate() throws Exception {
        long id = JSON.readTree(invoke("ledger-soap", "openAccount", "{\"owner\":\"signed-for\",\"initialDeposit\":\"4.00\"}",
                DemoUsers.TELLER).body()).get("result").get("id").asLong();
        HttpResponse<String> r = invoke("ledger-soap-x509", "getAccount", "{\"accountId\":" + id + "}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode read = JSON.readTree(r.body());
        assertThat(read.get("outcome").asString()).as(r.body()).isEqualTo("reply");
        assertThat(read.get("result").get("owner").asString()).isEqualTo("signed-for");
        assertThat(read.get("signedBy").asString()).contains("CN=auditor");
        // signed with the auditor's certificate (it travels in the message) and the Body encrypted for the service's
        String request = read.get("wire").get(0).get("text").asString();
        assertThat(request).contains("wsse:Security").contains("BinarySecurityToken").contains("SignatureValue")
                .contains("EncryptedData").doesNotContainPattern("<(\\w+:)?getAccount[ >/]");
        assertThat(read.get("wire").get(1).get("text").asString()).as("the reply, signed by the service").contains("SignatureValue");
        assertThat(read.has("copy")).as("a signed, encrypted request is not replayed with curl").isFalse();
        assertThat(read.get("cli").asString()).contains("--config").contains("message-certificate");

        // the certificate is the caller: the teller's typed credentials are not sent, and an auditor may not open accounts
        JsonNode open = JSON.readTree(invoke("ledger-soap-x509", "openAccount", "{\"owner\":\"x\",\"initialDeposit\":\"1.00\"}",
                DemoUsers.TELLER).body());
        assertThat(open.get("outcome").asString()).as(open.toString()).isEqualTo("error");
        assertThat(open.get("error").get("code").asString()).isEqualTo("PERMISSION_DENIED");
        assertThat(open.get("wire").get(0).get("text").asString()).doesNotContain("UsernameToken")
                .doesNotContain(DemoUsers.password(DemoUsers.TELLER));
        assertThat(open.get("cli").asString()).doesNotContain("--user");
    }

    @Test
    void aCallOverSoap_thenOverNetTcp_withTheCallersCredentials() throws Exception {
        HttpResponse<String> opened = invoke("ledger-soap", "openAccount", "{\"owner\":\"web-client\",\"initialDeposit\":\"25.00\"}",
                DemoUsers.TELLER);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(opened.body());
        assertThat(answer.get("outcome").asString()).as(opened.body()).isEqualTo("reply");
        assertThat(answer.get("result").get("balance").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(answer.get("millis").asDouble()).isPositive();
        assertThat(answer.get("cli").asString()).contains("call http://127.0.0.1:").contains("openAccount").contains("--user teller")
                .doesNotContain(DemoUsers.password(DemoUsers.TELLER));
        long id = answer.get("result").get("id").asLong();
        JsonNode read = JSON.readTree(invoke("ledger-tcp", "getAccount", "{\"accountId\":\"" + id + "\"}", DemoUsers.TELLER).body());
        assertThat(read.get("outcome").asString()).isEqualTo("reply");
        assertThat(read.get("binding").asString()).isEqualTo("net-tcp");
        assertThat(read.get("result").get("owner").asString()).isEqualTo("web-client");
    }

    @Test
    void eachCall_showsItsMessagesAsOnTheWire_andACommandThatRepeatsIt() throws Exception {
        JsonNode soap = JSON.readTree(invoke("ledger-soap", "openAccount", "{\"owner\":\"wire <view>\",\"initialDeposit\":\"3.00\"}",
                DemoUsers.TELLER).body());
        assertThat(soap.get("outcome").asString()).as(soap.toString()).isEqualTo("reply");
        JsonNode sent = soap.get("wire").get(0);
        assertThat(sent.get("direction").asString()).isEqualTo("sent");
        assertThat(sent.get("kind").asString()).startsWith("POST http://127.0.0.1:").endsWith("/services/ledger");
        assertThat(sent.get("text").asString()).contains("Envelope").contains("wire &lt;view");
        JsonNode received = soap.get("wire").get(1);
        assertThat(received.get("direction").asString()).isEqualTo("received");
        assertThat(received.get("kind").asString()).isEqualTo("200");
        assertThat(received.get("text").asString()).contains("openAccountResponse");
        String curl = soap.get("copy").asString();
        assertThat(curl).startsWith("curl -sS -X POST 'http://127.0.0.1:").contains("-u \"$WCF4J_USER:$WCF4J_PASSWORD\"")
                .doesNotContain(DemoUsers.password(DemoUsers.TELLER));
        // the copied request is a real one: its envelope, posted as curl would, opens another account
        String envelope = curl.substring(curl.indexOf("'WCF4J_EOF'\n") + 12, curl.lastIndexOf("\nWCF4J_EOF"));
        String url = curl.substring(curl.indexOf("'") + 1, curl.indexOf("'", curl.indexOf("'") + 1));
        String contentType = curl.replaceFirst("(?s).*-H 'Content-Type: ([^']*)'.*", "$1");
        HttpResponse<String> replayed = host.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.body()).contains("wire &lt;view");

        // a WS-Security password is masked before the test client sees the envelope
        JsonNode wss = JSON.readTree(invoke("ledger-soap-wss", "getTotals", "{}", DemoUsers.TELLER).body());
        assertThat(wss.get("outcome").asString()).as(wss.toString()).isEqualTo("reply");
        assertThat(wss.get("wire").get(0).get("text").asString()).contains("UsernameToken")
                .doesNotContain(DemoUsers.password(DemoUsers.TELLER));

        JsonNode tcp = JSON.readTree(invoke("ledger-tcp", "getTotals", "{}", DemoUsers.TELLER).body());
        assertThat(tcp.get("wire").get(0).get("kind").asString()).startsWith("REQUEST ");
        assertThat(tcp.get("wire").get(0).get("text").asString()).as("a frame's CBOR, shown as JSON").contains("\"getTotals\"");
        assertThat(tcp.get("wire").get(1).get("text").asString()).contains("totalBalance");
        assertThat(tcp.has("copy")).as("net.tcp has no curl: the wcf4j call command is its copy").isFalse();

        JsonNode rest = JSON.readTree(invoke("ledger-rest", "getTotals", "{}", DemoUsers.TELLER).body());
        assertThat(rest.get("wire").get(0).get("kind").asString()).matches("GET http://127\\.0\\.0\\.1:\\d+/api/ledger/.+");
        assertThat(rest.get("copy").asString()).startsWith("curl -sS -X GET 'http://127.0.0.1:");

        JsonNode grpc = JSON.readTree(invoke("ledger-grpc", "getAccount", "{\"accountId\":987654321}", DemoUsers.TELLER).body());
        assertThat(grpc.get("outcome").asString()).isEqualTo("fault");
        assertThat(grpc.get("wire").get(0).get("text").asString()).contains("987654321");
        assertThat(grpc.get("wire").get(1).get("kind").asString()).startsWith("NOT_FOUND ").endsWith("/GetAccount");
        assertThat(grpc.get("copy").asString()).startsWith("grpcurl -plaintext -H \"authorization: Basic ")
                .contains(" io.wcf4j.sample.ledger.ledger.Ledger/GetAccount <<").contains("987654321");
    }

    @Test
    void aDeclaredFault_isShownTyped_andAnAnonymousCaller_isRefusedByTheService() throws Exception {
        JsonNode missing = JSON.readTree(invoke("ledger-rest", "getAccount", "{\"accountId\":987654321}", DemoUsers.TELLER).body());
        assertThat(missing.get("outcome").asString()).isEqualTo("fault");
        assertThat(missing.get("fault").get("name").asString()).isEqualTo("AccountNotFound");
        assertThat(missing.get("fault").get("detail").get("accountId").asLong()).isEqualTo(987654321L);
        JsonNode anonymous = JSON.readTree(invoke("ledger-tcp", "getTotals", "{}", null).body());
        assertThat(anonymous.get("outcome").asString()).isEqualTo("error");
        assertThat(anonymous.get("error").get("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void whatCannotBeCalled_isRefusedBeforeAnyCall_namingWhy() throws Exception {
        HttpResponse<String> badType = invoke("ledger-soap", "getAccount", "{\"accountId\":\"twelve\"}", DemoUsers.TELLER);
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("parameter 'accountId': 'twelve' is not an integer").doesNotContain("long");
        assertThat(invoke("ledger-soap", "getAccount", "{\"acountId\":1}", DemoUsers.TELLER).body()).contains("no parameter 'acountId'");
        assertThat(invoke("http://169.254.169.254/", "getAccount", "{}", DemoUsers.TELLER).body())
                .as("an address is not an endpoint: nothing but the host's own endpoints is called").contains("has no endpoint");
        HttpResponse<String> pipe = invoke("ledger-pipe", "getTotals", "{}", DemoUsers.TELLER);
        assertThat(pipe.statusCode()).isEqualTo(400);
        assertThat(pipe.body()).contains("operating-system user");
        HttpResponse<String> form = host.sendAnonymous(HttpRequest.newBuilder(URI.create(host.url("/test-client/api/invoke")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=b")));
        assertThat(form.statusCode()).as("a plain cross-site form cannot post to it").isEqualTo(415);
    }

    @Test
    void aTlsEndpoint_isCalledTrustingTheEndpointsOwnCertificate() throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.put("service", "conformance");
        request.put("endpoint", "conformance-soap-tls");
        request.put("operation", "echo");
        request.putObject("arguments").put("text", "over TLS");
        HttpResponse<String> r = host.sendAnonymous(HttpRequest.newBuilder(URI.create(host.url("/test-client/api/invoke")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("outcome").asString()).as(r.body()).isEqualTo("reply");
        assertThat(answer.get("address").asString()).startsWith("https://localhost:");
        assertThat(answer.get("result").asString()).contains("over TLS");
        assertThat(answer.get("cli").asString()).contains("--ca");
    }

    @Test
    void thePage_isServedWithAPolicyThatRunsOnlyItsOwnScript() throws Exception {
        HttpResponse<String> page = host.sendAnonymous(HttpRequest.newBuilder(URI.create(host.url("/test-client/"))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"app.js\" defer></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }
}
