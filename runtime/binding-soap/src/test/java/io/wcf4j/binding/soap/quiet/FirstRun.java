package io.wcf4j.binding.soap.quiet;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.BindingConfig;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import java.time.Duration;

/**
 * A new user's first SOAP service, run in a JVM of its own by {@code FirstServiceTest}: a host on port 0, a proxy,
 * one call. It brings no logging configuration.
 */
public final class FirstRun {
    private FirstRun() {
    }

    /** The contract. */
    @WebService(name = "Greeter", targetNamespace = "urn:wcf4j:first-run")
    public interface Greeter {
        String greet(@WebParam(name = "name") String name);
    }

    public static void main(String[] args) {
        ServiceHost host = ServiceHost.builder(Greeter.class).name("greeter").implementation((Greeter) name -> "hello " + name)
                .endpoint(null, "http://127.0.0.1:0/services/greeter", BindingConfig.of("soap-http")).build();
        host.open();
        try (ChannelFactory<Greeter> f = ChannelFactory.builder(Greeter.class).address(host.endpoints().get(0).address().toString())
                .binding(BindingConfig.of("soap-http")).build()) {
            System.out.println("first run: " + f.createChannel().greet("world"));
        } finally {
            host.close(Duration.ofSeconds(5));
        }
    }
}
