package io.wcf4j.binding.tcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wcf4j.FaultCode;
import io.wcf4j.ServiceException;
import io.wcf4j.fuzz.Fuzzed;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.OperationDescription;
import java.util.Set;

/**
 * A CBOR payload in every place a peer can put one: a call's arguments (the server reads them), a reply and a fault
 * (a client reads them from a server it may not trust). Each is read or refused with a typed error.
 */
class CborPayloadFuzzTest {
    private static final ContractDescription CONTRACT = ContractDescription.of(Fuzzed.class);
    private static final Set<FaultCode> CALL_REFUSALS = Set.of(FaultCode.INVALID_ARGUMENT, FaultCode.UNKNOWN_OPERATION);
    private final PayloadCodec codec = new PayloadCodec();

    @FuzzTest
    void callsRepliesAndFaults(byte[] payload) {
        try {
            codec.decodeCall(CONTRACT, payload);
        } catch (ServiceException e) {
            if (!CALL_REFUSALS.contains(e.code())) {
                throw new AssertionError("a call payload refused with " + e.code() + ": " + e.getMessage(), e);
            }
        }
        for (OperationDescription op : CONTRACT.operations()) {
            try {
                codec.decodeValue(op, payload);
            } catch (ServiceException unreadableReply) {
                // the client's typed error for a reply it cannot read
            }
            try {
                if (!(codec.decodeFault(op, payload) instanceof Exception)) {
                    throw new AssertionError("a fault payload decoded to nothing");
                }
            } catch (ServiceException unreadableFault) {
                // likewise
            }
        }
    }
}
