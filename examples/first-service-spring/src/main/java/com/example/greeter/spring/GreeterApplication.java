package com.example.greeter.spring;

import com.example.greeter.GreeterService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The same service in a Spring Boot application: wcf4j.yml names the bean, wcf4j opens its endpoints. */
@SpringBootApplication
public class GreeterApplication {
    /** The implementation, as a bean: wcf4j.yml's {@code implementation: greeterService} names it. */
    @Bean
    GreeterService greeterService() {
        return new GreeterService();
    }

    public static void main(String[] args) {
        SpringApplication.run(GreeterApplication.class, args);
    }
}
