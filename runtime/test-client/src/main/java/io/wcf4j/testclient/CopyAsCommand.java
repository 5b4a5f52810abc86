package io.wcf4j.testclient;

import io.wcf4j.spi.WireTap;
import java.util.List;

/**
 * The call the test client just made, as a command a user can paste into a shell: {@code curl} with the request as it
 * went over the wire (SOAP and REST), {@code grpcurl} with the message in protobuf's JSON form (gRPC; the host serves
 * reflection). Credentials come from environment variables, never from what was typed into the page. net.tcp and
 * SOAP/JMS have no such tool: the page's {@code wcf4j call} command is their copy. Nor has a message the test client
 * signed with its certificate: its Body is encrypted for the service, and the service refuses the same signed
 * Timestamp twice.
 */
final class CopyAsCommand {
    private static final String END = "WCF4J_EOF";

    private CopyAsCommand() {
    }

    /** The command, or null when the binding has none or nothing was sent. */
    static String of(OwnEndpoints.Reach reach, List<WireRecording.Message> wire, OwnEndpoints.Credentials credentials) {
        WireRecording.Message sent = wire.stream().filter(m -> m.direction() == WireTap.Direction.SENT).findFirst().orElse(null);
        if (sent == null || sent.length() > WireRecording.MAX_BYTES || reach.signer() != null) {
            return null;
        }
        boolean tls = reach.binding().settings().containsKey("tls-trust");
        return switch (reach.binding().type()) {
            case "soap-http", "rest-json" -> curl(sent, tls, credentials);
            case "grpc" -> grpcurl(reach, sent, tls, credentials);
            default -> null;
        };
    }

    private static String curl(WireRecording.Message sent, boolean tls, OwnEndpoints.Credentials credentials) {
        int space = sent.kind().indexOf(' ');
        if (space < 0) {
            return null;
        }
        String method = sent.kind().substring(0, space);
        String url = sent.kind().substring(space + 1);
        StringBuilder sb = new StringBuilder("curl -sS -X ").append(method).append(' ').append(quote(url));
        if (tls) {
            sb.append(" --cacert ca.pem");
        }
        if (credentials.user() != null) {
            sb.append(" -u \"$WCF4J_USER:$WCF4J_PASSWORD\"");
        } else if (credentials.token() != null) {
            sb.append(" -H \"Authorization: Bearer $WCF4J_TOKEN\"");
        }
        if (!sent.text().isEmpty()) {
            sb.append(" -H ").append(quote("Content-Type: " + (sent.contentType() == null ? "application/octet-stream" : sent.contentType())));
            sb.append(" --data-binary @- <<'").append(END).append("'\n").append(sent.text()).append('\n').append(END);
        }
        return sb.toString();
    }

    private static String grpcurl(OwnEndpoints.Reach reach, WireRecording.Message sent, boolean tls, OwnEndpoints.Credentials credentials) {
        int slash = sent.kind().indexOf(" /");
        if (slash < 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder("grpcurl ").append(tls ? "-cacert ca.pem" : "-plaintext");
        if (credentials.user() != null) {
            sb.append(" -H \"authorization: Basic $(printf '%s:%s' \"$WCF4J_USER\" \"$WCF4J_PASSWORD\" | base64)\"");
        } else if (credentials.token() != null) {
            sb.append(" -H \"authorization: Bearer $WCF4J_TOKEN\"");
        }
        sb.append(" -d @ ").append(reach.address().getHost()).append(':').append(reach.address().getPort()).append(' ')
                .append(sent.kind().substring(slash + 2)).append(" <<'").append(END).append("'\n").append(sent.text()).append('\n').append(END);
        return sb.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
