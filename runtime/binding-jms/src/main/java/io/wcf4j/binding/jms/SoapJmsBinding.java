package io.wcf4j.binding.jms;

import io.wcf4j.binding.soap.SoapProxyChannel;
import io.wcf4j.binding.soap.SoapSecurity;
import io.wcf4j.config.BindingSettings;
import io.wcf4j.config.DataSize;
import io.wcf4j.config.Setting;
import io.wcf4j.model.ContractDescription;
import io.wcf4j.spi.Binding;
import io.wcf4j.spi.ChannelContext;
import io.wcf4j.spi.ClientChannel;
import io.wcf4j.spi.CommonSettings;
import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.ListenContext;
import io.wcf4j.spi.Listener;
import io.wcf4j.spi.OneWayJournal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * SOAP over JMS ({@code soap-jms}, addresses {@code jms:queue:<name>}) on Apache ActiveMQ Artemis, after the
 * W3C recommendation "SOAP over Java Message Service 1.0".
 *
 * <p>Server: {@code concurrency} consumers per endpoint, each in a transacted session. A message leaves the
 * queue only when its operation has run: a one-way call that fails is put back for another attempt after
 * {@code redelivery-delay}, and after {@code max-delivery-attempts} goes to the dead-letter queue, as does at
 * once a message that cannot be read. A request-reply call answers on the message's {@code JMSReplyTo}.
 * With no {@code url} the endpoint uses a broker embedded in the host. Client: one connection per channel,
 * one-way calls sent persistent, request-reply calls answered on a temporary queue.
 */
public final class SoapJmsBinding implements Binding {
    static final String TYPE = "soap-jms";

    /** The broker, e.g. {@code tcp://broker:61616}; none means the host's embedded broker. */
    public static final Setting<String> URL = Setting.string("url", "");
    public static final Setting<String> USER = Setting.string("user", "");
    public static final Setting<String> PASSWORD = Setting.string("password", "");
    /** The embedded broker's journal directory. */
    public static final Setting<String> EMBEDDED_DATA_DIRECTORY = Setting.string("embedded-data-directory", "data/artemis");
    /** The embedded broker's TCP acceptor for other processes, or {@code none}. */
    public static final Setting<String> EMBEDDED_ACCEPTOR = Setting.string("embedded-acceptor", "tcp://127.0.0.1:61616");
    /** The embedded broker's account for other processes (send, temporary reply queues); none: no other process gets in. */
    public static final Setting<String> EMBEDDED_USER = Setting.string("embedded-user", "");
    public static final Setting<String> EMBEDDED_PASSWORD = Setting.string("embedded-password", "");
    /** The most bytes of messages one address of the embedded broker holds; past it, senders are refused. */
    public static final Setting<DataSize> EMBEDDED_MAX_ADDRESS_SIZE = Setting.size("embedded-max-address-size",
            DataSize.ofBytes(EmbeddedArtemis.DEFAULT_MAX_ADDRESS_SIZE));
    public static final Setting<String> SOAP_VERSION = Setting.choice("soap-version", "1.1", List.of("1.1", "1.2"));
    /** Consumers (and threads) per endpoint. */
    public static final Setting<Integer> CONCURRENCY = Setting.positiveInt("concurrency", 4);
    /** Bytes of messages a consumer may buffer ahead; 0 takes one message at a time (fairest across hosts). */
    public static final Setting<DataSize> PREFETCH = Setting.size("prefetch", DataSize.ofBytes(64 * 1024));
    /** Attempts of a failing one-way call before it goes to the dead-letter queue. */
    public static final Setting<Integer> MAX_DELIVERY_ATTEMPTS = Setting.positiveInt("max-delivery-attempts", 8);
    /** The wait before the second attempt; it doubles with each attempt after, up to {@link #MAX_REDELIVERY_DELAY}. */
    public static final Setting<Duration> REDELIVERY_DELAY = Setting.duration("redelivery-delay", Duration.ofSeconds(1));
    /** The longest wait between two attempts. */
    public static final Setting<Duration> MAX_REDELIVERY_DELAY = Setting.duration("max-redelivery-delay", Duration.ofMinutes(1));
    /** The dead-letter queue; none means {@code DLQ.<queue>}. */
    public static final Setting<String> DEAD_LETTER_QUEUE = Setting.string("dead-letter-queue", "");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("jms");
    }

    @Override
    public List<Setting<?>> settings() {
        List<Setting<?>> settings = new java.util.ArrayList<>(List.of(URL, USER, PASSWORD, EMBEDDED_DATA_DIRECTORY,
                EMBEDDED_ACCEPTOR, EMBEDDED_USER, EMBEDDED_PASSWORD, EMBEDDED_MAX_ADDRESS_SIZE, SOAP_VERSION, CONCURRENCY, PREFETCH, MAX_DELIVERY_ATTEMPTS, REDELIVERY_DELAY, MAX_REDELIVERY_DELAY, DEAD_LETTER_QUEUE,
                CommonSettings.MAX_RECEIVED_MESSAGE_SIZE, CommonSettings.SEND_TIMEOUT));
        // message security: the caller's credential travels in each message, and rests with it in the queue
        settings.addAll(SoapSecurity.queueSettings());
        return settings;
    }

    @Override
    public Listener listen(ListenContext context) throws Exception {
        return JmsListener.start(context);
    }

    @Override
    public ClientChannel openChannel(ChannelContext context) {
        JmsAddress address = JmsAddress.of(context.address());
        boolean soap12 = context.settings().get(SOAP_VERSION).equals("1.2");
        JmsClientTransport transport = new JmsClientTransport(address, context.settings());
        return new SoapProxyChannel(context, transport, soap12);
    }

    /** A journal on the broker this configuration names (its {@code url}, or else the host's embedded broker). */
    @Override
    public OneWayJournal openOneWayJournal(EndpointInfo service, ContractDescription contract, BindingSettings settings,
                                           HostResources resources) {
        return BrokerOneWayJournal.open(service, contract, settings, resources);
    }
}
