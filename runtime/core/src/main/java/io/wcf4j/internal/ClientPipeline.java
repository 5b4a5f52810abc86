package io.wcf4j.internal;

import io.wcf4j.FaultCode;
import io.wcf4j.OperationContext;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.ClientCall;
import io.wcf4j.spi.ClientChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outbound pipeline: the built-in deadline behavior, then the {@link ClientBehavior}s by order, then the
 * binding's channel. Built once per channel factory or host. Thread-safe.
 */
public final class ClientPipeline {
    /** No behaviors but the built-in ones. */
    public static final ClientPipeline DEFAULT = new ClientPipeline(List.of());

    private final List<ClientBehavior> behaviors;

    public ClientPipeline(List<ClientBehavior> behaviors) {
        List<ClientBehavior> sorted = new ArrayList<>(behaviors.size() + 1);
        sorted.add(new DeadlineClientBehavior());
        sorted.addAll(behaviors);
        sorted.sort(Comparator.comparingInt(ClientBehavior::order)); // stable: equal orders keep insertion order
        this.behaviors = List.copyOf(sorted);
    }

    /** Runs {@code call} through the behaviors and then {@code channel}. */
    public Object invoke(ClientCall call, ClientChannel channel) throws Exception {
        return proceed(0, call, channel);
    }

    private Object proceed(int index, ClientCall call, ClientChannel channel) throws Exception {
        if (index == behaviors.size()) {
            return channel.invoke(call);
        }
        return behaviors.get(index).invoke(call, c -> proceed(index + 1, c, channel));
    }

    /**
     * The deadline of an outgoing call: the sooner of now + send timeout and the deadline of the service operation
     * this call is made from, so that a chain of calls never outlives its first caller's patience.
     */
    static final class DeadlineClientBehavior implements ClientBehavior {
        @Override
        public int order() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Object invoke(ClientCall call, Next next) throws Exception {
            Instant deadline = Instant.now().plus(call.sendTimeout());
            Instant inherited = OperationContext.find().map(c -> c.invocation().deadline()).orElse(null);
            if (inherited != null && inherited.isBefore(deadline)) {
                if (!inherited.isAfter(Instant.now())) {
                    throw new ServiceException(FaultCode.DEADLINE_EXCEEDED, "the deadline of the operation calling "
                            + call.operation().name() + " has passed; not sent");
                }
                deadline = inherited;
            }
            call.deadline(deadline);
            return next.proceed(call);
        }

        @Override
        public String toString() {
            return "deadline";
        }
    }
}
