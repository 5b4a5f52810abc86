package io.wcf4j.sample.ledger;

import io.wcf4j.annotation.RestResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.jws.Oneway;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;

/**
 * The bank-ledger service contract: accounts holding money and transfers moving it between them.
 *
 * <p>The same interface describes the SOAP operations (named as the methods) and the REST resources (paths
 * relative to the endpoint address). Money is a {@link BigDecimal} with at most two decimals; the service never
 * rounds an amount, it refuses it. Transfers are idempotent by their caller-chosen request id.
 *
 * <p>Who may call what ({@code @RolesAllowed}, checked by the framework on every binding; anonymous callers may call
 * nothing): a {@value #TELLER} opens accounts and moves money between any accounts; a {@value #CUSTOMER} reads and
 * moves money only from the accounts it owns (an account's owner is the principal's name; the service checks
 * that); an {@value #AUDITOR} reads accounts, statements and totals.
 */
@WebService(name = "Ledger", targetNamespace = "http://wcf4j.io/samples/ledger")
public interface Ledger {
    /** The role of bank staff: opens accounts, moves money between any accounts, reads everything. */
    String TELLER = "teller";
    /** The role of an account holder: reads and debits only its own accounts. */
    String CUSTOMER = "customer";
    /** The role of a read-only inspector: accounts, statements and totals. */
    String AUDITOR = "auditor";

    /**
     * Opens an account with an initial deposit, which may be zero.
     *
     * @throws InvalidAmountException when the deposit is missing, negative or has more than two decimals
     */
    @RolesAllowed({TELLER})
    @POST
    @Path("accounts")
    @RestResponse(status = 201, location = "accounts/{id}")
    @WebResult(name = "account")
    Account openAccount(@WebParam(name = "owner") String owner,
                        @WebParam(name = "initialDeposit") BigDecimal initialDeposit) throws InvalidAmountException;

    /**
     * The account with this id.
     *
     * @throws AccountNotFoundException when there is none
     */
    @RolesAllowed({TELLER, CUSTOMER, AUDITOR})
    @GET
    @Path("accounts/{id}")
    @WebResult(name = "account")
    Account getAccount(@PathParam("id") @WebParam(name = "accountId") long accountId) throws AccountNotFoundException;

    /**
     * Moves money between two accounts, once per request id: repeating a request id returns the first transfer's
     * receipt and moves nothing.
     *
     * @throws AccountNotFoundException   when either account does not exist
     * @throws InsufficientFundsException when the debited account has less than the amount
     * @throws InvalidAmountException     when the amount is not a positive number of cents within the service's
     *                                    limit, or both accounts are the same
     */
    @RolesAllowed({TELLER, CUSTOMER})
    @POST
    @Path("transfers")
    @WebResult(name = "receipt")
    TransferReceipt transfer(@WebParam(name = "request") TransferRequest request)
            throws AccountNotFoundException, InsufficientFundsException, InvalidAmountException;

    /**
     * Queues a transfer and returns at once. One-way: a failing transfer has nobody to tell, so the service only
     * logs it; callers that need the outcome use {@link #transfer} with the same request id later.
     */
    @RolesAllowed({TELLER, CUSTOMER})
    @Oneway
    @POST
    @Path("transfers/queued")
    void submitTransfer(@WebParam(name = "request") TransferRequest request);

    /**
     * The newest {@code limit} entries of an account, oldest first.
     *
     * @param limit how many entries; zero or less means 50, and more than 1000 means 1000
     * @throws AccountNotFoundException when the account does not exist
     */
    @RolesAllowed({TELLER, CUSTOMER, AUDITOR})
    @GET
    @Path("accounts/{id}/statement")
    @WebResult(name = "statement")
    Statement getStatement(@PathParam("id") @WebParam(name = "accountId") long accountId,
                           @QueryParam("limit") @WebParam(name = "limit") int limit) throws AccountNotFoundException;

    /** The number of accounts and the sum of their balances. */
    @RolesAllowed({TELLER, AUDITOR})
    @GET
    @Path("totals")
    @WebResult(name = "totals")
    Totals getTotals();
}
