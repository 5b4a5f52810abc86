package io.wcf4j.host.console;

import io.wcf4j.ChannelFactory;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.spi.ClientBehavior;
import java.util.LinkedHashMap;
import java.util.Map;

/** ChannelFactory proxies of the ledger over each binding the console host exposes, all calling as one demo user. */
final class LedgerClients implements AutoCloseable {
    final Map<String, Ledger> byBinding = new LinkedHashMap<>();
    private final Map<String, ChannelFactory<Ledger>> factories = new LinkedHashMap<>();
    private final ClientBehavior credentials;

    /** As the demo teller, who may call every operation. */
    LedgerClients(ConsoleHostFixture host) {
        this(host, DemoUsers.credentials(DemoUsers.TELLER));
    }

    /** As {@code credentials}' caller; null for anonymous proxies. */
    LedgerClients(ConsoleHostFixture host, ClientBehavior credentials) {
        this.credentials = credentials;
        add("soap11", host.url("/services/ledger"), BindingConfig.of("soap-http"));
        add("soap12", host.url("/services/ledger-soap12"), BindingConfig.of("soap-http", Map.of("soap-version", "1.2")));
        add("rest", host.url("/api/ledger"), BindingConfig.of("rest-json"));
        add("tcp", "net.tcp://127.0.0.1:" + host.tcpPort + "/ledger", BindingConfig.of("net-tcp"));
        add("pipe", "net.pipe://" + host.dataDir.resolve("ledger.sock"), BindingConfig.of("net-pipe"));
        add("grpc", "grpc://127.0.0.1:" + host.grpcPort, BindingConfig.of("grpc"));
        // over the embedded broker's TCP acceptor, as a client in another process would
        add("jms", "jms:queue:ledger", BindingConfig.of("soap-jms", Map.of("url", "tcp://127.0.0.1:" + host.jmsPort,
                "user", "test-client", "password", "test-client-secret",
                // the caller's UsernameToken travels in each message
                "security-mode", "message", "message-credential", "username-digest")));
    }

    private void add(String name, String address, BindingConfig binding) {
        ChannelFactory.Builder<Ledger> b = ChannelFactory.builder(Ledger.class).address(address).binding(binding);
        if (credentials != null) {
            b.behavior(credentials);
        }
        ChannelFactory<Ledger> f = b.build();
        factories.put(name, f);
        byBinding.put(name, f.createChannel());
    }

    Ledger soap() {
        return byBinding.get("soap11");
    }

    Ledger soap12() {
        return byBinding.get("soap12");
    }

    Ledger rest() {
        return byBinding.get("rest");
    }

    Ledger tcp() {
        return byBinding.get("tcp");
    }

    Ledger jms() {
        return byBinding.get("jms");
    }

    Ledger grpc() {
        return byBinding.get("grpc");
    }

    Ledger pipe() {
        return byBinding.get("pipe");
    }

    @Override
    public void close() {
        factories.values().forEach(ChannelFactory::close);
    }
}
