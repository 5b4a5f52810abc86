package io.wcf4j.host.war;

import io.wcf4j.host.ledger.LedgerSampleConfiguration;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The ledger in an external servlet container (Tomcat 11). The configuration comes from outside the WAR:
 * {@code wcf4j.config-location} as a JNDI environment entry, a system property or the environment variable
 * {@code WCF4J_CONFIG_LOCATION}; SOAP, REST and /metadata are served under the webapp's context path, and the
 * net.tcp and net.pipe endpoints start and stop with the webapp.
 */
@SpringBootApplication(proxyBeanMethods = false)
@Import(LedgerSampleConfiguration.class)
public class LedgerWebApplication extends SpringBootServletInitializer {
    private static final Logger log = LoggerFactory.getLogger(LedgerWebApplication.class);

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
        return builder.sources(LedgerWebApplication.class);
    }

    /**
     * Stops the Artemis client's thread pools on undeploy, after the endpoints closed: they are static to the
     * webapp's copy of the Artemis classes, and their threads would keep the webapp's class loader alive.
     */
    @Bean
    DisposableBean artemisClientThreadPools() {
        return () -> org.apache.activemq.artemis.api.core.client.ActiveMQClient.clearThreadPools();
    }

    /**
     * Unregisters the JDBC drivers this webapp registered, last thing on undeploy: the container's class loader
     * would otherwise keep the webapp's classes alive through {@link DriverManager}.
     */
    @Bean
    DisposableBean jdbcDriverDeregistration() {
        ClassLoader webapp = LedgerWebApplication.class.getClassLoader();
        return () -> {
            for (Driver d : Collections.list(DriverManager.getDrivers())) {
                if (d.getClass().getClassLoader() == webapp) {
                    try {
                        DriverManager.deregisterDriver(d);
                    } catch (SQLException e) {
                        log.warn("could not unregister JDBC driver {}", d, e);
                    }
                }
            }
        };
    }
}
