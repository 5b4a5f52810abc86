package io.wcf4j.clients.wsdl;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.SecurityConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.service.JdbcLedgerService;
import io.wcf4j.sample.ledger.service.LedgerOptions;
import io.wcf4j.security.ConfiguredIdentityStore;
import io.wcf4j.security.DevelopmentPki;
import io.wcf4j.security.TestPki;
import io.wcf4j.security.Wcf4jSecurity;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The real ledger on SOAP and REST, standalone (no Spring), with the console host's endpoint names and paths and its
 * demo teller; and a SOAP endpoint that takes a WS-Security UsernameToken.
 */
final class LedgerHost implements AutoCloseable {
    final ServiceHost host;
    final URI soap;
    final URI rest;
    final URI soapWss;
    final URI soapX509;
    static final String CERTIFICATE_USER = "conformance-root";
    static final String TELLER = "teller";
    static final String TELLER_PASSWORD = "teller-password";

    LedgerHost(String database) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        // the sample's demo teller, as config/wcf4j.yml has it
        SecurityConfig security = new SecurityConfig("ledger", Map.of(TELLER, new SecurityConfig.User(TELLER,
                ConfiguredIdentityStore.hash(TELLER_PASSWORD), TELLER_PASSWORD, List.of("teller")),
                // the test PKI's client certificate of this name signs as a teller
                CERTIFICATE_USER, new SecurityConfig.User(CERTIFICATE_USER, null, null, List.of("teller"))),
                SecurityConfig.FailedLogins.DEFAULT, null);
        DevelopmentPki pki = TestPki.trusted();
        host = ServiceHost.builder(Ledger.class).name("ledger")
                .implementation(new JdbcLedgerService(ds, LedgerOptions.defaults()))
                .dispatchBehavior(Wcf4jSecurity.authentication(security, Path.of("")))
                .endpoint("ledger-soap", "http://127.0.0.1:0/services/ledger", BindingConfig.of("soap-http"))
                .endpoint("ledger-rest", "http://127.0.0.1:0/api/ledger", BindingConfig.of("rest-json"))
                // a UsernameToken in every message (on loopback, so plain HTTP is allowed)
                .endpoint("ledger-soap-wss", "http://127.0.0.1:0/services/ledger-wss",
                        BindingConfig.of("soap-http", Map.of("security-mode", "message", "message-credential", "username-digest")))
                // every message signed by the caller's certificate and encrypted for the service's
                .endpoint("ledger-soap-x509", "http://127.0.0.1:0/services/ledger-x509", BindingConfig.of("soap-http", Map.of(
                        "security-mode", "message", "message-credential", "certificate",
                        "message-certificate", TestPki.path(pki.serverCertificate()), "message-private-key", TestPki.path(pki.serverKey()),
                        "message-trust", TestPki.path(pki.caCertificate()))))
                .build();
        host.open();
        soap = host.endpoints().get(0).address();
        rest = host.endpoints().get(1).address();
        soapWss = host.endpoints().get(2).address();
        soapX509 = host.endpoints().get(3).address();
    }

    @Override
    public void close() {
        host.close();
    }
}
