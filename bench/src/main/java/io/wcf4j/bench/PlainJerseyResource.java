package io.wcf4j.bench;

import io.wcf4j.sample.ledger.Account;
import io.wcf4j.sample.ledger.AccountNotFoundException;
import io.wcf4j.sample.ledger.InsufficientFundsException;
import io.wcf4j.sample.ledger.InvalidAmountException;
import io.wcf4j.sample.ledger.Ledger;
import io.wcf4j.sample.ledger.Statement;
import io.wcf4j.sample.ledger.TransferReceipt;
import io.wcf4j.sample.ledger.TransferRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/** The ledger operations the harness calls, as a plain JAX-RS resource (what a Jersey user would write by hand). */
@Path("/ledger")
@Produces("application/json")
@Consumes("application/json")
public class PlainJerseyResource {
    private final Ledger ledger;

    public PlainJerseyResource(Ledger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("accounts/{id}")
    public Account getAccount(@PathParam("id") long id) throws AccountNotFoundException {
        return ledger.getAccount(id);
    }

    @POST
    @Path("transfers")
    public TransferReceipt transfer(TransferRequest request)
            throws AccountNotFoundException, InsufficientFundsException, InvalidAmountException {
        return ledger.transfer(request);
    }

    @GET
    @Path("accounts/{id}/statement")
    public Statement statement(@PathParam("id") long id, @QueryParam("limit") int limit) throws AccountNotFoundException {
        return ledger.getStatement(id, limit);
    }
}
