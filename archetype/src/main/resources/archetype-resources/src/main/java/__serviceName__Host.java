package ${package};

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The console host: a Spring Boot application that serves the endpoints of wcf4j.yml ({@code java -jar}). */
@SpringBootApplication
public class ${serviceName}Host {
    /** The implementation, as a bean: wcf4j.yml's {@code implementation} names it. */
    @Bean
    ${serviceName}Service service() {
        return new ${serviceName}Service();
    }

    public static void main(String[] args) {
        SpringApplication.run(${serviceName}Host.class, args);
    }
}
