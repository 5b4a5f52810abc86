package io.wcf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.annotation.InstanceMode;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.conformance.ConformanceService;
import io.wcf4j.conformance.ConformanceServiceImpl;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.Refusal;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Dispatcher on hand-built invocations, with no binding: phases, fault mapping, one-way, async, instancing, draining. */
class DefaultDispatcherTest {
    private static final ContractDescription CONTRACT = ContractDescription.of(ConformanceService.class);
    private static final EndpointInfo ENDPOINT = new EndpointInfo("test", "test-local", "local");

    private static OperationDescription op(String name) {
        return CONTRACT.operation(name).orElseThrow();
    }

    private static InvocationContext context() {
        return InvocationContext.builder(ENDPOINT).build();
    }

    private static Invocation call(String name, InvocationContext ctx, Object... args) {
        return new Invocation(op(name), args, ctx);
    }

    private static Invocation call(String name, Object... args) {
        return call(name, context(), args);
    }

    private static DefaultDispatcher dispatcher(ThrottlingConfig throttling, List<DispatchBehavior> behaviors) {
        return new DefaultDispatcher("test", CONTRACT,
                InstanceProvider.forMode(InstanceMode.SINGLE, ConformanceServiceImpl::new), throttling, behaviors);
    }

    private static DefaultDispatcher dispatcher(ConformanceServiceImpl impl, ThrottlingConfig throttling, List<DispatchBehavior> behaviors) {
        return new DefaultDispatcher("test", CONTRACT, InstanceProvider.forMode(InstanceMode.SINGLE, () -> impl), throttling, behaviors);
    }

    private static DefaultDispatcher dispatcher() {
        return dispatcher(ThrottlingConfig.DEFAULT, List.of());
    }

    private static Outcome now(CompletionStage<Outcome> stage) {
        CompletableFuture<Outcome> f = stage.toCompletableFuture();
        assertThat(f).as("a synchronous call completes before dispatch returns").isDone();
        return f.join();
    }

    /** A behavior of a phase that records its name and then runs the rest. */
    private static DispatchBehavior recording(Phase phase, int order, String name, List<String> seen) {
        return DispatchBehavior.of(phase, order, (invocation, next) -> {
            seen.add(name);
            return next.proceed(invocation).thenApply(o -> {
                seen.add(name + " saw " + o.resultCode());
                return o;
            });
        });
    }

    @Test
    void faultMapping_declaredServiceExceptionAndUndeclared() {
        DefaultDispatcher d = dispatcher();
        Outcome ok = now(d.dispatch(call("add", 2, 3)));
        assertThat(ok.kind()).isEqualTo(Outcome.Kind.VALUE);
        assertThat(ok.value()).isEqualTo(5);

        Outcome declared = now(d.dispatch(call("failDeclared", "E1")));
        assertThat(declared.kind()).isEqualTo(Outcome.Kind.FAULT);
        assertThat(declared.faultDescription().name()).isEqualTo("ConformanceFault");
        assertThat(declared.resultCode()).isEqualTo("ConformanceFault");

        Outcome refused = now(d.dispatch(call("validatePositive", -3)));
        assertThat(refused.kind()).isEqualTo(Outcome.Kind.ERROR);
        assertThat(refused.errorCode()).isEqualTo(FaultCode.INVALID_ARGUMENT);
        assertThat(refused.errorMessage()).contains("-3");

        Outcome undeclared = now(d.dispatch(call("failUndeclared", "hidden-detail")));
        assertThat(undeclared.errorCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(undeclared.errorMessage()).doesNotContain("hidden-detail").contains("reference");

        Outcome overflow = now(d.dispatch(call("add", Integer.MAX_VALUE, 1)));
        assertThat(overflow.errorCode()).as("ArithmeticException is undeclared").isEqualTo(FaultCode.INTERNAL);

        Outcome missing = now(d.dispatch(call("add", context(), null, 1)));
        assertThat(missing.errorCode()).as("null for a primitive").isEqualTo(FaultCode.INVALID_ARGUMENT);
    }

    @Test
    void aFailureReceivedFromAnotherService_isNotPassedOn() {
        ConformanceServiceImpl impl = new ConformanceServiceImpl() {
            @Override
            public String echo(String text) {
                // as if this service called another one, which could not be reached
                throw new io.wcf4j.RemoteServiceException(new ServiceException(FaultCode.UNAVAILABLE,
                        "cannot reach http://10.1.2.3:8080/internal/billing"));
            }
        };
        Outcome o = now(dispatcher(impl, ThrottlingConfig.DEFAULT, List.of()).dispatch(call("echo", "x")));
        assertThat(o.errorCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(o.errorMessage()).doesNotContain("10.1.2.3").contains("reference");
    }

    @Test
    void deadlineAlreadyPassed_isNotRun() {
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        InvocationContext late = InvocationContext.builder(ENDPOINT)
                .metadata(CallMetadata.builder().deadline(Instant.now().minusMillis(1)).build()).build();
        Outcome o = now(dispatcher(impl, ThrottlingConfig.DEFAULT, List.of()).dispatch(call("slow", late, 10L)));
        assertThat(o.errorCode()).isEqualTo(FaultCode.DEADLINE_EXCEEDED);
        assertThat(impl.slowStarted.get()).isZero();
    }

    @Test
    void aCallCancelledBeforeItStarts_isNotRun() {
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        InvocationContext cancelled = context();
        assertThat(cancelled.cancel("the caller cancelled it")).isTrue();
        assertThat(cancelled.cancel("again")).as("a call is cancelled once").isFalse();
        Outcome o = now(dispatcher(impl, ThrottlingConfig.DEFAULT, List.of()).dispatch(call("slow", cancelled, 10L)));
        assertThat(o.errorCode()).isEqualTo(FaultCode.CANCELLED);
        assertThat(o.errorMessage()).contains("the caller cancelled it", "slow");
        assertThat(impl.slowStarted.get()).isZero();
    }

    @Test
    void aCallCancelledWhileItWaitsForACallSlot_isNotRunWhenItGetsOne() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        ContractDescription contract = ContractDescription.of(AsyncService.class);
        InstanceProvider instances = InstanceProvider.forMode(InstanceMode.SINGLE, () -> (AsyncService) text -> {
            started.incrementAndGet();
            return pending;
        });
        DefaultDispatcher d = new DefaultDispatcher("async", contract, instances, new ThrottlingConfig(1, 1, Duration.ofSeconds(5)), List.of());
        OperationDescription later = contract.operation("later").orElseThrow();
        CompletableFuture<Outcome> first = d.dispatch(new Invocation(later, new Object[] {"1"}, context())).toCompletableFuture();
        InvocationContext waiting = context();
        // the second call waits for the only slot on a thread of its own; it is cancelled meanwhile
        CompletableFuture<Outcome> second = CompletableFuture.supplyAsync(
                () -> d.dispatch(new Invocation(later, new Object[] {"2"}, waiting)).toCompletableFuture().join());
        Thread.sleep(200);
        waiting.cancel("the caller cancelled it");
        pending.complete("first done");
        assertThat(first.get(5, TimeUnit.SECONDS).value()).isEqualTo("first done");
        assertThat(second.get(5, TimeUnit.SECONDS).errorCode()).isEqualTo(FaultCode.CANCELLED);
        assertThat(started).as("the cancelled call never ran").hasValue(1);
        assertThat(d.runningCalls()).as("its slot was given back").isZero();
    }

    @Test
    void anAsynchronousOperationCancelledWhileItRuns_hasItsFutureCancelled_andFreesItsSlot() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        ContractDescription contract = ContractDescription.of(AsyncService.class);
        InstanceProvider instances = InstanceProvider.forMode(InstanceMode.SINGLE, () -> (AsyncService) text -> pending);
        DefaultDispatcher d = new DefaultDispatcher("async", contract, instances, new ThrottlingConfig(1, 0, Duration.ofMillis(10)), List.of());
        InvocationContext ctx = context();
        CompletableFuture<Outcome> stage = d.dispatch(new Invocation(contract.operation("later").orElseThrow(), new Object[] {"x"}, ctx))
                .toCompletableFuture();
        assertThat(stage).isNotDone();
        ctx.cancel("the caller cancelled it");
        assertThat(stage.get(5, TimeUnit.SECONDS).errorCode()).isEqualTo(FaultCode.CANCELLED);
        assertThat(pending).as("the operation's own future is cancelled, so that it can stop").isCancelled();
        assertThat(d.runningCalls()).isZero();
        assertThat(d.inFlight()).isZero();
    }

    @Test
    void anAcceptedOneWayCall_isNotCancelledByItsSender() {
        InvocationContext sent = context();
        InvocationContext accepted = sent.withoutDeadline();
        sent.cancel("the sender went away");
        assertThat(accepted.isCancelled()).isFalse();
        java.util.List<String> ran = new java.util.ArrayList<>();
        accepted.onCancel(() -> ran.add("late"));
        sent.onCancel(() -> ran.add("at once"));
        assertThat(ran).as("an action on a cancelled call runs at once").containsExactly("at once");
    }

    @Test
    void throttling_refusesBeyondConcurrentPlusQueued() throws Exception {
        DefaultDispatcher d = dispatcher(new ThrottlingConfig(1, 0, Duration.ofSeconds(5)), List.of());
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> d.dispatch(call("slow", 500L)).toCompletableFuture().join());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (d.inFlight() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        Outcome refused = now(d.dispatch(call("echo", "x")));
        assertThat(refused.errorCode()).isEqualTo(FaultCode.RESOURCE_EXHAUSTED);
        assertThat(running.get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.VALUE);
        assertThat(now(d.dispatch(call("echo", "y"))).value()).isEqualTo("y");
    }

    @Test
    void behaviorsRunPhaseByPhaseThenByOrder_whateverTheOrderTheyWereAdded() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DefaultDispatcher d = dispatcher(ThrottlingConfig.DEFAULT, List.of(
                recording(Phase.EXECUTE, 0, "execute", seen),
                recording(Phase.ADMIT, 5, "admit-5", seen),
                recording(Phase.OBSERVE, 0, "observe", seen),
                recording(Phase.ADMIT, -5, "admit-minus-5", seen)));
        assertThat(now(d.dispatch(call("echo", "v"))).value()).isEqualTo("v");
        assertThat(seen).containsExactly("observe", "admit-minus-5", "admit-5", "execute",
                "execute saw OK", "admit-5 saw OK", "admit-minus-5 saw OK", "observe saw OK");
    }

    @Test
    void theBuiltInDeadlineCheckIsFirstInTheAdmitPhase_unlessABehaviorAsksToGoBeforeIt() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DefaultDispatcher d = dispatcher(ThrottlingConfig.DEFAULT, List.of(
                recording(Phase.ADMIT, 0, "admit", seen), recording(Phase.ADMIT, -2000, "before-deadline", seen)));
        InvocationContext late = InvocationContext.builder(ENDPOINT)
                .metadata(CallMetadata.builder().deadline(Instant.now().minusSeconds(1)).build()).build();
        assertThat(now(d.dispatch(call("echo", late, "v"))).errorCode()).isEqualTo(FaultCode.DEADLINE_EXCEEDED);
        assertThat(seen).containsExactly("before-deadline", "before-deadline saw DEADLINE_EXCEEDED");
    }

    @Test
    void theObservePhaseSeesTheFinalOutcomeAfterMapping_includingARefusalThrownByABehavior() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DispatchBehavior throwingAdmitter = DispatchBehavior.of(Phase.ADMIT, (invocation, next) -> {
            if ("deny".equals(invocation.arguments()[0])) {
                throw new ServiceException(FaultCode.PERMISSION_DENIED, "denied");
            }
            if ("crash".equals(invocation.arguments()[0])) {
                throw new IllegalStateException("a bug in a behavior");
            }
            return next.proceed(invocation);
        });
        DefaultDispatcher d = dispatcher(ThrottlingConfig.DEFAULT, List.of(recording(Phase.OBSERVE, 0, "observe", seen), throwingAdmitter));
        assertThat(now(d.dispatch(call("echo", "deny"))).errorCode()).isEqualTo(FaultCode.PERMISSION_DENIED);
        Outcome crashed = now(d.dispatch(call("echo", "crash")));
        assertThat(crashed.errorCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(crashed.errorMessage()).doesNotContain("a bug").contains("reference");
        now(d.dispatch(call("failUndeclared", "secret")));
        assertThat(seen).containsSubsequence("observe saw PERMISSION_DENIED", "observe saw INTERNAL", "observe saw INTERNAL");
    }

    @Test
    void aBehaviorMayAttachResponseMetadata() {
        DispatchBehavior retryAfter = DispatchBehavior.of(Phase.ADMIT, (invocation, next) -> CompletableFuture.completedFuture(
                Outcome.error(FaultCode.RESOURCE_EXHAUSTED, "slow down").withMetadata("retry-after", "2")));
        Outcome o = now(dispatcher(ThrottlingConfig.DEFAULT, List.of(retryAfter)).dispatch(call("echo", "x")));
        assertThat(o.errorCode()).isEqualTo(FaultCode.RESOURCE_EXHAUSTED);
        assertThat(o.metadata().get("Retry-After")).isEqualTo("2");
    }

    @Test
    void anAdmitRefusalOfAOneWayCall_isTheAnswerAndTheCallNeverRuns() throws Exception {
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        DispatchBehavior denyAll = DispatchBehavior.of(Phase.ADMIT, (invocation, next) ->
                CompletableFuture.completedFuture(Outcome.error(FaultCode.UNAUTHENTICATED, "who are you?")));
        DefaultDispatcher d = dispatcher(impl, ThrottlingConfig.DEFAULT, List.of(denyAll));
        assertThat(now(d.dispatchOneWay(call("fireAndForget", "t"))).errorCode()).isEqualTo(FaultCode.UNAUTHENTICATED);
        assertThat(impl.oneWayTokens.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aOneWayCall_isAcknowledgedBeforeItRuns_andTheObservePhaseSeesHowItEnded() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        ConformanceServiceImpl impl = new ConformanceServiceImpl() {
            @Override
            public void fireAndForget(String token) {
                release.join();
                throw new IllegalStateException("failed after it was accepted");
            }
        };
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DefaultDispatcher d = dispatcher(impl, ThrottlingConfig.DEFAULT, List.of(recording(Phase.OBSERVE, 0, "observe", seen)));
        assertThat(now(d.dispatchOneWay(call("fireAndForget", "t"))).isValue()).as("accepted before it ran").isTrue();
        assertThat(seen).containsExactly("observe");
        release.complete(null);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(seen).containsExactly("observe", "observe saw INTERNAL");
    }

    /** A contract with an asynchronous operation. */
    @WebService
    public interface AsyncService {
        CompletableFuture<String> later(@WebParam(name = "text") String text);
    }

    @Test
    void anAsynchronousOperation_passesThroughTheChainWithoutHoldingAThread() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicInteger released = new AtomicInteger();
        ContractDescription contract = ContractDescription.of(AsyncService.class);
        InstanceProvider instances = new InstanceProvider() {
            @Override
            public Object acquire(InvocationContext context) {
                return (AsyncService) text -> pending;
            }

            @Override
            public void release(Object instance, InvocationContext context) {
                released.incrementAndGet();
            }
        };
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DefaultDispatcher d = new DefaultDispatcher("async", contract, instances, new ThrottlingConfig(1, 0, Duration.ofMillis(10)),
                List.of(recording(Phase.OBSERVE, 0, "observe", seen), recording(Phase.EXECUTE, 0, "execute", seen)));
        Invocation inv = new Invocation(contract.operation("later").orElseThrow(), new Object[] {"x"}, context());
        CompletableFuture<Outcome> stage = d.dispatch(inv).toCompletableFuture();
        assertThat(stage).as("dispatch returned while the operation is still pending").isNotDone();
        assertThat(released).as("the instance is kept until the operation completes").hasValue(0);
        assertThat(now(d.dispatch(inv)).errorCode()).as("the pending call still holds the only call slot")
                .isEqualTo(FaultCode.RESOURCE_EXHAUSTED);
        pending.complete("done later");
        assertThat(stage.get(5, TimeUnit.SECONDS).value()).isEqualTo("done later");
        assertThat(seen).containsSubsequence("execute saw OK", "observe saw OK");
        assertThat(released).hasValue(1);
        assertThat(d.inFlight()).isZero();
    }

    @Test
    void refusalsReportedByABinding_reachObserveBehaviorsOnly() {
        List<Refusal> observed = new ArrayList<>();
        List<Refusal> admitted = new ArrayList<>();
        DispatchBehavior observer = new DispatchBehavior() {
            @Override
            public Phase phase() {
                return Phase.OBSERVE;
            }

            @Override
            public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
                return next.proceed(invocation);
            }

            @Override
            public void refused(Refusal refusal) {
                observed.add(refusal);
                throw new IllegalStateException("an observer's failure must not reach the binding");
            }
        };
        DispatchBehavior admitter = new DispatchBehavior() {
            @Override
            public Phase phase() {
                return Phase.ADMIT;
            }

            @Override
            public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
                return next.proceed(invocation);
            }

            @Override
            public void refused(Refusal refusal) {
                admitted.add(refusal); // never called: only observers hear of refusals
            }
        };
        DefaultDispatcher d = dispatcher(ThrottlingConfig.DEFAULT, List.of(observer, admitter));
        Refusal r = new Refusal(null, context(), Outcome.error(FaultCode.INVALID_ARGUMENT, "unreadable"));
        d.refused(r);
        assertThat(observed).containsExactly(r);
        assertThat(admitted).isEmpty();
    }

    @Test
    void theCallerIsAuthenticatedOnceAndOnlyByTheAuthenticationStage() {
        InvocationContext ctx = context();
        assertThat(ctx.principal()).isNull();
        assertThat(ctx.isCallerInRole("teller")).isFalse();
        Principal alice = () -> "alice";
        ctx.authenticate(alice, Set.of("teller"));
        assertThat(ctx.principal()).isSameAs(alice);
        assertThat(ctx.isCallerInRole("teller")).isTrue();
        assertThatThrownBy(() -> ctx.authenticate(() -> "mallory", Set.of("admin"))).isInstanceOf(IllegalStateException.class);
        assertThat(ctx.principal()).isSameAs(alice);
    }

    @Test
    void instancing_perCallPerSessionAndSingle() {
        AtomicInteger created = new AtomicInteger();
        InstanceProvider perCall = InstanceProvider.forMode(InstanceMode.PER_CALL, () -> {
            created.incrementAndGet();
            return new ConformanceServiceImpl();
        });
        InvocationContext none = context();
        assertThat(perCall.acquire(none)).isNotSameAs(perCall.acquire(none));
        assertThat(created.get()).isEqualTo(2);

        InstanceProvider perSession = InstanceProvider.forMode(InstanceMode.PER_SESSION, ConformanceServiceImpl::new);
        InvocationContext s1 = InvocationContext.builder(ENDPOINT).sessionId("s1").build();
        InvocationContext s2 = InvocationContext.builder(ENDPOINT).sessionId("s2").build();
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
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> d.dispatch(call("slow", 300L)).toCompletableFuture().join());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (d.inFlight() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(d.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(running.get(1, TimeUnit.SECONDS).value()).isEqualTo("slept 300");
        assertThat(now(d.dispatch(call("echo", "late"))).errorCode()).isEqualTo(FaultCode.UNAVAILABLE);
        assertThat(now(d.dispatchOneWay(call("fireAndForget", "late"))).errorCode()).isEqualTo(FaultCode.UNAVAILABLE);
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
        DefaultDispatcher d = dispatcher(impl, new ThrottlingConfig(1, 1, Duration.ofSeconds(5)), List.of());
        for (int i = 0; i < 5; i++) {
            Outcome o = d.dispatchOneWay(call("fireAndForget", "t" + i)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(o.kind()).as("call %d accepted", i).isEqualTo(Outcome.Kind.VALUE);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(impl.oneWayTokens.poll(5, TimeUnit.SECONDS)).isEqualTo("t" + i);
        }
        DefaultDispatcher impatient = dispatcher(impl, new ThrottlingConfig(1, 1, Duration.ofMillis(10)), List.of());
        List<Outcome.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Outcome o = impatient.dispatchOneWay(call("fireAndForget", "x" + i)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            kinds.add(o.kind() == Outcome.Kind.VALUE ? Outcome.Kind.VALUE : Outcome.Kind.ERROR);
        }
        assertThat(kinds).as("beyond the queue timeout a burst is refused, typed").contains(Outcome.Kind.ERROR);
    }

    @Test
    void oneWay_isAcceptedAtOnceAndRunsLater() throws Exception {
        ConformanceServiceImpl impl = new ConformanceServiceImpl();
        DefaultDispatcher d = dispatcher(impl, ThrottlingConfig.DEFAULT, List.of());
        assertThat(now(d.dispatchOneWay(call("fireAndForget", "t1"))).kind()).isEqualTo(Outcome.Kind.VALUE);
        assertThat(impl.oneWayTokens.poll(5, TimeUnit.SECONDS)).isEqualTo("t1");
    }

    @Test
    void anAcceptedOneWayCall_runsWithoutItsSendersDeadline() throws Exception {
        CompletableFuture<java.util.Optional<Instant>> seen = new CompletableFuture<>();
        ConformanceServiceImpl impl = new ConformanceServiceImpl() {
            @Override
            public void fireAndForget(String token) {
                slow(150); // longer than the sender waited for its acknowledgement
                seen.complete(java.util.Optional.ofNullable(io.wcf4j.OperationContext.current().invocation().deadline()));
            }
        };
        InvocationContext soon = InvocationContext.builder(ENDPOINT)
                .metadata(CallMetadata.builder().deadline(Instant.now().plusMillis(50)).build()).build();
        DefaultDispatcher d = dispatcher(impl, ThrottlingConfig.DEFAULT, List.of());
        assertThat(now(d.dispatchOneWay(call("fireAndForget", soon, "t"))).isValue()).isTrue();
        assertThat(seen.get(5, TimeUnit.SECONDS)).as("the operation (and the calls it makes) are not bound by it").isEmpty();
    }

    @Test
    void aSerialDispatcher_runsEveryCallInArrivalOrder_andAcceptsTheNextWhileOneRuns() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        ConformanceServiceImpl impl = new ConformanceServiceImpl() {
            @Override
            public String echo(String text) {
                if (text.equals("first")) {
                    release.join();
                }
                ran.add(text);
                return text;
            }

            @Override
            public void fireAndForget(String token) {
                ran.add(token);
            }
        };
        DefaultDispatcher d = DefaultDispatcher.serial("callbacks", CONTRACT, InstanceProvider.forMode(InstanceMode.SINGLE, () -> impl),
                100, Duration.ofSeconds(5), List.of());
        CompletableFuture<Outcome> first = d.dispatch(call("echo", "first")).toCompletableFuture();
        assertThat(now(d.dispatchOneWay(call("fireAndForget", "second")))).as("accepted while the first one runs")
                .satisfies(o -> assertThat(o.isValue()).isTrue());
        CompletableFuture<Outcome> third = d.dispatch(call("echo", "third")).toCompletableFuture();
        assertThat(first).as("dispatch returned without running the call on this thread").isNotDone();
        release.complete(null);
        assertThat(third.get(5, TimeUnit.SECONDS).value()).isEqualTo("third");
        assertThat(first.get(5, TimeUnit.SECONDS).value()).isEqualTo("first");
        assertThat(ran).containsExactly("first", "second", "third");
        d.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void anAsynchronousOperationThatNeverCompletes_endsAtTheDeadline_andGivesItsSlotBack() throws Exception {
        ContractDescription contract = ContractDescription.of(AsyncService.class);
        AtomicInteger released = new AtomicInteger();
        InstanceProvider instances = new InstanceProvider() {
            @Override
            public Object acquire(InvocationContext context) {
                return (AsyncService) text -> new CompletableFuture<>();
            }

            @Override
            public void release(Object instance, InvocationContext context) {
                released.incrementAndGet();
            }
        };
        DefaultDispatcher d = new DefaultDispatcher("async", contract, instances, new ThrottlingConfig(1, 0, Duration.ofMillis(10)), List.of());
        InvocationContext ctx = InvocationContext.builder(ENDPOINT)
                .metadata(CallMetadata.builder().deadline(Instant.now().plusMillis(200)).build()).build();
        Invocation inv = new Invocation(contract.operation("later").orElseThrow(), new Object[] {"x"}, ctx);
        Outcome o = d.dispatch(inv).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(o.errorCode()).isEqualTo(FaultCode.DEADLINE_EXCEEDED);
        assertThat(released).hasValue(1);
        assertThat(d.inFlight()).isZero();
        Invocation next = new Invocation(contract.operation("later").orElseThrow(), new Object[] {"y"}, InvocationContext.builder(ENDPOINT)
                .metadata(CallMetadata.builder().deadline(Instant.now().plusMillis(100)).build()).build());
        assertThat(d.dispatch(next).toCompletableFuture().get(5, TimeUnit.SECONDS).errorCode())
                .as("the slot was given back: the next call ran (and timed out itself)").isEqualTo(FaultCode.DEADLINE_EXCEEDED);
    }

    @Test
    void anInstanceProviderThatFailsToRelease_leaksNoCallSlot() {
        InstanceProvider failing = new InstanceProvider() {
            @Override
            public Object acquire(InvocationContext context) {
                return new ConformanceServiceImpl();
            }

            @Override
            public void release(Object instance, InvocationContext context) {
                throw new IllegalStateException("dispose failed");
            }
        };
        DefaultDispatcher d = new DefaultDispatcher("test", CONTRACT, failing, new ThrottlingConfig(1, 0, Duration.ofMillis(10)), List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(now(d.dispatch(call("echo", "v" + i))).value()).isEqualTo("v" + i);
        }
    }

    @Test
    void acceptedCallsStillQueuedWhenTheGracePeriodEnds_endAsUnavailable_andAreCounted() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ConformanceServiceImpl impl = new ConformanceServiceImpl() {
            @Override
            public void fireAndForget(String token) {
                try {
                    never.get();
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        DefaultDispatcher d = dispatcher(impl, new ThrottlingConfig(1, 10, Duration.ofSeconds(1)),
                List.of(recording(Phase.OBSERVE, 0, "observe", seen)));
        for (int i = 0; i < 3; i++) {
            assertThat(now(d.dispatchOneWay(call("fireAndForget", "t" + i))).isValue()).isTrue();
        }
        assertThat(d.shutdown(Duration.ofMillis(200))).as("not drained: one runs for ever, two wait").isFalse();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.stream().filter(x -> x.equals("observe saw UNAVAILABLE")).count() < 2 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(seen).as("the observe phase hears how the abandoned calls ended").filteredOn(x -> x.equals("observe saw UNAVAILABLE"))
                .hasSizeGreaterThanOrEqualTo(2);
    }
}
