package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.Instant;

/**
 * A JAXB adapter that writes an {@link Instant} as an ISO-8601 UTC timestamp ({@code 2024-05-01T12:00:00.123456Z}).
 *
 * <p>JAXB has no built-in mapping for {@code java.time}; the package registers this adapter for every
 * {@code Instant} property of the ledger's data contracts. The text is an {@code xs:string} on the wire, in the
 * same form JSON bindings use, so both bindings carry the same value.
 */
public class InstantXmlAdapter extends XmlAdapter<String, Instant> {

    @Override
    public Instant unmarshal(String value) {
        // JAXB hands over the element text untrimmed when it is an xs:string
        return value == null || value.isBlank() ? null : Instant.parse(value.strip());
    }

    @Override
    public String marshal(Instant value) {
        return value == null ? null : value.toString();
    }
}
