/** For SOAP: the data contracts' elements in the contract's namespace, as the wrapper elements are. */
@XmlSchema(namespace = "urn:example:greeter", elementFormDefault = XmlNsForm.QUALIFIED)
package com.example.greeter;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
