package io.wcf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.FaultCode;
import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.InvocationInterceptor;
import io.wcf4j.spi.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Dispatcher on hand-built invocations, with no binding: fault mapping, behaviors, instancing, draining. */
class DefaultDispatcherTest {
    private static final ContractDescription CONTRACT = ContractDescription.of(ConformanceService.class);

    private static OperationDescription op(String name) {
        return CONTRACT.operation(name).orElseThrow();
    }

    private static Invocation call(String name, InvocationContext ctx, Object... args) {
        return new Invocation(op(name), args, ctx);
    }

    private static Invocation call(String name, Object... args) {
        return call(name, InvocationContext.builder().build(), args);
    }

    private static DefaultDispatcher dispatcher(ThrottlingConfig throttling, List<InvocationInterceptor> behaviors) {
        return new DefaultDispatcher("test", CONTRACT,
                InstanceProvider.forMode(InstanceMode.SINGLE, ConformanceServiceImpl::new), throttling, behaviors);
    }

    private static DefaultDispatcher dispatcher() {
        return dispatcher(ThrottlingConfig.DEFAULT, List.of());
    }

    @Test
    void faultMapping_declaredServiceExceptionAndUndeclared() {
        DefaultDispatcher d = dispatcher();
        Outcome ok = d.dispatch(call("add", 2, 3));
        assertThat(ok.kind()).isEqualTo(Outcome.Kind.VALUE);
        assertThat(ok.value()).isEqualTo(5);

        Outcome declared = d.dispatch(call("failDeclared", "E1"));
        assertThat(declared.kind()).isEqualTo(Outcome.Kind.FAULT);
        assertThat(declared.faultDescription().name()).isEqualTo("ConformanceFault");

        Outcome refused = d.dispatch(call("validatePositive", -3));
        assertThat(refused.kind()).isEqualTo(Outcome.Kind.ERROR);
        assertThat(refused.errorCode()).isEqualTo(FaultCode.INVALID_ARGUMENT);
        assertThat(refused.errorMessage()).contains("-3");

        Outcome undeclared = d.dispatch(call("failUndeclared", "hidden-detail"));
        assertThat(undeclared.errorCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(undeclared.errorMessage()).doesNotContain("hidden-detail").contains("reference");

        Outcome overflow = d.dispatch(call("add", Integer.MAX_VALUE, 1));
        assertThat(overflow.errorCode()).as("ArithmeticException is undeclared").isEqualTo(FaultCode.INTERNAL);

        Outcome missing = d.dispatch(call("add", InvocationContext.builder().build(), null, 1));
        assertThat(missing.errorCode()).as("null for a primitive").isEqualTo(FaultCode.INVALID_ARGUMENT);
    }

    @Test
    void aFailureReceivedFromAnotherService_isNotPassedOn() {
        ConformanceServiceImpl impl = new ConformanceServiceImpl() {
            @Override
            public String echo(String text) {
                // as if this service called another one, which could not be reached
                throw new io.wcf4j.RemoteServiceException(new io.wcf4j.ServiceException(FaultCode.UNAVAILABLE,
                        "cannot reach http://10.1.2.3:8080/internal/billing"));
            }
        };
        DefaultDispatcher d = new DefaultDispatcher("test", CONTRACT, InstanceProvider.forMode(InstanceMode.SINGLE, () -> impl),
                ThrottlingConfig.DEFAULT, List.of());
        Outcome o = d.dispatch(call("echo", "x"));
        assertThat(o.errorCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(o.errorMessage()).doesNotContain("10.1.2.3").contains("reference");
    }

    @Test
    void deadlineAlreadyPassed_isNotRun() {
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        DefaultDispatcher d = new DefaultDispatcher("test", CONTRACT, InstanceProvider.forMode(InstanceMode.SINGLE, () -> impl),
                ThrottlingConfig.DEFAULT, List.of());
        InvocationContext late = InvocationContext.builder().deadline(Instant.now().minusMillis(1)).build();
        Outcome o = d.dispatch(call("slow", late, 10L));
        assertThat(o.errorCode()).isEqualTo(FaultCode.DEADLINE_EXCEEDED);
        assertThat(impl.slowStarted.get()).isZero();
    }

    @Test
    void throttling_refusesBeyondConcurrentPlusQueued() throws Exception {
        DefaultDispatcher d = dispatcher(new ThrottlingConfig(1, 0, Duration.ofSeconds(5)), List.of());
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> d.dispatch(call("slow", 500L)));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (d.inFlight() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        Outcome refused = d.dispatch(call("echo", "x"));
        assertThat(refused.errorCode()).isEqualTo(FaultCode.RESOURCE_EXHAUSTED);
        assertThat(running.get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.VALUE);
        assertThat(d.dispatch(call("echo", "y")).value()).isEqualTo("y");
    }

    @Test
    void behaviorsRunInOrderAfterTheBuiltInOnes() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        InvocationInterceptor first = (inv, next) -> {
            seen.add("first:" + inv.operation().name());
            return next.proceed(inv);
        };
        InvocationInterceptor second = (inv, next) -> {
            seen.add("second");
            Object r = next.proceed(inv);
            seen.add("second-after:" + r);
            return r;
        };
        DefaultDispatcher d = dispatcher(ThrottlingConfig.DEFAULT, List.of(first, second));
        assertThat(d.dispatch(call("echo", "v")).value()).isEqualTo("v");
        assertThat(seen).containsExactly("first:echo", "second", "second-after:v");
    }

    @Test
    void instancing_perCallPerSessionAndSingle() {
        AtomicInteger created = new AtomicInteger();
        InstanceProvider perCall = InstanceProvider.forMode(InstanceMode.PER_CALL, () -> {
            created.incrementAndGet();
            return new ConformanceServiceImpl();
        });
        InvocationContext none = InvocationContext.builder().build();
        assertThat(perCall.acquire(none)).isNotSameAs(perCall.acquire(none));
        assertThat(created.get()).isEqualTo(2);

        InstanceProvider perSession = InstanceProvider.forMode(InstanceMode.PER_SESSION, ConformanceServiceImpl::new);
        InvocationContext s1 = InvocationContext.builder().sessionId("s1").build();
        InvocationContext s2 = InvocationContext.builder().sessionId("s2").build();
        Object a = perSession.acquire(s1);
        assertThat(perSession.acquire(s1)).isSameAs(a);
        assertThat(perSession.acquire(s2)).isNotSameAs(a);
        perSession.sessionClosed("s1");
        assertThat(perSession.acquire(s1)).as("a closed session's instance is gone").isNotSameAs(a);
        assertThat(perSession.acquire(none)).isNotSameAs(perSession.acquire(none));

        created.set(0);
        InstanceProvider single = InstanceProvider.forMode(InstanceMode.SINGLE, () -> {
            created.incrementAndGet();
            return new ConformanceServiceImpl();
        });
        assertThat(single.acquire(none)).isSameAs(single.acquire(s1));
        assertThat(created.get()).isEqualTo(1);
    }

    @Test
    void shutdown_drainsInFlightThenRefuses() throws Exception {
        DefaultDispatcher d = dispatcher();
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> d.dispatch(call("slow", 300L)));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (d.inFlight() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(d.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(running.get(1, TimeUnit.SECONDS).value()).isEqualTo("slept 300");
        assertThat(d.dispatch(call("echo", "late")).errorCode()).isEqualTo(FaultCode.UNAVAILABLE);
        assertThat(d.dispatchOneWay(call("fireAndForget", "late")).errorCode()).isEqualTo(FaultCode.UNAVAILABLE);
    }

    @Test
    void oneWayBurst_waitsForRoomInsteadOfBeingDropped() throws Exception {
        ConformanceServiceImpl impl = new ConformanceServiceImpl() {
            @Override
            public void fireAndForget(String token) {
                slow(100);
                super.fireAndForget(token);
            }
        };
        DefaultDispatcher d = new DefaultDispatcher("test", CONTRACT, InstanceProvider.forMode(InstanceMode.SINGLE, () -> impl),
                new ThrottlingConfig(1, 1, Duration.ofSeconds(5)), List.of());
        for (int i = 0; i < 5; i++) {
            assertThat(d.dispatchOneWay(call("fireAndForget", "t" + i)).kind()).as("call %d accepted", i).isEqualTo(Outcome.Kind.VALUE);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(impl.oneWayTokens.poll(5, TimeUnit.SECONDS)).isEqualTo("t" + i);
        }
        DefaultDispatcher impatient = new DefaultDispatcher("test", CONTRACT, InstanceProvider.forMode(InstanceMode.SINGLE, () -> impl),
                new ThrottlingConfig(1, 1, Duration.ofMillis(10)), List.of());
        List<Outcome.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Outcome o = impatient.dispatchOneWay(call("fireAndForget", "x" + i));
            kinds.add(o.kind() == Outcome.Kind.VALUE ? Outcome.Kind.VALUE : Outcome.Kind.ERROR);
        }
        assertThat(kinds).as("beyond the queue timeout a burst is refused, typed").contains(Outcome.Kind.ERROR);
    }

    @Test
    void oneWay_isAcceptedAtOnceAndRunsLater() throws Exception {
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        DefaultDispatcher d = new DefaultDispatcher("test", CONTRACT, InstanceProvider.forMode(InstanceMode.SINGLE, () -> impl),
                ThrottlingConfig.DEFAULT, List.of());
        assertThat(d.dispatchOneWay(call("fireAndForget", "t1")).kind()).isEqualTo(Outcome.Kind.VALUE);
        assertThat(impl.oneWayTokens.poll(5, TimeUnit.SECONDS)).isEqualTo("t1");
    }
}
