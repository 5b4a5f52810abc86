package io.wcf4j.host.console;

import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.spi.PublishedEndpoint;
import io.wcf4j.spring.Wcf4jHosts;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/** Prints the endpoint table and the start-up time once every endpoint listens, and tells systemd it is ready. */
final class EndpointTablePrinter implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(EndpointTablePrinter.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Wcf4jHosts hosts = event.getApplicationContext().getBean(Wcf4jHosts.class);
        String publicHost = event.getApplicationContext().getBean(Wcf4jConfig.class).publicHost();
        List<PublishedEndpoint> endpoints = hosts.endpoints();
        int nameWidth = Math.max(4, endpoints.stream().mapToInt(e -> e.name().length()).max().orElse(4));
        int bindingWidth = Math.max(7, endpoints.stream().mapToInt(e -> e.binding().length()).max().orElse(7));
        StringBuilder table = new StringBuilder();
        String format = "%n  %-" + nameWidth + "s  %-" + bindingWidth + "s  %s";
        table.append(String.format(format, "NAME", "BINDING", "ADDRESS"));
        for (PublishedEndpoint e : endpoints) {
            table.append(String.format(format, e.name(), e.binding(),
                    e.address().toString().replace("://0.0.0.0", "://" + (publicHost != null ? publicHost : "localhost"))));
        }
        double sinceLaunch = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        log.info("wcf4j console host ready: {} endpoints listening, started in {} s (JVM launch to ready; endpoints opened in {} ms){}",
                endpoints.size(), String.format("%.2f", sinceLaunch), hosts.openMillis(), table);
        SystemdNotifier.notify("READY=1", "STATUS=" + endpoints.size() + " endpoints listening");
    }
}
