package io.wcf4j.host.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.conformance.ConformanceSecurity;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interop: node-soap's WSSecurityCert (an X.509 signature over the Body and a Timestamp) calls the ledger from its
 * published WSDL on an endpoint in X.509 message security, sign-only (node-soap does not encrypt). The signer's
 * certificate is the caller; a certificate from a CA the service does not trust is refused.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeSoapCertificateTest {

    @Test
    void nodeSoapSigns_withAClientCertificate_andIsTheCaller() throws Exception {
        ConsoleHostFixture host = ConsoleHostFixture.get();
        Path dir = NodeProjects.soap();
        String endpoint = host.url("/services/ledger-x509-signed");
        // conformance-root holds the auditor role in the test configuration: it may read the totals
        DevelopmentPki trusted = TestPki.trusted();
        String user = ConformanceSecurity.ADMIN_USER;
        assertThat(NodeProjects.run(dir, Map.of(), "node", "--no-deprecation", "wss-cert-client.mjs", endpoint + "?wsdl", endpoint,
                trusted.clientKey(user).toString(), trusted.clientCertificate(user).toString())).startsWith("OK ").contains("accounts");
        DevelopmentPki stranger = TestPki.stranger();
        assertThat(NodeProjects.run(dir, Map.of(), "node", "--no-deprecation", "wss-cert-client.mjs", endpoint + "?wsdl", endpoint,
                stranger.clientKey(user).toString(), stranger.clientCertificate(user).toString()))
                .startsWith("FAULT").contains("FailedAuthentication").contains("UNAUTHENTICATED");
    }
}
