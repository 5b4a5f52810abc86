package io.wcf4j.clients.wsdl;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.service.JdbcLedgerService;
import io.wcf4j.sample.ledger.service.LedgerOptions;
import java.net.URI;
import org.h2.jdbcx.JdbcDataSource;

/** The real ledger on SOAP and REST, standalone (no Spring), with the console host's endpoint names and paths. */
final class LedgerHost implements AutoCloseable {
    final ServiceHost host;
    final URI soap;
    final URI rest;

    LedgerHost(String database) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        host = ServiceHost.builder(Ledger.class).name("ledger")
                .implementation(new JdbcLedgerService(ds, LedgerOptions.defaults()))
                .endpoint("ledger-soap", "http://127.0.0.1:0/services/ledger", BindingConfig.of("soap-http"))
                .endpoint("ledger-rest", "http://127.0.0.1:0/api/ledger", BindingConfig.of("rest-json"))
                .build();
        host.open();
        soap = host.endpoints().get(0).address();
        rest = host.endpoints().get(1).address();
    }

    @Override
    public void close() {
        host.close();
    }
}
