package app.miniwallet.api.transfer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.miniwallet.contracts.account.AccountId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessException;

class AcceptedTransfersUnitTest {

    @Test
    void aTransferArrivingWhileTheApiStopsIsToBeRetriedNotAFailure() {
        // never started, as after stop(): nothing would write it
        var stopped = new AcceptedTransfers(null, null, null, null, null, new SimpleMeterRegistry());

        // a transient data access failure is what the api answers with 503 + Retry-After (DatabaseUnavailable)
        assertThatThrownBy(() -> stopped.write(AccountId.of(1), at -> null, "key-1"))
                .isInstanceOf(TransientDataAccessException.class)
                .hasMessageContaining("stopping");
    }
}
