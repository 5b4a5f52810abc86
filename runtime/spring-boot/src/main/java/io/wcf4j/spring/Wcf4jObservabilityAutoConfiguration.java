package io.wcf4j.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import io.wcf4j.ServiceHost;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.observability.CallMetrics;
import io.wcf4j.observability.CallTracing;
import io.wcf4j.observability.ClientCallMetrics;
import io.wcf4j.observability.ClientCallTracing;
import io.wcf4j.observability.HostMetrics;
import io.wcf4j.observability.LiveStatistics;
import io.wcf4j.observability.MessageLog;
import io.wcf4j.observability.MessageMasking;
import io.wcf4j.observability.TransportMessageLog;
import io.wcf4j.spi.DispatchBehavior;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * What an operator sees of the services, as behaviors that join every service's Dispatcher and the callbacks'
 * outbound pipeline (see {@link Wcf4jAutoConfiguration#wcf4jHosts}):
 *
 * <ul>
 *   <li>metrics, when the application has a Micrometer registry (the actuator brings one) and
 *       {@code wcf4j.metrics.enabled} is not false: {@link CallMetrics}, {@link ClientCallMetrics} and the
 *       throttle's gauges per service;
 *   <li>tracing, only when {@code wcf4j.tracing.enabled=true}: {@link CallTracing} and {@link ClientCallTracing} on
 *       the application's {@link OpenTelemetry} bean, else on an SDK built from {@code wcf4j.tracing.*}
 *       ({@link TracingSdk});
 *   <li>the message log, only when {@code wcf4j.message-logging.enabled=true} ({@link MessageLoggingProperties});
 *   <li>the operator's view at {@code /operator} ({@link OperatorViewServlet}), unless {@code wcf4j.operator-view.enabled=false}.
 * </ul>
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(CallMetrics.class)
public final class Wcf4jObservabilityAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(name = "wcf4j.metrics.enabled", matchIfMissing = true)
    static class Metrics {
        @Bean
        CallMetrics wcf4jCallMetrics(MeterRegistry registry) {
            return new CallMetrics(registry);
        }

        @Bean
        ClientCallMetrics wcf4jClientCallMetrics(MeterRegistry registry) {
            return new ClientCallMetrics(registry);
        }

        /** The throttle's gauges of every configured service, read from whichever host serves it at the time. */
        @Bean
        MeterBinder wcf4jHostMetrics(Wcf4jConfig config, ObjectProvider<Wcf4jHosts> hosts) {
            return registry -> config.services().keySet().forEach(service -> HostMetrics.bindThrottle(registry, service,
                    () -> hostNamed(hosts.getIfAvailable(), service)));
        }

        /** The endpoints' statistics, registered once the hosts have opened them (the endpoints are known only then). */
        @Bean
        SmartLifecycle wcf4jEndpointMetrics(MeterRegistry registry, ObjectProvider<Wcf4jHosts> hosts) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    Wcf4jHosts all = hosts.getIfAvailable();
                    if (all != null) {
                        all.hosts().forEach(h -> HostMetrics.bindEndpoints(registry, h.name(), () -> hostNamed(hosts.getIfAvailable(), h.name())));
                    }
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return Wcf4jHosts.PHASE + 1;
                }
            };
        }

        private static ServiceHost hostNamed(Wcf4jHosts hosts, String service) {
            return hosts == null ? null : hosts.hosts().stream().filter(h -> h.name().equals(service)).findFirst().orElse(null);
        }
    }

    /** The operator's view: {@code GET /operator} (see {@link OperatorViewServlet}); {@code wcf4j.operator-view.enabled=false} turns it off. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "wcf4j.operator-view.enabled", matchIfMissing = true)
    static class OperatorView {
        @Bean
        LiveStatistics wcf4jLiveStatistics() {
            return new LiveStatistics();
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        ServletRegistrationBean<OperatorViewServlet> wcf4jOperatorView(Wcf4jHosts hosts, LiveStatistics live, Wcf4jConfig config) {
            ServletRegistrationBean<OperatorViewServlet> reg = new ServletRegistrationBean<>(
                    new OperatorViewServlet(hosts, live, config.publicHost()), "/operator");
            reg.setName("wcf4j-operator-view");
            return reg;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "wcf4j.tracing.enabled", havingValue = "true")
    static class Tracing {
        @Bean
        @ConditionalOnMissingBean(OpenTelemetry.class)
        io.opentelemetry.sdk.OpenTelemetrySdk wcf4jOpenTelemetry(Environment env) {
            return TracingSdk.fromEnvironment(env);
        }

        @Bean
        CallTracing wcf4jCallTracing(OpenTelemetry openTelemetry) {
            return new CallTracing(openTelemetry);
        }

        @Bean
        DispatchBehavior wcf4jCallTracingScope() {
            return CallTracing.scope();
        }

        @Bean
        ClientCallTracing wcf4jClientCallTracing(OpenTelemetry openTelemetry) {
            return new ClientCallTracing(openTelemetry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "wcf4j.message-logging.enabled", havingValue = "true")
    @EnableConfigurationProperties(MessageLoggingProperties.class)
    static class MessageLogging {
        @Bean
        MessageMasking wcf4jMessageMasking(MessageLoggingProperties properties, Environment env) {
            // the file first: the loggers must be on before the endpoints open and ask whether anyone listens. The class
            // is looked for here: MessageLogFile itself is built on Logback, which an application may not have
            if (ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", getClass().getClassLoader())) {
                MessageLogFile.attach(properties, Path.of(env.getProperty("wcf4j.data-dir", "./data")));
            } else if (!properties.file().isBlank()) {
                LoggerFactory.getLogger(MessageLogFile.class).warn("wcf4j.message-logging.file is set but Logback is not "
                        + "on the classpath: route the loggers {}* in the logging configuration instead", MessageLog.LOGGER_PREFIX);
            }
            return new MessageMasking(properties.maskFields(), properties.maskPatterns());
        }

        @Bean
        @ConditionalOnProperty(name = "wcf4j.message-logging.service-level", matchIfMissing = true)
        MessageLog wcf4jMessageLog(MessageLoggingProperties properties, MessageMasking masking) {
            return new MessageLog(masking, (int) Math.min(Integer.MAX_VALUE, properties.maxValueSize().toBytes()),
                    properties.services());
        }

        /** The transport level: the hosts give it to their bindings (see {@link Wcf4jAutoConfiguration#wcf4jHosts}). */
        @Bean
        @ConditionalOnProperty(name = "wcf4j.message-logging.transport-level", havingValue = "true")
        TransportMessageLog wcf4jTransportMessageLog(MessageLoggingProperties properties, MessageMasking masking) {
            return new TransportMessageLog(masking, (int) Math.min(Integer.MAX_VALUE, properties.maxMessageSize().toBytes()),
                    properties.services());
        }
    }
}
