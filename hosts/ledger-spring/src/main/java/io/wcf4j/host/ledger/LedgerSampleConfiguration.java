package io.wcf4j.host.ledger;

import io.wcf4j.sample.ledger.service.JdbcLedgerService;
import io.wcf4j.sample.ledger.service.LedgerNotificationService;
import io.wcf4j.sample.ledger.service.LedgerOptions;
import java.math.BigDecimal;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger sample's service beans, named as {@code config/wcf4j.yml} names them ({@code ledgerService},
 * {@code ledgerNotifications}); every host of the sample imports this.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerSampleConfiguration {

    @Bean
    JdbcLedgerService ledgerService(DataSource dataSource,
                                    @Value("${ledger.max-transfer-amount:1000000.00}") BigDecimal maxTransferAmount) {
        return new JdbcLedgerService(dataSource, new LedgerOptions(maxTransferAmount));
    }

    @Bean
    LedgerNotificationService ledgerNotifications(JdbcLedgerService ledgerService) {
        return new LedgerNotificationService(ledgerService);
    }
}
