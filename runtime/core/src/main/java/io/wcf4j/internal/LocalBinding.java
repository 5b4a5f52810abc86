package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.config.Setting;
import io.wcf4j.spi.Binding;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.Dispatcher;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The in-process binding ({@code local:<name>}): the full Dispatcher pipeline with no wire, for tests and
 * for calls inside one JVM. Arguments and results are passed by reference, not copied.
 */
public final class LocalBinding implements Binding {
    private static final Map<String, ListenContext> ENDPOINTS = new ConcurrentHashMap<>();
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wcf4j-local-call");
        t.setDaemon(true);
        return t;
    });

    @Override
    public String type() {
        return "local";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("local");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(CommonSettings.SEND_TIMEOUT);
    }

    @Override
    public Listener listen(ListenContext context) {
        String name = context.address().uri().getSchemeSpecificPart();
        if (ENDPOINTS.putIfAbsent(name, context) != null) {
            throw new IllegalStateException("local endpoint '" + name + "' is already open");
        }
        return Listener.of(context.address().uri(), Map.of(), () -> ENDPOINTS.remove(name, context));
    }

    @Override
    public ClientChannel openChannel(ChannelContext context) {
        String name = context.address().uri().getSchemeSpecificPart();
        return new ClientChannel() {
            @Override
            public Object invoke(ClientCall call) throws Exception {
                ListenContext endpoint = ENDPOINTS.get(name);
                if (endpoint == null) {
                    throw new ServiceException(FaultCode.UNAVAILABLE, "no local endpoint named '" + name + "'");
                }
                Dispatcher d = endpoint.dispatcher();
                InvocationContext ctx = endpoint.newContext().metadata(call.metadata().build())
                        .peer(PeerIdentity.ofAddress("local")).build();
                Object[] arguments = call.arguments();
                Invocation inv = new Invocation(call.operation(), arguments.clone(), ctx);
                Duration timeout = call.timeRemaining();
                // run on another thread so that the caller can stop waiting at its deadline, as on a wire
                Future<Outcome> f = CALLERS.submit(() -> Dispatcher.await(call.operation().oneWay()
                        ? d.dispatchOneWay(inv) : d.dispatch(inv), null));
                Outcome o;
                try {
                    o = f.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "no reply from " + name + " within "
                            + call.timeout().toMillis() + " ms");
                } catch (ExecutionException e) {
                    throw new ServiceException(FaultCode.INTERNAL, "local dispatch failed: " + e.getCause());
                }
                call.responseMetadata(o.metadata());
                return switch (o.kind()) {
                    case VALUE -> o.value();
                    case FAULT -> throw o.fault();
                    case ERROR -> throw new ServiceException(o.errorCode(), o.errorMessage());
                };
            }

            @Override
            public void close() {
            }
        };
    }
}
