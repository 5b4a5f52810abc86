package io.wcf4j.sample.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks that the data contracts and fault-info beans map to XML with a real JAXB implementation: annotations
 * consistent (a wrong {@code propOrder} only fails at run time), the contract namespace, the {@code Instant}
 * adapter and the {@code <entries>} element name.
 */
class DataContractXmlTest {
    private static final String NS = "http://wcf4j.io/samples/ledger";
    private static final Instant AT = Instant.parse("2024-05-01T12:34:56.123456Z");

    private static JAXBContext jaxb;

    @BeforeAll
    static void context() throws JAXBException {
        jaxb = JAXBContext.newInstance(Account.class, TransferRequest.class, TransferReceipt.class, Statement.class,
                StatementEntry.class, Totals.class, AccountNotFound.class, InsufficientFunds.class, InvalidAmount.class);
    }

    @Test
    void receiptRoundTripsWithItsTimestamp() throws JAXBException {
        TransferReceipt receipt = new TransferReceipt(3, "req-1", 1, 2, new BigDecimal("25.00"),
                new BigDecimal("75.00"), new BigDecimal("125.00"), AT);
        String xml = marshal("receipt", receipt);
        assertThat(xml).contains("xmlns=\"" + NS + "\"")
                .contains("<timestamp>2024-05-01T12:34:56.123456Z</timestamp>")
                .contains("<fromBalance>75.00</fromBalance>");
        assertThat(unmarshal(xml, TransferReceipt.class)).isEqualTo(receipt);
    }

    @Test
    void statementEntriesAreEntryElements() throws JAXBException {
        Statement statement = new Statement(1, List.of(
                new StatementEntry(null, new BigDecimal("100.00"), new BigDecimal("100.00"), AT),
                new StatementEntry(3L, new BigDecimal("-25.00"), new BigDecimal("75.00"), AT.plusSeconds(1))));
        String xml = marshal("statement", statement);
        assertThat(xml).contains("<entries>").doesNotContain("<entry>");
        Statement back = unmarshal(xml, Statement.class);
        assertThat(back).isEqualTo(statement);
        assertThat(back.getEntries().get(0).getTransferId()).isNull();
    }

    @Test
    void otherBeansRoundTrip() throws JAXBException {
        for (Object bean : List.of(new Account(1, "Ada", new BigDecimal("10.00")),
                new TransferRequest("r", 1, 2, new BigDecimal("0.01")), new Totals(2, new BigDecimal("0.00")),
                new AccountNotFound(42), new InsufficientFunds(7, new BigDecimal("10.00"), new BigDecimal("25.00")),
                new InvalidAmount(new BigDecimal("-1"), "must be positive"))) {
            assertThat(unmarshal(marshal("x", bean), bean.getClass())).isEqualTo(bean);
        }
    }

    @Test
    void emptyStatementListIsNeverNull() {
        Statement s = new Statement();
        s.setEntries(null);
        assertThat(s.getEntries()).isEmpty();
        assertThat(new Statement(1, null).getEntries()).isEmpty();
    }

    @Test
    void amountsCompareNumerically() {
        assertThat(new Account(1, "Ada", new BigDecimal("10.0"))).isEqualTo(new Account(1, "Ada", new BigDecimal("10.00")))
                .hasSameHashCodeAs(new Account(1, "Ada", new BigDecimal("10.00")));
        assertThat(new Totals(0, BigDecimal.ZERO)).hasSameHashCodeAs(new Totals(0, new BigDecimal("0.00")));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String marshal(String element, Object bean) throws JAXBException {
        Marshaller m = jaxb.createMarshaller();
        StringWriter out = new StringWriter();
        m.marshal(new JAXBElement(new QName(NS, element), bean.getClass(), bean), out);
        return out.toString();
    }

    private static <T> T unmarshal(String xml, Class<T> type) throws JAXBException {
        return jaxb.createUnmarshaller().unmarshal(new StreamSource(new StringReader(xml)), type).getValue();
    }
}
