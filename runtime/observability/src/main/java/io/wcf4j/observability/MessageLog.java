package io.wcf4j.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.wcf4j.databind.DataContractMapper;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.Invocation;
import io.wcf4j.spi.InvocationContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.Phase;
import io.wcf4j.spi.Refusal;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WCF's service-level message logging: one JSON line per call, after decoding and whatever the wire, with the
 * operation, its arguments, and its result, declared fault or error; and one per message a binding refused. Off
 * unless a host adds it.
 *
 * <p>Every value goes through the {@link MessageMasking} before it is written. The caller's credentials are never
 * logged at all (they are call metadata, which this log leaves out); the caller appears by principal name only. A
 * line whose arguments or result serialize to more than {@code maxValueChars} characters carries their size instead.
 *
 * <p>Lines go to the SLF4J logger {@code wcf4j.messages.<service>} at INFO, so that the logging configuration
 * decides where they land, one file per service or one for all, and how it rotates (the Spring Boot host writes them
 * to a rolling file of its own, see docs/observability.md). Line fields: {@code time}, {@code level} ({@code service}:
 * {@link TransportMessageLog} writes {@code transport} lines to the same loggers), {@code service},
 * {@code endpoint}, {@code binding}, {@code operation}, {@code caller}, {@code traceId} (when traced),
 * {@code durationMicros}, {@code outcome}, {@code arguments}, and {@code result}, {@code fault} (name and detail)
 * or {@code error} (code and message). Thread-safe.
 */
public final class MessageLog implements DispatchBehavior {
    /** The loggers' name prefix; the service's name follows. */
    public static final String LOGGER_PREFIX = "wcf4j.messages.";
    /** The loggers' parent: where a host routes all of them at once. */
    public static final String LOGGER_PARENT = "wcf4j.messages";
    /** The loggers by service: looked up once, not on every call. */
    private static final ConcurrentMap<String, Logger> LOGGERS = new ConcurrentHashMap<>();
    /** After the tracing behavior, so that the trace id is known. */
    public static final int ORDER = CallTracing.ORDER + 100;
    private static final Logger fallback = LoggerFactory.getLogger(MessageLog.class);

    private final MessageMasking masking;
    private final int maxValueChars;
    private final Set<String> services;
    private final ObjectMapper json = DataContractMapper.json();

    /**
     * @param maxValueChars the longest the arguments or the result of one line may be, serialized; longer ones are
     *                      left out and their size written instead
     */
    public MessageLog(MessageMasking masking, int maxValueChars) {
        this(masking, maxValueChars, Set.of());
    }

    /**
     * @param services the services whose calls are logged; empty for every service
     */
    public MessageLog(MessageMasking masking, int maxValueChars, Set<String> services) {
        this.services = Set.copyOf(services);
        this.masking = Objects.requireNonNull(masking, "masking");
        if (maxValueChars < 1) {
            throw new IllegalArgumentException("maxValueChars must be positive");
        }
        this.maxValueChars = maxValueChars;
    }

    @Override
    public Phase phase() {
        return Phase.OBSERVE;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Outcome> invoke(Invocation invocation, Next next) {
        Logger logger = loggerOf(invocation.context().serviceName());
        if (!logger.isInfoEnabled() || !logs(invocation.context().serviceName())) {
            return next.proceed(invocation);
        }
        long start = System.nanoTime();
        Instant received = Instant.now();
        String traceId = traceId();
        return Outcomes.whenDone(next.proceed(invocation), outcome -> write(logger, invocation, outcome, received, start, traceId));
    }

    @Override
    public void refused(Refusal refusal) {
        Logger logger = loggerOf(refusal.context().serviceName());
        if (!logger.isInfoEnabled() || !logs(refusal.context().serviceName())) {
            return;
        }
        ObjectNode line = header(refusal.context(), refusal.operation() == null ? "unknown" : refusal.operation().name(),
                Instant.now(), traceId());
        line.put("outcome", refusal.outcome().resultCode());
        line.put("refused", true);
        putError(line, refusal.outcome());
        emit(logger, line);
    }

    /** The message log's logger of a service ({@value #LOGGER_PREFIX}{@code <service>}). */
    static Logger loggerOf(String service) {
        return LOGGERS.computeIfAbsent(service, s -> LoggerFactory.getLogger(LOGGER_PREFIX + s));
    }

    private boolean logs(String service) {
        return services.isEmpty() || services.contains(service);
    }

    private void write(Logger logger, Invocation invocation, Outcome outcome, Instant received, long start, String traceId) {
        try {
            ObjectNode line = header(invocation.context(), invocation.operation().name(), received, traceId);
            line.put("durationMicros", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            line.put("outcome", outcome == null ? "INTERNAL" : outcome.resultCode());
            ObjectNode arguments = json.createObjectNode();
            for (ParameterDescription p : invocation.operation().parameters()) {
                arguments.set(p.name(), value(invocation.arguments()[p.index()]));
            }
            line.set("arguments", bounded(masking.apply(arguments)));
            if (outcome != null) {
                switch (outcome.kind()) {
                    case VALUE -> {
                        if (invocation.operation().hasResult()) {
                            line.set("result", bounded(masking.apply(value(outcome.value()))));
                        }
                    }
                    case FAULT -> {
                        ObjectNode fault = line.putObject("fault");
                        fault.put("name", outcome.faultDescription().name());
                        fault.set("detail", bounded(masking.apply(value(outcome.faultDescription().faultInfo(outcome.fault())))));
                    }
                    case ERROR -> putError(line, outcome);
                }
            }
            emit(logger, line);
        } catch (RuntimeException e) {
            // the log must never fail the call it describes
            fallback.warn("message log: could not write the line of {}.{}: {}", invocation.context().serviceName(),
                    invocation.operation().name(), e.toString());
        }
    }

    private ObjectNode header(InvocationContext call, String operation, Instant received, String traceId) {
        ObjectNode line = json.createObjectNode();
        line.put("time", received.toString());
        line.put("level", "service");
        line.put("service", call.serviceName());
        line.put("endpoint", call.endpointName());
        line.put("binding", call.bindingType());
        line.put("operation", operation);
        Principal caller = call.principal();
        if (caller != null) {
            line.put("caller", caller.getName());
        }
        if (traceId != null) {
            line.put("traceId", traceId);
        }
        return line;
    }

    private void putError(ObjectNode line, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.ERROR) {
            ObjectNode error = line.putObject("error");
            error.put("code", outcome.errorCode().name());
            error.put("message", outcome.errorMessage() == null ? null : masking.maskText(outcome.errorMessage()));
        }
    }

    private JsonNode value(Object value) {
        try {
            return json.valueToTree(value);
        } catch (IllegalArgumentException | JacksonException e) { // Jackson 3 throws its own, unwrapped
            return json.getNodeFactory().textNode("(" + value.getClass().getSimpleName() + ", not serializable)");
        }
    }

    private JsonNode bounded(JsonNode node) {
        int size = node == null ? 0 : node.toString().length();
        if (size <= maxValueChars) {
            return node;
        }
        ObjectNode cut = json.createObjectNode();
        cut.put("omittedChars", size);
        return cut;
    }

    private static void emit(Logger logger, ObjectNode line) {
        logger.info(line.toString());
    }

    private static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    @Override
    public String toString() {
        return "message log";
    }
}
