package io.wcf4j.internal;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.ConfigException;
import io.wcf4j.security.AuthenticationBehavior;
import io.wcf4j.spi.EndpointAddress;
import io.wcf4j.spi.SecuritySettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An endpoint's security as the host checks it at start and as metadata describes it. */
public final class EndpointSecurity {
    private static final Logger log = LoggerFactory.getLogger(EndpointSecurity.class);

    private EndpointSecurity() {
    }

    /**
     * Secure by default: a network endpoint on an address other than loopback must protect its traffic (TLS, or
     * message security), unless its binding configuration says {@code allow-insecure: true} (then a warning).
     *
     * @param path the configuration path of the endpoint's binding, for the error
     * @throws ConfigException otherwise
     */
    public static void refuseInsecure(String path, String name, EndpointAddress address, BindingSettings settings) {
        boolean network = address.scheme().equals("http") || address.scheme().equals("net.tcp");
        if (!network || !SecuritySettings.modeOf(settings).equals(SecuritySettings.NONE) || EndpointAddress.isLoopbackHost(address.host())) {
            return;
        }
        if (settings.get(SecuritySettings.ALLOW_INSECURE)) {
            log.warn("endpoint {} serves {} in plain text on a non-loopback address (allow-insecure: true): "
                    + "anyone on the network can read and change its calls", name, address);
            return;
        }
        throw new ConfigException(path, "endpoint " + name + " would serve " + address + " in plain text on a non-loopback "
                + "address: use TLS (an https:// address, or security-mode: transport), bind it to 127.0.0.1, or set "
                + "allow-insecure: true in its binding configuration");
    }

    /** The security mode metadata shows: the configured one; an https:// address and a named pipe are transport. */
    public static String mode(BindingSettings settings, EndpointAddress address) {
        String mode = SecuritySettings.modeOf(settings);
        boolean transportAnyway = address.scheme().equals("https") || address.scheme().equals("net.pipe");
        return mode.equals(SecuritySettings.NONE) && transportAnyway ? SecuritySettings.TRANSPORT : mode;
    }

    /**
     * The credentials a caller of an endpoint may present, as its binding and the service's authentication stage
     * (null when it has none) accept them.
     */
    public static List<String> clientCredentials(BindingSettings settings, EndpointAddress address,
                                                 AuthenticationBehavior authentication) {
        List<String> credentials = new ArrayList<>();
        String mode = SecuritySettings.modeOf(settings);
        if (mode.equals(SecuritySettings.MESSAGE) || mode.equals(SecuritySettings.TRANSPORT_WITH_MESSAGE_CREDENTIAL)) {
            credentials.add("username-token");
        }
        if (address.scheme().equals("net.pipe")) {
            credentials.add("unix-user");
        }
        if (!settings.get(SecuritySettings.CLIENT_CERTIFICATE).equals(SecuritySettings.CLIENT_CERTIFICATE_NONE)) {
            credentials.add("certificate");
        }
        if (authentication != null) {
            credentials.addAll(authentication.schemes());
        }
        return credentials;
    }
}
