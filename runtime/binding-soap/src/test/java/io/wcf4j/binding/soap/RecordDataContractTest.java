package io.wcf4j.binding.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.soap.records.Greeter;
import io.wcf4j.config.BindingConfig;
import org.junit.jupiter.api.Test;

/**
 * Java records cannot be SOAP data contracts (JAXB cannot make them): a host and a client refuse the contract when they
 * open, naming the record and where the contract uses it, instead of failing every call with "Unmarshalling Error".
 */
class RecordDataContractTest {
    @Test
    void aSoapEndpointOfAContractWithARecord_refusesToOpen_namingTheRecordAndWhereItIsUsed() {
        ServiceHost host = ServiceHost.builder(Greeter.class).name("greeter").implementation(new Greeter() {
            @Override
            public Greeting greet(String name) {
                return new Greeting("hello " + name);
            }

            @Override
            public String read(Letter letter) {
                return letter.to;
            }
        }).endpoint(null, "http://127.0.0.1:0/services/greeter", BindingConfig.of("soap-http")).build();
        Throwable refused = catchThrowable(host::open);
        host.close(java.time.Duration.ofSeconds(1));
        assertThat(refused).isNotNull();
        assertThat(messages(refused)).contains("Greeter.greet result uses the record " + Greeter.Greeting.class.getName())
                .contains("rest-json");
    }

    @Test
    void aSoapClientOfAContractWithANestedRecord_refusesToBeMade() {
        Throwable refused = catchThrowable(() -> {
            try (ChannelFactory<Greeter> f = ChannelFactory.builder(Greeter.class).address("http://127.0.0.1:1/services/greeter")
                    .binding(BindingConfig.of("soap-http")).build()) {
                f.createChannel();
            }
        });
        assertThat(refused).isNotNull();
        assertThat(messages(refused)).contains("record " + Greeter.Greeting.class.getName());
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
