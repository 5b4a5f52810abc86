package io.wcf4j.spring;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code wcf4j.message-logging}: WCF's service-level message logging (see {@link io.wcf4j.observability.MessageLog}).
 *
 * @param enabled      off by default
 * @param serviceLevel each call after decoding: operation, arguments, result or fault (on when enabled)
 * @param transportLevel each message as it was on the wire, envelope, JSON body or frame (off unless asked for)
 * @param services     the services logged; empty for all
 * @param maskFields   field names masked wherever they appear, beside the credentials masked always
 * @param maskPatterns regular expressions whose matches in any text value are masked (account numbers, say)
 * @param maxValueSize the largest the arguments or the result of one call may serialize to; larger ones are left out
 * @param maxMessageSize how much of each message the transport level keeps
 * @param file         where the lines go; relative to {@code wcf4j.data-dir} unless absolute; empty to leave it to
 *                     the logging configuration (loggers {@code wcf4j.messages.<service>})
 * @param maxFileSize  the size at which the file rolls over
 * @param maxHistory   how many days of rolled files are kept
 * @param totalSizeCap the most all rolled files may take together
 */
@ConfigurationProperties("wcf4j.message-logging")
public record MessageLoggingProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("true") boolean serviceLevel,
        @DefaultValue("false") boolean transportLevel,
        @DefaultValue java.util.Set<String> services,
        @DefaultValue List<String> maskFields,
        @DefaultValue List<String> maskPatterns,
        @DefaultValue("4KB") DataSize maxValueSize,
        @DefaultValue("16KB") DataSize maxMessageSize,
        @DefaultValue("logs/messages.jsonl") String file,
        @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("7") int maxHistory,
        @DefaultValue("1GB") DataSize totalSizeCap) {
}
