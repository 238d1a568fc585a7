package app.miniwallet.api.transfer;

import app.miniwallet.contracts.money.FeeRule;
import app.miniwallet.contracts.money.Money;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param feeRate share of the amount the sender pays on top (0.015 = 1.5%)
 * @param maxAmount largest single transfer
 * @param minTopUp smallest top-up
 * @param maxTopUp largest single top-up
 */
@ConfigurationProperties("wallet.transfers")
public record TransferSettings(BigDecimal feeRate, BigDecimal maxAmount, BigDecimal minTopUp, BigDecimal maxTopUp) {

    public FeeRule feeRule() {
        return new FeeRule(feeRate);
    }

    Money maxTransfer() {
        return Money.fromDecimal(maxAmount);
    }

    Money smallestTopUp() {
        return Money.fromDecimal(minTopUp);
    }

    Money largestTopUp() {
        return Money.fromDecimal(maxTopUp);
    }
}
