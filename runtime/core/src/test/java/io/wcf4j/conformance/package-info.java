/** The binding conformance suite and its own small contract. */
@XmlSchema(namespace = "urn:wcf4j:conformance", elementFormDefault = XmlNsForm.QUALIFIED)
package io.wcf4j.conformance;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
