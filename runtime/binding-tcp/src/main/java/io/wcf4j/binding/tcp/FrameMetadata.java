package io.wcf4j.binding.tcp;

import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.Deadlines;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call metadata of net.tcp and net.pipe in frame headers, both ways (docs/tcp-framing.md): each metadata key is
 * a header of the same name, several values joined with {@code ", "} as in HTTP; the deadline is the
 * {@code deadline} header, the sender's remaining time in milliseconds. The {@code principal} header is no longer
 * accepted from a peer: identity comes from what the transport verified and the authentication stage, never from a
 * header the caller wrote, so it is dropped.
 *
 * <p>Stateless and thread-safe.
 */
final class FrameMetadata {
    private static final Logger log = LoggerFactory.getLogger(FrameMetadata.class);
    static final String DEADLINE = "deadline";
    /** Once the caller's claimed identity; dropped on receipt. */
    static final String PRINCIPAL = "principal";

    private FrameMetadata() {
    }

    /**
     * The metadata of a received frame's headers.
     *
     * @throws ServiceException INVALID_ARGUMENT for a {@code deadline} that is not a number of milliseconds
     */
    static CallMetadata read(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return CallMetadata.EMPTY;
        }
        CallMetadata.Builder b = CallMetadata.builder();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String key = h.getKey();
            if (key.equalsIgnoreCase(DEADLINE)) {
                b.deadline(Deadlines.fromRemainingMillis(h.getValue(), "frame header 'deadline'"));
            } else if (key.equalsIgnoreCase(PRINCIPAL)) {
                log.debug("dropped a 'principal' frame header: a caller cannot claim an identity");
            } else {
                b.addIfValid(key, h.getValue());
            }
        }
        return b.build();
    }

    /**
     * The frame headers of metadata to send.
     *
     * @throws ServiceException INVALID_ARGUMENT when it does not fit a frame (more than 64 headers, a value over
     *                          65,535 bytes)
     */
    static Map<String, String> write(CallMetadata metadata) {
        if (metadata.isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : metadata.asMap().entrySet()) {
            if (e.getKey().equals(DEADLINE) || e.getKey().equals(PRINCIPAL)) {
                continue;
            }
            String value = String.join(", ", e.getValue());
            if (value.getBytes(StandardCharsets.UTF_8).length > 65_535) {
                throw new ServiceException(FaultCode.INVALID_ARGUMENT, "metadata '" + e.getKey()
                        + "' is longer than a frame header may be (65,535 bytes)");
            }
            headers.put(e.getKey(), value);
        }
        if (metadata.deadline() != null) {
            headers.put(DEADLINE, Long.toString(Deadlines.remainingMillis(metadata.deadline())));
        }
        if (headers.size() > FrameDecoder.MAX_HEADERS) {
            throw new ServiceException(FaultCode.INVALID_ARGUMENT, "metadata of " + headers.size()
                    + " entries does not fit a frame (at most " + FrameDecoder.MAX_HEADERS + " headers)");
        }
        return headers;
    }
}
