package io.wcf4j.binding.rest;

import io.wcf4j.FaultCode;
import io.wcf4j.http.HttpMetadataCodec;
import io.wcf4j.spi.CallMetadata;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Outcome;
import io.wcf4j.spi.PeerIdentity;
import io.wcf4j.spi.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Reports to the Dispatcher the requests Jersey itself refused before any operation saw them (no operation at the
 * path or for the method, unacceptable media type), so that observe-phase behaviors see every call.
 */
final class RefusalReporter implements ContainerResponseFilter {
    /** Request property set once a request is reported, or reached an operation (which reports for itself). */
    static final String REPORTED = RefusalReporter.class.getName() + ".reported";

    private final ListenContext context;

    RefusalReporter(ListenContext context) {
        this.context = context;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || request.getProperty(REPORTED) != null) {
            return;
        }
        request.setProperty(REPORTED, Boolean.TRUE);
        CallMetadata metadata = HttpMetadataCodec.readOrEmpty(request.getHeaders().keySet(), request.getHeaders()::get);
        int status = response.getStatus();
        FaultCode code = status == 404 || status == 405 ? FaultCode.UNKNOWN_OPERATION : FaultCode.fromHttpStatus(status);
        context.dispatcher().refused(new Refusal(null, context.newContext().metadata(metadata).peer(peer(request)).build(),
                Outcome.error(code, "HTTP " + status + " for " + request.getMethod() + " " + request.getUriInfo().getPath())));
    }

    /** What the web server verified about the peer (the router records it on every request it routes). */
    static PeerIdentity peer(ContainerRequestContext request) {
        return request.getProperty(HttpMetadataCodec.PEER_ATTRIBUTE) instanceof PeerIdentity p ? p : PeerIdentity.UNKNOWN;
    }
}
