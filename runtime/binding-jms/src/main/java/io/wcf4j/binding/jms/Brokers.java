package io.wcf4j.binding.jms;

import io.wcf4j.config.BindingSettings;
import io.wcf4j.spi.HostResources;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;

/** Which broker an endpoint or a client talks to, and the few broker operations JMS itself lacks. */
final class Brokers {
    static final String DEFAULT_CLIENT_URL = "tcp://127.0.0.1:61616";

    private Brokers() {
    }

    /**
     * The connection factory of a server endpoint: the configured broker, or else the host's embedded broker,
     * started on first use.
     */
    static ActiveMQConnectionFactory forListener(BindingSettings settings, HostResources resources) {
        return factory(listenerUrl(settings, resources), settings);
    }

    /** The broker URL of a server endpoint: the configured one, or else the host's embedded broker's, started on first use. */
    static String listenerUrl(BindingSettings settings, HostResources resources) {
        String url = settings.get(SoapJmsBinding.URL);
        if (url.isEmpty()) {
            EmbeddedArtemis broker = resources.computeIfAbsent(EmbeddedArtemis.class, () -> EmbeddedArtemis.start(
                    Path.of(settings.get(SoapJmsBinding.EMBEDDED_DATA_DIRECTORY)), settings.get(SoapJmsBinding.EMBEDDED_ACCEPTOR),
                    settings.get(SoapJmsBinding.EMBEDDED_USER), settings.get(SoapJmsBinding.EMBEDDED_PASSWORD),
                    settings.get(SoapJmsBinding.EMBEDDED_MAX_ADDRESS_SIZE).bytes()));
            url = broker.inVmUrl();
        }
        return url;
    }

    /** The connection factory of a client: the configured broker, else this JVM's embedded broker, else the default port. */
    static ActiveMQConnectionFactory forClient(BindingSettings settings) {
        String url = settings.get(SoapJmsBinding.URL);
        if (url.isEmpty()) {
            EmbeddedArtemis local = EmbeddedArtemis.current();
            url = local != null ? local.inVmUrl() : DEFAULT_CLIENT_URL;
        }
        return factory(url, settings);
    }

    static ActiveMQConnectionFactory factory(String url, BindingSettings settings) {
        String user = settings.get(SoapJmsBinding.USER);
        String password = settings.get(SoapJmsBinding.PASSWORD);
        if (!user.isEmpty()) {
            return new ActiveMQConnectionFactory(url, user, password);
        }
        // no account given, and the broker is this JVM's own: connect as the host
        EmbeddedArtemis local = EmbeddedArtemis.byInVmUrl(url);
        return local != null ? local.connectionFactory() : new ActiveMQConnectionFactory(url);
    }

    /**
     * Declares a durable anycast queue unless it exists. Declared, not auto-created: an auto-created queue
     * is deleted when its last consumer leaves, and with it the calls sent while the service is down.
     */
    static void declareQueue(Session session, String name) throws JMSException {
        ClientSession core = ((ActiveMQSession) session).getCoreSession();
        try {
            if (!core.queueQuery(SimpleString.of(name)).isExists()) {
                core.createQueue(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true).setAutoCreated(false).setAutoDelete(false));
            }
        } catch (ActiveMQQueueExistsException raced) {
            // another host declared it meanwhile
        } catch (ActiveMQException e) {
            JMSException j = new JMSException("cannot declare queue " + name + ": " + e.getMessage());
            j.initCause(e);
            throw j;
        }
    }

    /** Whether the broker has a queue of this name. */
    static boolean queueExists(Session session, String name) throws JMSException {
        try {
            return ((ActiveMQSession) session).getCoreSession().queueQuery(SimpleString.of(name)).isExists();
        } catch (ActiveMQException e) {
            JMSException j = new JMSException("cannot look up queue " + name + ": " + e.getMessage());
            j.initCause(e);
            throw j;
        }
    }
}
