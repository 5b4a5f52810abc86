package io.wcf4j.conformance;

import io.wcf4j.OperationContext;

/** The suite's duplex service: calls back from inside its operation. */
public class ConformanceDuplexImpl implements ConformanceDuplex {
    @Override
    public String ping(String text) {
        ConformanceCallback caller = OperationContext.current().callback(ConformanceCallback.class);
        caller.notice(text);
        return caller.pong(text);
    }
}
