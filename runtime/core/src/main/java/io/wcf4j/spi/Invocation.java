package io.wcf4j.spi;

import io.wcf4j.model.OperationDescription;
import java.util.Arrays;
import java.util.Objects;

/**
 * One call as the Dispatcher sees it, whatever wire it came from: the operation, its arguments (in the
 * contract method's order) and the {@link InvocationContext}.
 *
 * @since 0.1
 */
public final class Invocation {
    private final OperationDescription operation;
    private final Object[] arguments;
    private final InvocationContext context;

    public Invocation(OperationDescription operation, Object[] arguments, InvocationContext context) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.arguments = arguments == null ? new Object[0] : arguments;
        this.context = Objects.requireNonNull(context, "context");
        if (this.arguments.length != operation.parameters().size()) {
            throw new IllegalArgumentException("operation " + operation.name() + " takes "
                    + operation.parameters().size() + " arguments, got " + this.arguments.length);
        }
    }

    public OperationDescription operation() {
        return operation;
    }

    /** The arguments; the array is the invocation's own, behaviors may not replace it. */
    public Object[] arguments() {
        return arguments;
    }

    public InvocationContext context() {
        return context;
    }

    @Override
    public String toString() {
        return "Invocation[" + operation.name() + ", " + arguments.length + " args]" + (arguments.length > 0 ? "" : Arrays.toString(arguments));
    }
}
