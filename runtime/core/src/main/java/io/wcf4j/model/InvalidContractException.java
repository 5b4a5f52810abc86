package io.wcf4j.model;

/**
 * A contract interface breaks a rule of the contract model. The message names the type or method and the
 * rule, so that the fix is clear from the start-up log alone.
 *
 * @since 0.1
 */
public final class InvalidContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidContractException(String message) {
        super(message);
    }
}
