package io.wcf4j.spi;

import io.wcf4j.model.ContractDescription;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Writes a contract's binding-independent description, which a host publishes for each endpoint as
 * {@code /metadata/<endpoint>.contract.json} (document kind {@code contract}): its operations with their parameters,
 * results and faults, and its data contracts' fields, named and typed as every binding carries them. Tools that
 * have no copy of the contract's classes read it (the CLI's {@code describe}, the web test client). Found with
 * {@link ServiceLoader}; {@code wcf4j-databind} provides it.
 *
 * @since 0.1
 */
public interface ContractDocuments {

    /** The description, as JSON (see docs/wire-formats.md, "Contract description"). */
    String json(ContractDescription contract);

    /** The writer on the class path, if there is one. */
    static Optional<ContractDocuments> find() {
        return ServiceLoader.load(ContractDocuments.class, ContractDocuments.class.getClassLoader()).findFirst();
    }
}
