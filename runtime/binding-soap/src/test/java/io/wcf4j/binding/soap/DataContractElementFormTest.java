package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.soap.nopackageinfo.Notebook;
import io.wcf4j.binding.soap.unqualified.Memos;
import io.wcf4j.config.BindingConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SOAP element form is one rule, with or without a package-info.java: an operation's parameters and result, and a
 * data contract's type and elements, are in the contract's namespace and qualified; a package's own {@code @XmlSchema}
 * wins for the data contracts in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataContractElementFormTest {
    private ServiceHost notebook;
    private ServiceHost memos;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void open() {
        notebook = ServiceHost.builder(Notebook.class).name("notebook").implementation(note -> {
            note.setText(note.getText() + " (kept)");
            return note;
        }).endpoint(null, "http://127.0.0.1:0/services/notebook", BindingConfig.of("soap-http")).build();
        notebook.open();
        memos = ServiceHost.builder(Memos.class).name("memos").implementation(memo -> memo)
                .endpoint(null, "http://127.0.0.1:0/services/memos", BindingConfig.of("soap-http")).build();
        memos.open();
    }

    @AfterAll
    void close() {
        notebook.close();
        memos.close();
    }

    private String get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(URI uri, String envelope) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutPackageInfo_theWsdlPutsTheDataContractsInTheContractsNamespace_qualified() throws Exception {
        String wsdl = get(URI.create(notebook.endpoints().get(0).address() + "?wsdl"));
        assertThat(wsdl).contains("targetNamespace=\"urn:wcf4j:soap:notebook\"")
                .contains("<xs:complexType name=\"note\">").contains("<xs:complexType name=\"author\">")
                .contains("type=\"tns:note\"").doesNotContain("targetNamespace=\"\"").doesNotContain("xmlns:ns1=\"\"");
        // every local element (the wrapper's parameter, the data contract's properties) is qualified
        java.util.regex.Matcher local = java.util.regex.Pattern.compile("<xs:sequence>(.*?)</xs:sequence>", java.util.regex.Pattern.DOTALL)
                .matcher(wsdl);
        int elements = 0;
        boolean qualifiedByDefault = wsdl.contains("elementFormDefault=\"qualified\"");
        while (local.find()) {
            for (String element : local.group(1).split("<xs:element ")) {
                if (element.contains("name=")) {
                    elements++;
                    assertThat(qualifiedByDefault || element.contains("form=\"qualified\"")).as(element).isTrue();
                }
            }
        }
        assertThat(elements).isEqualTo(7);
    }

    @Test
    void withoutPackageInfo_aRequestWithQualifiedElementsIsRead_andTheReplysElementsAreQualified() throws Exception {
        HttpResponse<String> r = post(notebook.endpoints().get(0).address(), """
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="urn:wcf4j:soap:notebook"><s:Body>
                  <n:keep><n:note><n:text>milk</n:text><n:amount>2.50</n:amount><n:tags>a</n:tags><n:tags>b</n:tags>
                    <n:author><n:name>ada</n:name></n:author></n:note></n:keep>
                </s:Body></s:Envelope>""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).containsPattern("<(\\w+:)?text( [^>]*)?>milk \\(kept\\)</").contains("2.50")
                .containsPattern("<(\\w+:)?name>ada</");
        // every element of the reply is in the contract's namespace: no element is left in none
        assertThat(r.body()).doesNotContain("xmlns=\"\"");
        org.w3c.dom.Document reply = javax.xml.parsers.DocumentBuilderFactory.newNSInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(r.body())));
        org.w3c.dom.NodeList texts = reply.getElementsByTagNameNS("urn:wcf4j:soap:notebook", "text");
        assertThat(texts.getLength()).isEqualTo(1);
        assertThat(reply.getElementsByTagNameNS("", "text").getLength()).isZero();
    }

    @Test
    void withoutPackageInfo_anUnqualifiedRequestElement_isNotTakenForTheQualifiedOne() throws Exception {
        HttpResponse<String> r = post(notebook.endpoints().get(0).address(), """
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="urn:wcf4j:soap:notebook"><s:Body>
                  <n:keep><n:note><text>milk</text></n:note></n:keep>
                </s:Body></s:Envelope>""");
        // JAXB skips an element it does not know: the text did not arrive
        assertThat(r.body()).doesNotContain("milk (kept)");
    }

    @Test
    void withoutPackageInfo_aProxyRoundTrips() {
        try (ChannelFactory<Notebook> f = ChannelFactory.builder(Notebook.class).address(notebook.endpoints().get(0).address().toString())
                .binding(BindingConfig.of("soap-http")).build()) {
            Notebook.Note note = new Notebook.Note();
            note.setText("bread");
            note.setAmount(new BigDecimal("1.20"));
            note.setTags(List.of("x", "y"));
            Notebook.Author author = new Notebook.Author();
            author.name = "grace";
            note.setAuthor(author);
            Notebook.Note kept = f.createChannel().keep(note);
            assertThat(kept.getText()).isEqualTo("bread (kept)");
            assertThat(kept.getAmount()).isEqualByComparingTo("1.20");
            assertThat(kept.getTags()).containsExactly("x", "y");
            assertThat(kept.getAuthor().name).isEqualTo("grace");
        }
    }

    @Test
    void aPackagesOwnXmlSchema_winsForItsDataContracts_evenWhenItAsksForUnqualifiedElements() throws Exception {
        String wsdl = get(URI.create(memos.endpoints().get(0).address() + "?wsdl"));
        assertThat(wsdl).contains("<xs:complexType name=\"memo\">");
        HttpResponse<String> r = post(memos.endpoints().get(0).address(), """
                <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:wcf4j:soap:memo"><s:Body>
                  <m:file><m:memo><subject>hello</subject></m:memo></m:file>
                </s:Body></s:Envelope>""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<subject>hello</subject>");
    }
}
