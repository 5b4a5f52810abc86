package com.example.greeter;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;

/** The host: the same service on SOAP, REST and net.tcp, until SIGTERM or Ctrl-C. */
public final class GreeterHost {
    private GreeterHost() {
    }

    /** The host, not yet open, with its HTTP endpoints on {@code httpPort} and net.tcp on {@code tcpPort} (0: any free port). */
    public static ServiceHost build(int httpPort, int tcpPort) {
        return ServiceHost.builder(Greeter.class)
                .name("greeter")
                .implementation(new GreeterService())
                .endpoint("greeter-soap", "http://127.0.0.1:" + httpPort + "/services/greeter", BindingConfig.of("soap-http"))
                .endpoint("greeter-rest", "http://127.0.0.1:" + httpPort + "/api/greeter", BindingConfig.of("rest-json"))
                .endpoint("greeter-tcp", "net.tcp://127.0.0.1:" + tcpPort + "/greeter", BindingConfig.of("net-tcp"))
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        build(8080, 8808).runUntilShutdown();
    }
}
