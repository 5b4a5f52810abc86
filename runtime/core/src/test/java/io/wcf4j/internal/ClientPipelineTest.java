package io.wcf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.FaultCode;
import io.wcf4j.OperationContext;
import io.wcf4j.ServiceException;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.InvocationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbound pipeline with a recording channel: behavior order and the built-in deadline. */
class ClientPipelineTest {
    private static final ContractDescription CONTRACT = ContractDescription.of(ConformanceService.class);

    /** A channel that records the call it was handed and returns the metadata it saw. */
    private static final class RecordingChannel implements ClientChannel {
        ClientCall last;

        @Override
        public Object invoke(ClientCall call) {
            last = call;
            return "sent";
        }

        @Override
        public void close() {
        }
    }

    private static ClientCall call(Duration sendTimeout) {
        return new ClientCall(CONTRACT.operation("echo").orElseThrow(), new Object[] {"x"},
                EndpointAddress.parse("local:x"), "local", sendTimeout);
    }

    private static ClientBehavior named(int order, String name, List<String> seen) {
        return new ClientBehavior() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public Object invoke(ClientCall call, Next next) throws Exception {
                seen.add(name + (call.deadline() != null ? " after deadline" : ""));
                call.metadata().add("x-via", name);
                return next.proceed(call);
            }
        };
    }

    @Test
    void behaviorsRunByOrder_afterTheDeadline_thenTheChannel() throws Exception {
        List<String> seen = new ArrayList<>();
        RecordingChannel channel = new RecordingChannel();
        ClientPipeline p = new ClientPipeline(List.of(named(10, "late", seen), named(-10, "early", seen)));
        assertThat(p.invoke(call(Duration.ofSeconds(30)), channel)).isEqualTo("sent");
        assertThat(seen).containsExactly("early after deadline", "late after deadline");
        assertThat(channel.last.metadata().build().getAll("x-via")).containsExactly("early", "late");
    }

    @Test
    void deadline_isTheSendTimeoutOutsideAnOperation() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        ClientPipeline.DEFAULT.invoke(call(Duration.ofSeconds(30)), channel);
        assertThat(Duration.between(Instant.now(), channel.last.deadline()).toMillis()).isBetween(29_000L, 30_000L);
    }

    @Test
    void deadline_isTheTimeLeftOfTheOperationMakingTheCall_whenSooner() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        InvocationContext serving = InvocationContext.builder(new EndpointInfo("s", "s-local", "local"))
                .metadata(CallMetadata.builder().deadline(Instant.now().plusSeconds(2)).build()).build();
        OperationContext.runWith(serving, () -> ClientPipeline.DEFAULT.invoke(call(Duration.ofSeconds(30)), channel));
        assertThat(Duration.between(Instant.now(), channel.last.deadline()).toMillis()).isBetween(1L, 2_000L);

        OperationContext.runWith(serving, () -> ClientPipeline.DEFAULT.invoke(call(Duration.ofMillis(500)), channel));
        assertThat(Duration.between(Instant.now(), channel.last.deadline()).toMillis())
                .as("the send timeout when it is the sooner").isBetween(1L, 500L);
    }

    @Test
    void aCallFromAnOperationWhoseDeadlinePassed_isNotSent() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        InvocationContext late = InvocationContext.builder(new EndpointInfo("s", "s-local", "local"))
                .metadata(CallMetadata.builder().deadline(Instant.now().minusMillis(1)).build()).build();
        ServiceException e = OperationContext.runWith(late, () -> catchThrowableOfType(ServiceException.class,
                () -> ClientPipeline.DEFAULT.invoke(call(Duration.ofSeconds(30)), channel)));
        assertThat(e.code()).isEqualTo(FaultCode.DEADLINE_EXCEEDED);
        assertThat(channel.last).isNull();
    }
}
