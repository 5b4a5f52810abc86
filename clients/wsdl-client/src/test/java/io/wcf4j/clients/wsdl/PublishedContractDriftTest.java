package io.wcf4j.clients.wsdl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The WSDL and OpenAPI document checked in under contracts/ are what the service publishes, so the contract
 * cannot drift from them silently. {@code -Dwcf4j.contracts.write=true} rewrites them from the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedContractDriftTest {
    private static final Path RESOURCES = Path.of("../../contracts/src/main/resources").toAbsolutePath().normalize();
    private static final Path WSDL = RESOURCES.resolve("wsdl/ledger.wsdl");
    private static final Path OPENAPI = RESOURCES.resolve("openapi/ledger-openapi.json");
    private static final boolean WRITE = Boolean.getBoolean("wcf4j.contracts.write");

    private LedgerHost host;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        host = new LedgerHost("drift");
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void checkedInWsdlIsWhatTheServicePublishes() throws Exception {
        String served = get(URI.create(host.soap + "?wsdl"));
        if (WRITE) {
            Files.writeString(WSDL, PublishedContract.publishableWsdl(served, host.soap.toString()), StandardCharsets.UTF_8);
        }
        String mismatch = PublishedContract.compareWsdl(WSDL, Files.readString(WSDL), served);
        assertThat(mismatch).as("%s", mismatch).isNull();
    }

    @Test
    void theWsdlInsideTheSoapUiProjectIsThePublishedOne() throws Exception {
        Path project = Path.of("../../clients/soapui/ledger-soapui-project.xml").toAbsolutePath().normalize();
        String xml = Files.readString(project);
        int start = xml.indexOf("<con:content><![CDATA[");
        int end = xml.indexOf("]]></con:content>", start);
        assertThat(start).as("the project caches its WSDL").isPositive();
        String embedded = xml.substring(start + "<con:content><![CDATA[".length(), end);
        String mismatch = PublishedContract.compareWsdl(project, embedded, Files.readString(WSDL));
        assertThat(mismatch).as("%s: update the definitionCache of %s from %s", mismatch, project, WSDL).isNull();
    }

    @Test
    void checkedInOpenApiIsWhatTheServicePublishes() throws Exception {
        String served = get(URI.create("http://127.0.0.1:" + host.rest.getPort() + "/api/openapi.json"));
        if (WRITE) {
            Files.createDirectories(OPENAPI.getParent());
            Files.writeString(OPENAPI, PublishedContract.publishableOpenApi(served), StandardCharsets.UTF_8);
        }
        String mismatch = PublishedContract.compareOpenApi(OPENAPI, Files.readString(OPENAPI), served);
        assertThat(mismatch).as("%s", mismatch).isNull();
    }

    @Test
    void theServedOpenApiDocument_passesTheReferenceParsersValidation() throws Exception {
        String served = get(URI.create("http://127.0.0.1:" + host.rest.getPort() + "/api/openapi.json"));
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        io.swagger.v3.parser.core.models.SwaggerParseResult result = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(served, null, options);
        assertThat(result.getMessages()).as("what swagger-parser found wrong in the document").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/ledger/accounts", "/api/ledger/transfers");
        // and it does find faults: the same document with a reference to nothing
        io.swagger.v3.parser.core.models.SwaggerParseResult broken = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(served.replaceFirst("\"#/components/schemas/[A-Za-z]+\"", "\"#/components/schemas/Nowhere\""), null, options);
        assertThat(broken.getMessages()).isNotEmpty();
    }

    @Test
    void aChangedContractIsCaught_withTheFileToRegenerateAndHow() throws Exception {
        String served = get(URI.create(host.soap + "?wsdl"));
        // as if an operation had been added to the contract but the checked-in WSDL not regenerated
        String drifted = served.replace("name=\"getTotals\"", "name=\"getGrandTotals\"");
        String message = PublishedContract.compareWsdl(WSDL, Files.readString(WSDL), drifted);
        assertThat(message).isNotNull().contains(WSDL.toString()).contains(PublishedContract.REGENERATE);
        String openApi = get(URI.create("http://127.0.0.1:" + host.rest.getPort() + "/api/openapi.json"));
        String openApiMessage = PublishedContract.compareOpenApi(OPENAPI, Files.readString(OPENAPI),
                openApi.replace("\"/api/ledger/totals\"", "\"/api/ledger/grand-totals\""));
        assertThat(openApiMessage).isNotNull().contains(OPENAPI.toString()).contains("Regenerate");
    }
}
