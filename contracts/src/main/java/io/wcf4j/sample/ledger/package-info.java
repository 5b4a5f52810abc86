/**
 * The bank-ledger sample contract: the {@link io.wcf4j.sample.ledger.Ledger} interface, its data contracts and
 * its declared faults.
 *
 * <p>Every type lives in the contract namespace so that SOAP messages and their payloads share one schema.
 * {@link java.time.Instant} has no JAXB mapping of its own, hence the package-wide adapter.
 */
@XmlSchema(namespace = "http://wcf4j.io/samples/ledger", elementFormDefault = XmlNsForm.QUALIFIED)
@XmlJavaTypeAdapters(@XmlJavaTypeAdapter(type = Instant.class, value = InstantXmlAdapter.class))
package io.wcf4j.sample.ledger;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapters;
import java.time.Instant;
