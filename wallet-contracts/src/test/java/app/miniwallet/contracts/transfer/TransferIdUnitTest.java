package app.miniwallet.contracts.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransferIdUnitTest {

    @Test
    void newIdsAreVersion7UuidsThatSortInTheOrderTheyWereMade() {
        var made = new ArrayList<TransferId>();
        IntStream.range(0, 10_000).forEach(i -> made.add(TransferId.next()));

        assertThat(made).allSatisfy(id -> assertThat(id.value().version()).isEqualTo(7));
        assertThat(made).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void newIdsCarryTheTimeTheyWereMadeInTheirFirst48Bits() {
        long before = System.currentTimeMillis();
        var id = TransferId.next();
        long after = System.currentTimeMillis();

        assertThat(id.value().getMostSignificantBits() >>> 16).isBetween(before, after);
    }
}
