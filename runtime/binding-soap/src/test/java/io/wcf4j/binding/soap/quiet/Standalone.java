package io.wcf4j.binding.soap.quiet;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;

/** A standalone host's main, run in a JVM of its own by {@code FirstServiceTest}: it stays up until SIGTERM. */
public final class Standalone {
    private Standalone() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceHost host = ServiceHost.builder(FirstRun.Greeter.class).name("greeter")
                .implementation((FirstRun.Greeter) name -> "hello " + name)
                .endpoint(null, "http://127.0.0.1:0/services/greeter", BindingConfig.of("soap-http")).build();
        host.open();
        System.out.println("listening at " + host.endpoints().get(0).address());
        host.runUntilShutdown();
    }
}
