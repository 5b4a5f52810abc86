package io.wcf4j.spi;

import io.wcf4j.config.DataSize;
import io.wcf4j.config.Setting;
import java.time.Duration;

/**
 * Settings that every binding accepts, with the same meaning everywhere.
 *
 * @since 0.1
 */
public final class CommonSettings {
    /** The largest message an endpoint or client accepts; larger ones are refused with MESSAGE_TOO_LARGE. */
    public static final Setting<DataSize> MAX_RECEIVED_MESSAGE_SIZE =
            Setting.size("max-received-message-size", DataSize.ofMegabytes(1));

    /** How long a client waits for a reply before it gives up with DEADLINE_EXCEEDED. */
    public static final Setting<Duration> SEND_TIMEOUT = Setting.duration("send-timeout", Duration.ofSeconds(30));

    /** The deadline header that HTTP-based bindings send: the caller's remaining time, in milliseconds. */
    public static final String TIMEOUT_HEADER = "Wcf4j-Timeout";

    private CommonSettings() {
    }
}
