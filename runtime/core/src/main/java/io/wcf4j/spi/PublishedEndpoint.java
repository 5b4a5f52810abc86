package io.wcf4j.spi;

import java.net.URI;
import java.util.Map;

/**
 * An open endpoint as metadata describes it.
 *
 * @param name       the endpoint name
 * @param service    the service name
 * @param contract   the contract interface's name
 * @param binding    the binding type
 * @param address    the address listened on (its host may be a wildcard; metadata replaces it)
 * @param documents  descriptive documents by kind ({@code wsdl}, {@code openapi})
 * @since 0.1
 */
public record PublishedEndpoint(String name, String service, String contract, String binding, URI address,
                                Map<String, URI> documents) {
}
