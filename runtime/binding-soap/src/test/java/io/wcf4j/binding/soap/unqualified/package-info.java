/** A package that asks for JAXB's unqualified elements itself: its own @XmlSchema wins over wcf4j's rule. */
@XmlSchema(namespace = "urn:wcf4j:soap:memo", elementFormDefault = XmlNsForm.UNQUALIFIED)
package io.wcf4j.binding.soap.unqualified;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
