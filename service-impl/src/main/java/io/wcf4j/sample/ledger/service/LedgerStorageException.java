package io.wcf4j.sample.ledger.service;

/**
 * An unchecked exception saying that the ledger's database failed in a way the contract does not declare.
 *
 * <p>It is not a fault of the contract, so callers see it as an internal error with no detail; the cause, kept
 * here, is for the service's own logs.
 */
public class LedgerStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
