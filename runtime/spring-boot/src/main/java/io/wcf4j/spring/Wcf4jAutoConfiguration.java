package io.wcf4j.spring;

import io.wcf4j.ServiceHost;
import io.wcf4j.config.Wcf4jConfig;
import io.wcf4j.http.HttpRouter;
import io.wcf4j.http.HttpServletHost;
import io.wcf4j.http.MetadataServlet;
import io.wcf4j.http.RouterServletHost;
import io.wcf4j.security.AuthenticationBehavior;
import io.wcf4j.security.Wcf4jSecurity;
import io.wcf4j.spi.ClientBehavior;
import io.wcf4j.spi.DispatchBehavior;
import io.wcf4j.spi.EndpointDirectory;
import io.wcf4j.spi.MetadataDocuments;
import io.wcf4j.spi.HostResources;
import io.wcf4j.spi.WireTap;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.context.WebApplicationContext;

/**
 * wcf4j on Spring Boot: loads {@code wcf4j.yml}, opens a {@link ServiceHost} per configured service once the
 * web server runs, and serves every HTTP endpoint and {@code /metadata} on the Boot web server's port.
 * Every bean here backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceHost.class)
public final class Wcf4jAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Wcf4jConfig wcf4jConfig(Environment environment) {
        return Wcf4jConfigBinder.bind(environment);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    HostResources wcf4jHostResources() {
        return new HostResources();
    }

    /**
     * The hosts; every {@link DispatchBehavior} bean joins each service's Dispatcher (in its phase, by its order) and
     * every {@link ClientBehavior} bean the callbacks the services make. When {@code wcf4j.security} names users or
     * tokens, its authentication stage joins them too, unless the application defines an
     * {@link AuthenticationBehavior} bean of its own. A {@link WireTap} bean (the transport-level message log) is given to
     * the bindings through the host resources.
     */
    @Bean
    @ConditionalOnMissingBean
    Wcf4jHosts wcf4jHosts(Wcf4jConfig config, HostResources resources, ConfigurableListableBeanFactory beans,
                          ObjectProvider<DispatchBehavior> dispatchBehaviors, ObjectProvider<ClientBehavior> clientBehaviors,
                          ObjectProvider<WireTap> wireTap) {
        // the transport-level message log, for the bindings to find when they open their endpoints
        wireTap.ifAvailable(tap -> resources.put(WireTap.class, tap));
        List<DispatchBehavior> behaviors = new ArrayList<>(dispatchBehaviors.orderedStream().toList());
        if (config.security().isConfigured() && behaviors.stream().noneMatch(AuthenticationBehavior.class::isInstance)) {
            behaviors.add(Wcf4jSecurity.authentication(config.security(), Path.of("")));
        }
        return new Wcf4jHosts(config, resources, beans, behaviors, clientBehaviors.orderedStream().toList());
    }

    /** Health: a contributor per open endpoint and per shared resource that checks itself, under {@code wcf4j}, for health and readiness. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthContributor")
    static class HealthConfiguration {
        @Bean
        Wcf4jHealthContributor wcf4j(Wcf4jHosts hosts, HostResources resources) {
            return new Wcf4jHealthContributor(hosts, resources);
        }
    }

    /** The HTTP side: one router servlet for every HTTP endpoint, and the metadata document. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(HttpRouter.class)
    static class HttpConfiguration {

        @Bean
        ServletRegistrationBean<HttpRouter> wcf4jRouter(HostResources resources, ApplicationContext context, Environment env) {
            // paths that no endpoint serves go on to Spring MVC, if the application has it (the actuator, say)
            HttpRouter router = new HttpRouter("dispatcherServlet");
            resources.put(HttpServletHost.class, new RouterServletHost(router, () -> baseAddress(context, env),
                    BootTomcatConnectors.available() ? new BootTomcatConnectors(context) : null));
            ServletRegistrationBean<HttpRouter> reg = new ServletRegistrationBean<>(router, "/*");
            reg.setName("wcf4j");
            reg.setLoadOnStartup(1);
            return reg;
        }

        /** The actuator's callers, authenticated as the services' are (for health details to authorized callers only). */
        @Bean
        FilterRegistrationBean<ActuatorAuthenticationFilter> wcf4jActuatorAuthentication(HostResources resources, Environment env) {
            FilterRegistrationBean<ActuatorAuthenticationFilter> reg = new FilterRegistrationBean<>(
                    new ActuatorAuthenticationFilter(resources));
            String base = env.getProperty("management.endpoints.web.base-path", "/actuator");
            reg.setUrlPatterns(java.util.List.of(base + "/*", base));
            reg.setName("wcf4j-actuator-authentication");
            return reg;
        }

        @Bean
        ServletRegistrationBean<MetadataServlet> wcf4jMetadata(HostResources resources, Wcf4jConfig config) {
            ServletRegistrationBean<MetadataServlet> reg = new ServletRegistrationBean<>(
                    new MetadataServlet(() -> resources.get(EndpointDirectory.class),
                            () -> resources.get(MetadataDocuments.class), config.publicHost()), "/metadata", "/metadata/*");
            reg.setName("wcf4j-metadata");
            return reg;
        }

        private static URI baseAddress(ApplicationContext context, Environment env) {
            int port = context instanceof WebServerApplicationContext w && w.getWebServer() != null
                    ? w.getWebServer().getPort() : env.getProperty("server.port", Integer.class, 8080);
            // in a WAR the container decides the context path; embedded, the property does
            String contextPath = context instanceof WebApplicationContext web && web.getServletContext() != null
                    ? web.getServletContext().getContextPath() : env.getProperty("server.servlet.context-path", "");
            return URI.create("http://localhost:" + port + contextPath);
        }
    }
}
