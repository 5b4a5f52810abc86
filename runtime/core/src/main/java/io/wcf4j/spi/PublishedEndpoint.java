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
 * @param security   the security mode ({@code none}, {@code transport}, {@code message},
 *                   {@code transport-with-message-credential})
 * @param clientCredentials the credentials a caller may present, e.g. {@code [basic, bearer, certificate]};
 *                   empty when the endpoint authenticates nobody
 * @since 0.1
 */
public record PublishedEndpoint(String name, String service, String contract, String binding, URI address,
                                Map<String, URI> documents, String security, java.util.List<String> clientCredentials) {
    public PublishedEndpoint {
        clientCredentials = java.util.List.copyOf(clientCredentials);
    }
}
