package io.wcf4j.binding.jms;

import io.wcf4j.spi.EndpointAddress;
import java.util.regex.Pattern;

/**
 * A SOAP/JMS address in the "queue" variant of RFC 6167: {@code jms:queue:<name>}. The broker is not part of
 * the address: it comes from the binding's {@code url} setting (or the embedded broker).
 */
record JmsAddress(String queue) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    static JmsAddress of(EndpointAddress address) {
        String ssp = address.uri().getSchemeSpecificPart();
        int q = ssp.indexOf('?');
        if (q >= 0) {
            ssp = ssp.substring(0, q);
        }
        if (!ssp.startsWith("queue:")) {
            throw new IllegalArgumentException("address '" + address + "': expected jms:queue:<name> (only the queue variant is supported)");
        }
        String name = ssp.substring("queue:".length());
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("address '" + address + "': queue name must be letters, digits, '.', '_' or '-' (at most 200)");
        }
        return new JmsAddress(name);
    }

    @Override
    public String toString() {
        return "jms:queue:" + queue;
    }
}
