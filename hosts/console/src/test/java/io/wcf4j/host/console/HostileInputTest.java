package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken input is refused with a typed error, leaks nothing, and the host keeps serving
 * (checked after every test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final String SOAP11 = "text/xml; charset=UTF-8";
    private ConsoleHostFixture host;

    @BeforeAll
    void start() {
        host = ConsoleHostFixture.get();
    }

    @AfterEach
    void hostStillServesOnEveryBinding() {
        HttpResponse<String> soap = host.post("/services/ledger", SOAP11, envelope("<l:getTotals/>"));
        assertThat(soap.statusCode()).isEqualTo(200);
        assertThat(soap.body()).contains("totalBalance");
        HttpResponse<String> rest = host.get("/api/ledger/totals");
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(rest.body()).contains("\"totalBalance\"");
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:l=\"http://wcf4j.io/samples/ledger\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    private static void assertSoapFault(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains(":Fault>").doesNotContain("at org.").doesNotContain("at io.wcf4j");
    }

    @Test
    void soapWithDoctypeAndExternalEntity_isRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + envelope("<l:openAccount><l:owner>&xxe;</l:owner><l:initialDeposit>1.00</l:initialDeposit></l:openAccount>");
        HttpResponse<String> r = host.post("/services/ledger", SOAP11, xxe);
        assertSoapFault(r);
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void soapEntityExpansionBomb_isRefused() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        long start = System.nanoTime();
        HttpResponse<String> r = host.post("/services/ledger", SOAP11,
                dtd + envelope("<l:openAccount><l:owner>&lol9;</l:owner><l:initialDeposit>1.00</l:initialDeposit></l:openAccount>"));
        assertSoapFault(r);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    }

    @Test
    void soapOverTheSizeLimit_isRefusedWithTypedFault() {
        String big = envelope("<l:openAccount><l:owner>" + "x".repeat(1024 * 1024 + 10) + "</l:owner><l:initialDeposit>1.00</l:initialDeposit></l:openAccount>");
        HttpResponse<String> r = host.post("/services/ledger", SOAP11, big);
        assertSoapFault(r);
        assertThat(r.body()).contains("MESSAGE_TOO_LARGE");
    }

    @Test
    void soapDeeplyNested_isRefused() {
        String deep = "<l:x>".repeat(5000) + "</l:x>".repeat(5000);
        assertSoapFault(host.post("/services/ledger", SOAP11, envelope("<l:getTotals>" + deep + "</l:getTotals>")));
    }

    @Test
    void soapUnknownOperationAndGarbage_areRefused() {
        assertSoapFault(host.post("/services/ledger", SOAP11, envelope("<l:stealMoney><l:amount>1</l:amount></l:stealMoney>")));
        assertSoapFault(host.post("/services/ledger", SOAP11, "this is not xml <<<"));
        assertSoapFault(host.post("/services/ledger", SOAP11,
                envelope("<l:getAccount><l:accountId>not-a-number</l:accountId></l:getAccount>")));
    }

    @Test
    void restOverTheSizeLimit_is413ProblemJson() {
        HttpResponse<String> r = host.post("/api/ledger/accounts", "application/json",
                "{\"owner\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"initialDeposit\":1.00}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("MESSAGE_TOO_LARGE");
    }

    @Test
    void restMalformedJson_is400NamingThePosition() {
        HttpResponse<String> r = host.post("/api/ledger/accounts", "application/json", "{\"owner\": \"x\", \"initialDeposit\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("malformed JSON").contains("line").contains("column");
    }

    @Test
    void restWrongType_is400NamingTheField() {
        HttpResponse<String> r = host.post("/api/ledger/accounts", "application/json", "{\"owner\":\"x\",\"initialDeposit\":\"lots\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"initialDeposit\"").contains("expected a decimal, found text")
                .as("in the contract's terms, never a Java name").doesNotContain("java.").doesNotContain("`");
        HttpResponse<String> nested = host.post("/api/ledger/transfers", "application/json",
                "{\"requestId\":\"r1\",\"fromAccount\":\"one\",\"toAccount\":2,\"amount\":1.00}");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.body()).contains("\"field\":\"fromAccount\"");
        HttpResponse<String> path = host.get("/api/ledger/accounts/abc");
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(path.body()).contains("\"field\":\"id\"").doesNotContain("java.").doesNotContain("`");
    }

    @Test
    void restUnknownFieldsAndDeepNesting_are400() {
        HttpResponse<String> unknown = host.post("/api/ledger/accounts", "application/json",
                "{\"owner\":\"x\",\"initialDeposit\":1.00,\"admin\":true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"admin\"");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        HttpResponse<String> nested = host.post("/api/ledger/accounts", "application/json",
                "{\"owner\":" + deep + ",\"initialDeposit\":1.00}");
        assertThat(nested.statusCode()).isEqualTo(400);
    }

    @Test
    void absurdExponents_areRefusedFast_onBothWires() {
        long start = System.nanoTime();
        HttpResponse<String> rest = host.post("/api/ledger/accounts", "application/json", "{\"owner\":\"x\",\"initialDeposit\":1e999999999}");
        assertThat(rest.statusCode()).isEqualTo(400);
        // refused by the decoder as a wrong value, before the service sees it (a scale or digits beyond 1,000)
        assertThat(rest.body()).contains("INVALID_ARGUMENT").contains("is not a decimal").hasSizeLessThan(2000);
        HttpResponse<String> soap = host.post("/services/ledger", SOAP11,
                envelope("<l:openAccount><l:owner>x</l:owner><l:initialDeposit>1E-999999999</l:initialDeposit></l:openAccount>"));
        assertSoapFault(soap);
        assertThat(soap.body()).hasSizeLessThan(2000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    }

    @Test
    void restUnknownOperation_is404ProblemJson() {
        HttpResponse<String> r = host.post("/api/ledger/steal", "application/json", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("UNKNOWN_OPERATION");
        HttpResponse<String> wrongMethod = host.send(HttpRequest.newBuilder(URI.create(host.url("/api/ledger/totals")))
                .DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("UNKNOWN_OPERATION");
    }
}
