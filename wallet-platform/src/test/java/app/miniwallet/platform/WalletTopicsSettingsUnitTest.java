package app.miniwallet.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class WalletTopicsSettingsUnitTest {

    @Test
    void acksAllWaitsForAllButOneCopyFromThreeReplicasOn() {
        assertThat(new WalletTopicsSettings(6, (short) 3).minInSyncReplicas()).isEqualTo(2);
        assertThat(new WalletTopicsSettings(6, (short) 5).minInSyncReplicas()).isEqualTo(4);
    }

    @Test
    void acksAllWaitsForOneCopyOnOneOrTwoReplicas() {
        assertThat(new WalletTopicsSettings(6, (short) 1).minInSyncReplicas()).isEqualTo(1);
        assertThat(new WalletTopicsSettings(6, (short) 2).minInSyncReplicas()).isEqualTo(1);
    }

    @Test
    void rejectsNoPartitionsOrNoReplicas() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WalletTopicsSettings(0, (short) 1))
                .withMessageContaining("wallet.topics.partitions");
        assertThatIllegalArgumentException().isThrownBy(() -> new WalletTopicsSettings(6, (short) 0));
    }
}
