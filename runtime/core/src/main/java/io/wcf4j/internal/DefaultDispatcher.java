package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.OperationContext;
import io.wcf4j.RemoteServiceException;
import io.wcf4j.ServiceException;
import io.wcf4j.config.ThrottlingConfig;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.spi.Deadlines;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.ErrorTexts;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.OneWayJournal;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.Refusal;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Dispatcher: the behaviors phase by phase, then the instance provider and the implementation, with fault
 * mapping at every layer. See {@link Dispatcher} and {@link Phase} for the contract.
 *
 * <pre>
 *  request-reply:  observe → admit (deadline, …) → throttle: wait for a call slot → execute (…, OperationContext) → method
 *  one-way:        observe → admit (deadline, …) → hand-off: a place in the one-way queue, then acknowledge
 *                                                    └─ one-way executor: call slot → execute → method
 *  one-way, with a journal: observe → admit → hand-off: persisted in the journal, then acknowledge
 *                                                    └─ the journal's threads: call slot → execute → method
 * </pre>
 *
 * <p>The chains are built once, here. Each behavior's stage is mapped to an {@link Outcome} where it is produced,
 * so the layers outside it never see an exception.
 *
 * <p>A dispatcher may run its calls <em>serially</em>: every call, request-reply too, is queued after the admit
 * phase and runs on one thread in arrival order. That is how a client runs the callbacks it receives: in the order
 * the service sent them, and with the receiving thread free to accept (and acknowledge) the next one while one runs.
 */
public final class DefaultDispatcher implements Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(DefaultDispatcher.class);
    /** The acceptance of a one-way call, completed by the hand-off (or by the refusal that came before it). */
    private static final InvocationContext.Key<CompletableFuture<Outcome>> ACCEPTANCE = InvocationContext.Key.of("wcf4j.acceptance");

    private final ContractDescription contract;
    private final String serviceName;
    private final InstanceProvider instances;
    private final CallThrottle throttle;
    private final ThrottlingConfig throttling;
    private final List<DispatchBehavior> observers;
    private final DispatchBehavior.Next requestReply;
    private final DispatchBehavior.Next oneWay;
    private final DispatchBehavior.Next execute;
    private final ThreadPoolExecutor oneWayExecutor;
    /** Where accepted one-way calls wait durably; null: they wait in {@link #oneWayExecutor}'s queue. */
    private final OneWayJournal journal;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drainLock = new Object();
    private volatile boolean closing;

    /**
     * @param behaviors the behaviors of every phase, in the order added; the built-in ones are added here
     */
    public DefaultDispatcher(String serviceName, ContractDescription contract, InstanceProvider instances,
                             ThrottlingConfig throttling, List<DispatchBehavior> behaviors) {
        this(serviceName, contract, instances, throttling, behaviors, false, null);
    }

    /**
     * A dispatcher whose accepted one-way calls are persisted in {@code journal} before they are acknowledged, and run
     * from there once {@link #startJournal()} is called; it closes the journal when it shuts down.
     *
     * @param journal null to keep accepted one-way calls in memory
     */
    public DefaultDispatcher(String serviceName, ContractDescription contract, InstanceProvider instances,
                             ThrottlingConfig throttling, List<DispatchBehavior> behaviors, OneWayJournal journal) {
        this(serviceName, contract, instances, throttling, behaviors, false, journal);
    }

    /**
     * A dispatcher that runs every call on one thread, in arrival order (see the class comment).
     *
     * @param maxQueuedCalls calls that may wait to run
     * @param queueTimeout   how long the receiving thread waits for room when they are that many
     */
    public static DefaultDispatcher serial(String serviceName, ContractDescription contract, InstanceProvider instances,
                                           int maxQueuedCalls, Duration queueTimeout, List<DispatchBehavior> behaviors) {
        return new DefaultDispatcher(serviceName, contract, instances, new ThrottlingConfig(1, maxQueuedCalls, queueTimeout),
                behaviors, true, null);
    }

    private DefaultDispatcher(String serviceName, ContractDescription contract, InstanceProvider instances,
                              ThrottlingConfig throttling, List<DispatchBehavior> behaviors, boolean serial, OneWayJournal journal) {
        this.serviceName = serviceName;
        this.journal = journal;
        this.contract = contract;
        this.instances = instances;
        this.throttling = throttling;
        this.throttle = new CallThrottle(throttling);
        List<DispatchBehavior> all = new ArrayList<>();
        all.add(new DeadlineBehavior());
        for (DispatchBehavior b : behaviors) {
            if (b.phase() == null) {
                throw new IllegalArgumentException("behavior " + b + " declares no phase");
            }
            all.add(b);
        }
        // stable: equal orders keep the order they were added in
        all.sort(Comparator.comparing(DispatchBehavior::phase).thenComparingInt(DispatchBehavior::order));
        List<DispatchBehavior> outer = all.stream().filter(b -> b.phase() != Phase.EXECUTE).toList();
        List<DispatchBehavior> inner = all.stream().filter(b -> b.phase() == Phase.EXECUTE).toList();
        this.observers = all.stream().filter(b -> b.phase() == Phase.OBSERVE).toList();
        this.execute = chain(inner, this::invokeImplementation);
        this.requestReply = chain(outer, serial ? this::queuedInOrder : this::throttled);
        this.oneWay = chain(outer, this::handOff);
        int threads = oneWayThreads();
        AtomicInteger n = new AtomicInteger();
        this.oneWayExecutor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, throttling.maxQueuedCalls())), r -> {
                    Thread t = new Thread(r, "wcf4j-oneway-" + serviceName + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.oneWayExecutor.allowCoreThreadTimeOut(true);
    }

    /** Threads that run accepted one-way calls: no more than the calls that may run at once, and few. */
    private int oneWayThreads() {
        return Math.max(1, Math.min(throttling.maxConcurrentCalls(), 8));
    }

    /** Starts running the calls in the journal, those left by an earlier run first; does nothing without one. */
    public void startJournal() {
        if (journal != null) {
            journal.start(oneWayThreads(), this::runJournaled);
        }
    }

    /**
     * Runs a call the journal gave back, as the one-way executor runs one accepted in memory; null when the service is
     * stopping, so that the journal keeps the call for the next start.
     */
    private Outcome runJournaled(Invocation call) {
        if (!enter()) {
            return null;
        }
        try {
            try {
                throttle.acquireAccepted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            Outcome outcome = Dispatcher.await(executeReleasing(call), null);
            if (!outcome.isValue()) {
                log.warn("one-way call {}.{} failed: {}", serviceName, call.operation().name(), ErrorTexts.forLog(outcome));
            }
            return outcome;
        } finally {
            leave();
        }
    }

    @Override
    public ContractDescription contract() {
        return contract;
    }

    @Override
    public CompletionStage<Outcome> dispatch(Invocation invocation) {
        if (!enter()) {
            return CompletableFuture.completedFuture(shuttingDown());
        }
        CompletionStage<Outcome> stage = requestReply.proceed(invocation);
        if (isDone(stage)) {
            leave();
            return stage;
        }
        return stage.whenComplete((o, t) -> leave());
    }

    @Override
    public CompletionStage<Outcome> dispatchOneWay(Invocation invocation) {
        if (!enter()) {
            return CompletableFuture.completedFuture(shuttingDown());
        }
        CompletableFuture<Outcome> acceptance = new CompletableFuture<>();
        invocation.context().set(ACCEPTANCE, acceptance);
        oneWay.proceed(invocation).whenComplete((outcome, t) -> {
            Outcome last = t != null ? mapFault(invocation, t) : outcome;
            // refused before the hand-off: the refusal is the answer; accepted: only a log line can tell
            if (!acceptance.complete(last) && !last.isValue()) {
                log.warn("one-way call {}.{} failed: {}", serviceName, invocation.operation().name(), ErrorTexts.forLog(last));
            }
            leave();
        });
        return acceptance;
    }

    @Override
    public void refused(Refusal refusal) {
        Refusal resolved = observers.isEmpty() ? refusal : refusal.resolvedIn(contract);
        for (DispatchBehavior b : observers) {
            try {
                b.refused(resolved);
            } catch (RuntimeException e) {
                log.warn("behavior {} failed on a refusal", b, e);
            }
        }
    }

    @Override
    public void sessionClosed(String sessionId) {
        instances.sessionClosed(sessionId);
    }

    /**
     * Stops accepting calls (new ones get UNAVAILABLE) and waits for those in flight, queued one-way calls
     * included, to finish.
     *
     * @return true if every call finished within {@code grace}
     */
    public boolean shutdown(Duration grace) {
        closing = true;
        if (journal != null) {
            // first: its threads stop taking calls (the calls they hold finish); those not taken stay for the next start
            try {
                journal.close();
            } catch (RuntimeException e) {
                log.warn("service {}: closing the one-way journal failed", serviceName, e);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (drainLock) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("service {}: {} calls still running after the {} grace period; closing anyway",
                            serviceName, inFlight.get(), grace);
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drainLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        boolean drained = inFlight.get() == 0;
        List<Runnable> abandoned = oneWayExecutor.shutdownNow();
        for (Runnable r : abandoned) {
            if (r instanceof QueuedCall call) {
                call.abandon();
            }
        }
        if (!abandoned.isEmpty()) {
            log.error("service {}: {} accepted calls had not run when the host stopped; they are lost", serviceName,
                    abandoned.size());
        }
        try {
            // its threads must be gone when the host is: a container checks for threads left behind
            oneWayExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        instances.close();
        return drained;
    }

    /** Calls currently running or queued. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Calls that hold a call slot now (running their operation). */
    public int runningCalls() {
        return throttle.running();
    }

    /** Calls waiting: for a call slot, or accepted one-way calls waiting in the queue to run. */
    public int queuedCalls() {
        return throttle.waiting() + oneWayExecutor.getQueue().size();
    }

    private boolean enter() {
        inFlight.incrementAndGet();
        if (closing) {
            leave();
            return false;
        }
        return true;
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && closing) {
            synchronized (drainLock) {
                drainLock.notifyAll();
            }
        }
    }

    private Outcome shuttingDown() {
        return Outcome.error(FaultCode.UNAVAILABLE, "service " + serviceName + " is shutting down");
    }

    // --- the chain ---------------------------------------------------------------------------------------

    private DispatchBehavior.Next chain(List<DispatchBehavior> behaviors, DispatchBehavior.Next last) {
        DispatchBehavior.Next next = last;
        for (int i = behaviors.size() - 1; i >= 0; i--) {
            DispatchBehavior behavior = behaviors.get(i);
            DispatchBehavior.Next rest = next;
            next = inv -> run(behavior, inv, rest);
        }
        return next;
    }

    /** One behavior's stage, mapped to an outcome where it fails. */
    private CompletionStage<Outcome> run(DispatchBehavior behavior, Invocation inv, DispatchBehavior.Next rest) {
        CompletionStage<Outcome> stage;
        try {
            stage = behavior.invoke(inv, rest);
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(mapFault(inv, t));
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(mapFault(inv,
                    new IllegalStateException("behavior " + behavior + " returned no stage")));
        }
        if (stage instanceof CompletableFuture<Outcome> f && f.isDone() && !f.isCompletedExceptionally()
                && f.getNow(null) != null) {
            return f; // the common, synchronous case: no extra stage
        }
        return stage.handle((o, t) -> t != null ? mapFault(inv, t)
                : o != null ? o : mapFault(inv, new IllegalStateException("behavior " + behavior + " completed with no outcome")));
    }

    /** Request-reply: the admit phase ends by taking a call slot; the slot is free again when the call completes. */
    private CompletionStage<Outcome> throttled(Invocation inv) {
        Outcome refused = throttle.acquire(inv.context().timeRemaining());
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        return executeReleasing(inv);
    }

    /** Runs the execute phase in a call slot already taken, and gives the slot back when it completes, whatever happens. */
    private CompletionStage<Outcome> executeReleasing(Invocation inv) {
        if (inv.context().isCancelled()) {
            // cancelled while it waited for its slot or its turn in the queue
            throttle.release();
            return CompletableFuture.completedFuture(DeadlineBehavior.cancelled(inv));
        }
        CompletionStage<Outcome> stage;
        try {
            stage = execute.proceed(inv);
        } catch (Throwable t) {
            throttle.release();
            return CompletableFuture.completedFuture(mapFault(inv, t));
        }
        if (isDone(stage)) {
            throttle.release();
            return stage;
        }
        return stage.whenComplete((o, t) -> throttle.release());
    }

    /**
     * One-way: the admit phase ends by queueing the call for the one-way executor and acknowledging it; the
     * returned stage completes when the call has run. It runs without its sender's deadline: the sender stopped
     * waiting at the acknowledgement.
     */
    private CompletionStage<Outcome> handOff(Invocation inv) {
        CompletableFuture<Outcome> acceptance = inv.context().get(ACCEPTANCE);
        Invocation accepted = new Invocation(inv.operation(), inv.arguments(), inv.context().withoutDeadline());
        if (journal != null && inv.context().sessionId() == null && inv.context().callbacks() == null) {
            // a call of a session (a connection's instance, its callbacks) cannot outlive it: only sessionless calls
            return CompletableFuture.completedFuture(persist(accepted, acceptance));
        }
        QueuedCall call = new QueuedCall(accepted, acceptance);
        if (!enqueue(inv, call)) {
            return CompletableFuture.completedFuture(Outcome.error(FaultCode.RESOURCE_EXHAUSTED,
                    "server busy: one-way queue is full; retry later"));
        }
        acceptance.complete(Outcome.value(null));
        return call.executed;
    }

    /**
     * Persists an admitted one-way call in the journal and acknowledges it; it runs when the journal gives it back. The
     * outcome, the acknowledgement or the refusal, is what the observe phase sees.
     */
    private Outcome persist(Invocation accepted, CompletableFuture<Outcome> acceptance) {
        Outcome outcome;
        try {
            journal.append(accepted);
            outcome = Outcome.value(null);
        } catch (ServiceException e) {
            log.warn("service {}: one-way call {} not accepted: {}", serviceName, accepted.operation().name(), e.getMessage());
            outcome = Outcome.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("service {}: one-way call {} could not be persisted", serviceName, accepted.operation().name(), e);
            outcome = Outcome.error(FaultCode.UNAVAILABLE, "the call could not be persisted; retry later");
        }
        acceptance.complete(outcome);
        return outcome;
    }

    /** A serial dispatcher: every call is queued after the admit phase and runs on the one thread, in order. */
    private CompletionStage<Outcome> queuedInOrder(Invocation inv) {
        QueuedCall call = new QueuedCall(inv, null);
        if (!enqueue(inv, call)) {
            return CompletableFuture.completedFuture(Outcome.error(FaultCode.RESOURCE_EXHAUSTED,
                    "busy: " + throttling.maxQueuedCalls() + " calls waiting; retry later"));
        }
        return call.executed;
    }

    /**
     * Queues a call; when the queue is full, the caller waits for room (up to the queue timeout or its deadline), as
     * a throttled request-reply call waits for a slot, so that a burst slows its sender down instead of being dropped.
     */
    private boolean enqueue(Invocation inv, QueuedCall call) {
        try {
            oneWayExecutor.execute(call);
            return true;
        } catch (RejectedExecutionException e) {
            try {
                Duration wait = throttle.queueWait(inv.context().timeRemaining());
                if (closing || !oneWayExecutor.getQueue().offer(call, wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
                // the executor may have been shut down while this thread waited: then the call would sit there for ever
                if (oneWayExecutor.isShutdown() && oneWayExecutor.getQueue().remove(call)) {
                    return false;
                }
                return true;
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** A call waiting for the executor: it takes a call slot when it runs, as long as that takes. */
    private final class QueuedCall implements Runnable {
        final Invocation invocation;
        final CompletableFuture<Outcome> acceptance;
        final CompletableFuture<Outcome> executed = new CompletableFuture<>();

        QueuedCall(Invocation invocation, CompletableFuture<Outcome> acceptance) {
            this.invocation = invocation;
            this.acceptance = acceptance;
        }

        @Override
        public void run() {
            if (acceptance != null) {
                // accepted for sure now (it was queued); the queueing thread may not have said so yet
                acceptance.complete(Outcome.value(null));
            }
            try {
                throttle.acquireAccepted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon();
                return;
            }
            executeReleasing(invocation).whenComplete((o, t) -> executed.complete(t != null ? mapFault(invocation, t) : o));
        }

        /** The host stopped before the call ran. */
        void abandon() {
            executed.complete(Outcome.error(FaultCode.UNAVAILABLE, "the host stopped before the call ran"));
        }
    }

    /** The innermost stage: the OperationContext, the instance, the method. */
    private CompletionStage<Outcome> invokeImplementation(Invocation invocation) {
        InvocationContext context = invocation.context();
        Object instance;
        try {
            instance = instances.acquire(context);
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(mapFault(invocation, t));
        }
        Object result;
        try {
            result = OperationContext.runWith(context,
                    () -> invocation.operation().method().invoke(instance, invocation.arguments()));
        } catch (Throwable t) {
            release(instance, context);
            return CompletableFuture.completedFuture(mapFault(invocation, implementationFailure(invocation, t)));
        }
        if (result instanceof CompletionStage<?> pending
                && CompletionStage.class.isAssignableFrom(invocation.operation().method().getReturnType())) {
            return whenCompleted(invocation, instance, pending);
        }
        release(instance, context);
        return CompletableFuture.completedFuture(Outcome.value(result));
    }

    /**
     * An asynchronous operation: no thread waits for it. Its call ends when its stage completes, or at the call's
     * deadline or its cancellation if one comes first (an operation whose stage never completes must not hold a call
     * slot for ever; a cancelled one's future is cancelled, so that the operation can stop its work); the instance
     * goes back then. The outcome's future completes once, whichever comes first.
     */
    private CompletionStage<Outcome> whenCompleted(Invocation invocation, Object instance, CompletionStage<?> pending) {
        InvocationContext context = invocation.context();
        CompletableFuture<Outcome> outcome = pending.handle((value, t) -> t == null ? Outcome.value(value) : mapFault(invocation, t))
                .toCompletableFuture();
        Duration left = context.timeRemaining();
        if (left != null) {
            outcome = outcome.completeOnTimeout(Outcome.error(FaultCode.DEADLINE_EXCEEDED, "operation "
                    + invocation.operation().name() + " did not complete before the call's deadline"),
                    Math.max(0, Math.min(left.toMillis(), Deadlines.MAX_REMAINING_MILLIS)), TimeUnit.MILLISECONDS);
        }
        CompletableFuture<Outcome> result = outcome;
        context.onCancel(() -> {
            if (result.complete(Outcome.error(FaultCode.CANCELLED, "cancelled (" + context.cancellationReason()
                    + ") while operation " + invocation.operation().name() + " ran"))) {
                pending.toCompletableFuture().cancel(false);
            }
        });
        return outcome.whenComplete((o, t) -> release(instance, context));
    }

    private void release(Object instance, InvocationContext context) {
        try {
            instances.release(instance, context);
        } catch (RuntimeException | Error e) {
            log.warn("service {}: releasing an instance failed", serviceName, e);
        }
    }

    private static Throwable implementationFailure(Invocation invocation, Throwable t) {
        if (t instanceof IllegalArgumentException) {
            // thrown by reflection itself (the implementation's own would be wrapped): a binding passed
            // arguments that do not fit, e.g. null for a primitive
            return new ServiceException(FaultCode.INVALID_ARGUMENT, "arguments do not fit operation "
                    + invocation.operation().name() + ": a value is missing or of the wrong type");
        }
        if (t instanceof InvocationTargetException ite && ite.getCause() != null) {
            return ite.getCause();
        }
        return t;
    }

    private Outcome mapFault(Invocation invocation, Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof Exception e) {
            Optional<FaultDescription> declared = invocation.operation().faultFor(e);
            if (declared.isPresent()) {
                // the contract's own answer, not a problem of the host's: no stack, and only when asked for
                log.debug("service {} operation {} answered with its declared fault {}", serviceName,
                        invocation.operation().name(), declared.get().name());
                return Outcome.fault(e, declared.get());
            }
        }
        if (t instanceof ServiceException se && !(t instanceof RemoteServiceException)) {
            if (se.code() == FaultCode.INTERNAL) {
                log.error("service {} operation {} failed", serviceName, invocation.operation().name(), se);
            }
            return Outcome.error(se.code(), se.getMessage());
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("service {} operation {} failed with an undeclared {} (reference {})", serviceName,
                invocation.operation().name(), t.getClass().getName(), reference, t);
        return Outcome.error(FaultCode.INTERNAL, "internal error (reference " + reference + ")");
    }

    private static boolean isDone(CompletionStage<Outcome> stage) {
        return stage instanceof CompletableFuture<Outcome> f && f.isDone();
    }
}
