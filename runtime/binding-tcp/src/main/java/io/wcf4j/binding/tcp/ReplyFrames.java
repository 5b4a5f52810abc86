package io.wcf4j.binding.tcp;

import io.wcf4j.FaultCode;
import io.wcf4j.spi.Outcome;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reply encoding: the frame that answers a call, with the outcome's response metadata as headers. A value is a
 * REPLY with the CBOR result (an empty REPLY acknowledges a one-way call); a declared fault or an error is a FAULT.
 * A result that cannot be encoded still gets an answer: INTERNAL, with a reference that the log line carries.
 */
final class ReplyFrames {
    private static final Logger log = LoggerFactory.getLogger(ReplyFrames.class);

    private ReplyFrames() {
    }

    static Frame answer(PayloadCodec codec, long cid, Outcome outcome, boolean oneWay, String where) {
        try {
            var headers = FrameMetadata.write(outcome.metadata());
            return switch (outcome.kind()) {
                case VALUE -> Frame.of(FrameType.REPLY, cid, headers, oneWay ? Frame.EMPTY : codec.encodeValue(outcome.value()));
                case FAULT -> Frame.of(FrameType.FAULT, cid, headers, codec.encodeFault(outcome.faultDescription(), outcome.fault()));
                case ERROR -> Frame.of(FrameType.FAULT, cid, headers, codec.encodeError(outcome.errorCode(), outcome.errorMessage()));
            };
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            log.error("{}: cannot encode the answer to call {} (reference {})", where, cid, reference, e);
            return error(codec, cid, FaultCode.INTERNAL, "internal error (reference " + reference + ")");
        }
    }

    static Frame error(PayloadCodec codec, long cid, FaultCode code, String message) {
        return Frame.of(FrameType.FAULT, cid, codec.encodeError(code, message));
    }
}
