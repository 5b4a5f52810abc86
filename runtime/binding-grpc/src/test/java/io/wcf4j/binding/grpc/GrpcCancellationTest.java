package io.wcf4j.binding.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.FaultCode;
import io.wcf4j.OperationContext;
import io.wcf4j.ServiceException;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.grpc.cancel.Patience;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cancellation over gRPC beyond the conformance suite's case (a wcf4j proxy whose thread is interrupted): any gRPC
 * client cancelling its call, and a deadline passing, reach the running operation as
 * {@link OperationContext#isCancelled()} with the reason; the observe phase records the call as {@code CANCELLED};
 * a service that cancels a call ends it with gRPC's CANCELLED.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcCancellationTest {
    private final PatientService service = new PatientService();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private ServiceHost host;
    private String address;

    @BeforeAll
    void start() {
        // the observe phase: what metrics and logs record of each call, by its tag
        DispatchBehavior observer = DispatchBehavior.of(Phase.OBSERVE, 0, (invocation, next) -> next.proceed(invocation)
                .whenComplete((o, t) -> outcomes.computeIfAbsent((String) invocation.arguments()[0], k -> new CompletableFuture<>())
                        .complete(o)));
        host = ServiceHost.builder(Patience.class).name("patience").implementation(service).dispatchBehavior(observer)
                .endpoint(null, "grpc://127.0.0.1:0", BindingConfig.of("grpc")).build();
        host.open();
        address = host.endpoints().get(0).address().toString();
    }

    @AfterAll
    void stop() {
        host.close(Duration.ofSeconds(5));
    }

    @Test
    void aServiceThatGivesUp_endsTheCallWithCancelled_forTheCaller() {
        service.cancelAfter.put("given up", true);
        try (ChannelFactory<Patience> factory = ChannelFactory.builder(Patience.class).address(address)
                .binding(BindingConfig.of("grpc")).build()) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> factory.createChannel().waitForCancel("given up"));
            assertThat(e.code()).isEqualTo(FaultCode.CANCELLED);
            assertThat(e.getMessage()).contains("the service gave up on given up");
        }
    }

    @Test
    void anyGrpcClientCancellingItsCall_reachesTheOperation() throws Exception {
        try (RawGrpc raw = new RawGrpc(address)) {
            var call = raw.start("io.wcf4j.binding.grpc.cancel.patience.Patience/WaitForCancel", RawGrpc.message(out -> out.writeString(1, "raw")));
            assertThat(service.started.poll(10, TimeUnit.SECONDS)).isEqualTo("raw");
            call.cancel(true);
            assertThat(service.sawCancel("raw")).isEqualTo("the caller cancelled it");
            assertThat(outcome("raw").errorCode()).isEqualTo(FaultCode.CANCELLED);
        }
    }

    @Test
    void aDeadlinePassingWhileTheOperationRuns_isSeenByIt() throws Exception {
        try (ChannelFactory<Patience> factory = ChannelFactory.builder(Patience.class).address(address)
                .binding(BindingConfig.of("grpc", Map.of("send-timeout", "300ms"))).build()) {
            ServiceException e = catchThrowableOfType(ServiceException.class, () -> factory.createChannel().waitForCancel("deadline"));
            assertThat(e.code()).isEqualTo(FaultCode.DEADLINE_EXCEEDED);
            assertThat(service.sawCancel("deadline")).isEqualTo("its deadline passed");
            assertThat(outcome("deadline").errorCode()).isEqualTo(FaultCode.CANCELLED);
        }
    }

    private Outcome outcome(String tag) throws Exception {
        return outcomes.computeIfAbsent(tag, k -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
    }

    /** Waits for its caller to give up, and tells the test what it saw. */
    static final class PatientService implements Patience {
        final BlockingQueue<String> started = new LinkedBlockingQueue<>();
        final Map<String, CompletableFuture<String>> seen = new ConcurrentHashMap<>();
        /** Tags whose call the service cancels itself, as a gRPC service may. */
        final Map<String, Boolean> cancelAfter = new ConcurrentHashMap<>();

        @Override
        public boolean waitForCancel(String tag) {
            OperationContext context = OperationContext.current();
            if (cancelAfter.containsKey(tag)) {
                throw new ServiceException(FaultCode.CANCELLED, "the service gave up on " + tag);
            }
            started.add(tag);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until) {
                if (context.isCancelled()) {
                    // how an operation stops early: its answer will not be delivered, its outcome is recorded
                    result(tag).complete(context.invocation().cancellationReason());
                    throw new ServiceException(FaultCode.CANCELLED, "stopped: " + context.invocation().cancellationReason());
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    result(tag).complete("interrupted");
                    return false;
                }
            }
            result(tag).complete("never cancelled");
            return false;
        }

        String sawCancel(String tag) throws Exception {
            return result(tag).get(15, TimeUnit.SECONDS);
        }

        private CompletableFuture<String> result(String tag) {
            return seen.computeIfAbsent(tag, k -> new CompletableFuture<>());
        }
    }
}
