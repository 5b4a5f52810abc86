package io.wcf4j.sample.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import io.wcf4j.binding.rest.RestContract;
import io.wcf4j.binding.rest.RestOperation;
import io.wcf4j.binding.rest.RestParameter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the core contract model and the REST binding's mapping accept {@link Ledger} and read it as the sample intends. */
class LedgerContractTest {
    private static final String NS = "http://wcf4j.io/samples/ledger";

    private final ContractDescription contract = ContractDescription.of(Ledger.class);
    private final RestContract restContract = RestContract.of(contract);

    @Test
    void nameNamespaceAndOperations() {
        assertThat(contract.name()).isEqualTo("Ledger");
        assertThat(contract.namespace()).isEqualTo(NS);
        assertThat(contract.operations()).extracting(OperationDescription::name).containsExactlyInAnyOrder(
                "openAccount", "getAccount", "transfer", "submitTransfer", "getStatement", "getTotals");
    }

    @Test
    void openAccountCreatesWith201AndLocation() {
        OperationDescription op = op("openAccount");
        assertRest(op, "POST", "accounts", 201);
        assertThat(rest(op).location()).isEqualTo("accounts/{id}");
        assertThat(op.returnType()).isEqualTo(Account.class);
        assertThat(op.parameters()).extracting(ParameterDescription::name).containsExactly("owner", "initialDeposit");
        assertThat(rest(op).parameters()).extracting(RestParameter::source)
                .containsOnly(RestParameter.Source.BODY);
        assertThat(op.parameters().get(1).type()).isEqualTo(BigDecimal.class);
        // two body parameters: the JSON body is an object with one field per parameter
        assertThat(rest(op).bareBody()).isFalse();
        assertThat(faultNames(op)).containsExactly("InvalidAmount");
    }

    @Test
    void getAccountReadsThePathVariable() {
        OperationDescription op = op("getAccount");
        assertRest(op, "GET", "accounts/{id}", 200);
        ParameterDescription id = op.parameters().get(0);
        assertThat(id.name()).isEqualTo("accountId");
        assertThat(rest(op).parameters().get(0).source()).isEqualTo(RestParameter.Source.PATH);
        assertThat(rest(op).parameters().get(0).restName()).isEqualTo("id");
        assertThat(faultNames(op)).containsExactly("AccountNotFound");
    }

    @Test
    void transferTakesTheRequestAsABareBody() {
        OperationDescription op = op("transfer");
        assertRest(op, "POST", "transfers", 200);
        assertThat(op.oneWay()).isFalse();
        assertThat(rest(op).bareBody()).isTrue();
        assertThat(op.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("request");
            assertThat(p.type()).isEqualTo(TransferRequest.class);
        });
        assertThat(op.returnType()).isEqualTo(TransferReceipt.class);
        assertThat(faultNames(op)).containsExactlyInAnyOrder("AccountNotFound", "InsufficientFunds", "InvalidAmount");
    }

    @Test
    void submitTransferIsOneWayAndAccepted() {
        OperationDescription op = op("submitTransfer");
        assertThat(op.oneWay()).isTrue();
        assertThat(op.hasResult()).isFalse();
        assertThat(op.faults()).isEmpty();
        assertRest(op, "POST", "transfers/queued", 202);
    }

    @Test
    void getStatementTakesPathAndQuery() {
        OperationDescription op = op("getStatement");
        assertRest(op, "GET", "accounts/{id}/statement", 200);
        assertThat(op.parameters()).extracting(ParameterDescription::name).containsExactly("accountId", "limit");
        assertThat(rest(op).parameters()).extracting(RestParameter::source)
                .containsExactly(RestParameter.Source.PATH, RestParameter.Source.QUERY);
        assertThat(rest(op).parameters()).extracting(RestParameter::restName).containsExactly("id", "limit");
        assertThat(op.returnType()).isEqualTo(Statement.class);
        assertThat(faultNames(op)).containsExactly("AccountNotFound");
    }

    @Test
    void getTotalsHasNoParametersAndNoFaults() {
        OperationDescription op = op("getTotals");
        assertRest(op, "GET", "totals", 200);
        assertThat(op.parameters()).isEmpty();
        assertThat(op.faults()).isEmpty();
        assertThat(op.returnType()).isEqualTo(Totals.class);
    }

    @Test
    void faultsHaveTheirNamesStatusesAndInfoTypes() {
        List<FaultDescription> faults = op("transfer").faults();
        assertThat(fault(faults, "AccountNotFound")).satisfies(f -> {
            assertThat(f.exceptionType()).isEqualTo(AccountNotFoundException.class);
            assertThat(f.faultInfoType()).isEqualTo(AccountNotFound.class);
            assertThat(f.httpStatus()).isEqualTo(404);
        });
        assertThat(fault(faults, "InsufficientFunds")).satisfies(f -> {
            assertThat(f.exceptionType()).isEqualTo(InsufficientFundsException.class);
            assertThat(f.faultInfoType()).isEqualTo(InsufficientFunds.class);
            assertThat(f.httpStatus()).isEqualTo(409);
        });
        assertThat(fault(faults, "InvalidAmount")).satisfies(f -> {
            assertThat(f.exceptionType()).isEqualTo(InvalidAmountException.class);
            assertThat(f.faultInfoType()).isEqualTo(InvalidAmount.class);
            assertThat(f.httpStatus()).isEqualTo(400);
        });
    }

    @Test
    void faultsRoundTripThroughTheirDescriptions() {
        // what a client proxy does with a fault read off the wire
        FaultDescription f = fault(op("transfer").faults(), "InsufficientFunds");
        InsufficientFunds info = new InsufficientFunds(7, new BigDecimal("10.00"), new BigDecimal("25.00"));
        Exception rebuilt = f.newException("account 7 has 10.00, transfer needs 25.00", info);
        assertThat(rebuilt).isInstanceOf(InsufficientFundsException.class)
                .hasMessage("account 7 has 10.00, transfer needs 25.00");
        assertThat(f.faultInfo(rebuilt)).isSameAs(info);
    }

    private OperationDescription op(String name) {
        return contract.operation(name).orElseThrow();
    }

    private RestOperation rest(OperationDescription op) {
        return restContract.operation(op);
    }

    private void assertRest(OperationDescription op, String method, String path, int status) {
        RestOperation rest = rest(op);
        assertThat(rest.httpMethod()).as(op.name() + " method").isEqualTo(method);
        assertThat(rest.path()).as(op.name() + " path").isEqualTo(path);
        assertThat(rest.successStatus()).as(op.name() + " status").isEqualTo(status);
        assertThat(rest.explicit()).as(op.name() + " explicit").isTrue();
    }

    private static List<String> faultNames(OperationDescription op) {
        return op.faults().stream().map(FaultDescription::name).toList();
    }

    private static FaultDescription fault(List<FaultDescription> faults, String name) {
        return faults.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
