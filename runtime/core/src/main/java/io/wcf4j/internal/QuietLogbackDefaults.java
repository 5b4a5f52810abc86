package io.wcf4j.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import org.slf4j.Logger;

/**
 * What logback does in an application that has no logging configuration of its own: INFO to the console, and the
 * libraries under wcf4j at WARN, instead of logback's own default of DEBUG for everything (a first SOAP host wrote
 * over a hundred lines of CXF's DEBUG before it opened). Logback finds it through {@link java.util.ServiceLoader}
 * and asks it first; it steps aside, changing nothing, as soon as the application has a configuration: a
 * {@code logback.xml} or {@code logback-test.xml} on the classpath, or {@code -Dlogback.configurationFile}. Spring
 * Boot configures logback itself after this. Other SLF4J backends never see it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class QuietLogbackDefaults extends ContextAwareBase implements Configurator {
    /**
     * Libraries whose INFO is about their own start-up and workings, not the application's (CXF logs every declared
     * fault a service throws at INFO): kept at WARN. wcf4j-spring-boot gives Spring Boot's logging the same defaults.
     */
    public static final List<String> QUIETER = List.of("org.apache.cxf", "org.apache.activemq", "org.glassfish.jersey", "io.netty",
        "io.grpc", "org.apache.catalina", "org.apache.tomcat", "org.apache.coyote", "org.apache.wss4j", "org.hibernate.validator");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || hasResource("logback-test.xml") || hasResource("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String name : QUIETER) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean hasResource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null && loader.getResource(name) != null) || QuietLogbackDefaults.class.getClassLoader().getResource(name) != null;
    }
}
