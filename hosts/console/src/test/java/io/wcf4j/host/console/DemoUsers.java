package io.wcf4j.host.console;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ClientCredentials;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.config.SecurityConfig;
import io.wcf4j.security.AuthenticationBehavior;
import io.wcf4j.security.BasicCredentials;
import io.wcf4j.security.ConfiguredIdentityStore;
import io.wcf4j.security.Wcf4jSecurity;
import io.wcf4j.spi.ClientBehavior;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sample's development-only demo users (config/wcf4j.yml): each one's password is {@code <name>-password}. */
final class DemoUsers {
    static final String TELLER = "teller";
    static final String AUDITOR = "auditor";
    /** A customer. */
    static final String ALICE = "alice";

    private DemoUsers() {
    }

    static String password(String user) {
        return user + "-password";
    }

    static ClientBehavior credentials(String user) {
        return ClientCredentials.userName(user, password(user).toCharArray());
    }

    /** A channel factory whose proxies call as {@code user}. */
    static <T> ChannelFactory<T> factory(Class<T> contract, String address, String bindingType, String user) {
        return ChannelFactory.builder(contract).address(address).binding(BindingConfig.of(bindingType))
                .behavior(credentials(user)).build();
    }

    /** The authentication stage of a programmatic host, over the demo users as the sample configures them. */
    static AuthenticationBehavior authentication() {
        Map<String, SecurityConfig.User> users = new LinkedHashMap<>();
        for (String user : List.of(TELLER, AUDITOR, ALICE)) {
            String role = user.equals(ALICE) ? "customer" : user;
            users.put(user, new SecurityConfig.User(user, ConfiguredIdentityStore.hash(password(user)), password(user), List.of(role)));
        }
        return Wcf4jSecurity.authentication(new SecurityConfig("ledger", users, SecurityConfig.FailedLogins.DEFAULT, null), Path.of("."));
    }

    /** An HTTP {@code Authorization} header value for the user. */
    static String basic(String user) {
        return BasicCredentials.encode(user, password(user).toCharArray());
    }
}
