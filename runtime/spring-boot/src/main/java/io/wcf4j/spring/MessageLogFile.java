package io.wcf4j.spring;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.wcf4j.observability.MessageLog;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The message log's own rolling file of JSON lines, set up on Logback (Spring Boot's default logging) whatever the
 * rest of the logging configuration says: the {@code wcf4j.messages} loggers at INFO, into this file only (not the
 * console), rolled daily and at {@code max-file-size}, compressed, {@code max-history} days kept; written on a
 * thread of its own (Logback's AsyncAppender, which loses nothing: a full queue makes the caller wait).
 */
final class MessageLogFile {
    static final String APPENDER = "wcf4j-message-log";

    private MessageLogFile() {
    }

    static void attach(MessageLoggingProperties properties, Path dataDir) {
        if (properties.file() == null || properties.file().isBlank()) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            LoggerFactory.getLogger(MessageLogFile.class).warn("wcf4j.message-logging.file is set but logging is not Logback: "
                    + "route the loggers {}* in the logging configuration instead", MessageLog.LOGGER_PREFIX);
            return;
        }
        LoggerContext context = (LoggerContext) factory;
        String file = dataDir.resolve(properties.file()).toAbsolutePath().normalize().toString();
        ch.qos.logback.classic.Logger logger = context.getLogger(MessageLog.LOGGER_PARENT);
        Appender<ILoggingEvent> previous = logger.getAppender(APPENDER);
        if (previous != null) {
            // another application context in this JVM set it up: the newer configuration wins
            logger.detachAppender(previous);
            previous.stop();
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file);
        appender.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        rolling.setMaxFileSize(new FileSize(properties.maxFileSize().toBytes()));
        rolling.setMaxHistory(properties.maxHistory());
        rolling.setTotalSizeCap(new FileSize(properties.totalSizeCap().toBytes()));
        rolling.start();
        appender.setRollingPolicy(rolling);
        appender.start();
        // the file is written on a thread of its own, so a call does not wait for the disk; a full queue makes the
        // calls wait rather than lose lines (nothing is discarded, whatever the level)
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(APPENDER);
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.addAppender(appender);
        async.start();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(async);
    }
}
