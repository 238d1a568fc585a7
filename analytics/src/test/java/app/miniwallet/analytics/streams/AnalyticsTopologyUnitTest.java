package app.miniwallet.analytics.streams;

import static app.miniwallet.analytics.TransferEvents.completedTopUp;
import static app.miniwallet.analytics.TransferEvents.completedTransfer;
import static app.miniwallet.analytics.TransferEvents.rejectedTransfer;
import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.analytics.figures.Figures;
import app.miniwallet.analytics.figures.Side;
import app.miniwallet.analytics.figures.UserFigures;
import app.miniwallet.contracts.Topics;
import app.miniwallet.contracts.transfer.TransferEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The topology itself, driven by Kafka's TopologyTestDriver with a clock of its own. */
class AnalyticsTopologyUnitTest {

    private static final Instant START = Instant.parse("2026-12-06T08:00:30Z");
    private static final JsonMapper json = JsonMapper.builder().build();

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> events;

    @BeforeEach
    void startDriver() {
        var properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-unit-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        driver = new TopologyTestDriver(AnalyticsTopology.topology(Duration.ofHours(1)), properties, START);
        events = driver.createInputTopic(Topics.TRANSFER_EVENTS, new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void addsCompletedRejectedAndTopUpsToTheTotalsAndTheirMinute() {
        publish(completedTransfer(10, 11, 1_000, 10, START));
        publish(completedTransfer(11, 12, 2_550, 25, START.plusSeconds(40)));
        publish(rejectedTransfer(12, 10, 9_999, 99, START.plusSeconds(45)));
        publish(completedTopUp(10, 50_000, START.plusSeconds(50)));

        assertThat(totals()).isEqualTo(new Figures(3, 1, 3_550, 35, 50_000));
        var firstMinute = START.getEpochSecond() / 60;
        assertThat(minutes().get(firstMinute)).isEqualTo(new Figures(1, 0, 1_000, 10, 0));
        assertThat(minutes().get(firstMinute + 1)).isEqualTo(new Figures(2, 1, 2_550, 25, 50_000));
    }

    @Test
    void countsAnEventOnTheTopicTwiceOnceWhateverKeyTheCopyHas() {
        var transfer = completedTransfer(10, 11, 1_000, 10, START);
        publish(transfer);
        publish(transfer);
        events.pipeInput("someone-else", json.writerFor(TransferEvent.class).writeValueAsString(transfer));

        assertThat(totals()).isEqualTo(new Figures(1, 0, 1_000, 10, 0));
        assertThat(users().get(10L)).isEqualTo(new UserFigures(1_000, 0, 0, 10, 1, 0, 0, 0));
    }

    @Test
    void skipsARecordThatIsNotATransferEventAndGoesOn() {
        events.pipeInput("10", "not json");
        events.pipeInput("10", "{\"event_type\":\"TransferCompleted\",\"amount_minor\":5}");
        events.pipeInput("10", (String) null);
        publish(completedTransfer(10, 11, 1_000, 10, START));

        assertThat(totals()).isEqualTo(new Figures(1, 0, 1_000, 10, 0));
    }

    @Test
    void keepsEachUsersFigures() {
        publish(completedTopUp(10, 10_000, START));
        publish(completedTransfer(10, 11, 1_000, 10, START));
        publish(completedTransfer(11, 10, 300, 3, START));
        publish(rejectedTransfer(10, 11, 50_000, 500, START));

        assertThat(users().get(10L)).isEqualTo(new UserFigures(1_000, 300, 10_000, 10, 1, 1, 1, 1));
        assertThat(users().get(10L).netMinor()).isEqualTo(10_000 - 1_000 - 10 + 300);
        assertThat(users().get(11L)).isEqualTo(new UserFigures(300, 1_000, 0, 3, 1, 1, 0, 0));
    }

    @Test
    void ranksTransfersOfTheLastHourAndForgetsThemAnHourLater() {
        publish(completedTransfer(10, 11, 1_000, 10, START));
        publish(completedTransfer(12, 11, 500, 5, START));
        publish(completedTransfer(10, 13, 700, 7, START.plusSeconds(60)));
        publish(completedTopUp(14, 99_999, START));

        assertThat(windowVolumes().get(AnalyticsStores.sideKey(Side.RECEIVER, 11)))
                .isEqualTo(1_500);
        assertThat(windowVolumes().get(AnalyticsStores.sideKey(Side.SENDER, 10)))
                .isEqualTo(1_700);
        assertThat(windowVolumes().get(AnalyticsStores.sideKey(Side.RECEIVER, 14)))
                .as("a top-up is no transfer between users")
                .isNull();

        driver.advanceWallClockTime(Duration.ofMinutes(60));

        assertThat(windowVolumes().get(AnalyticsStores.sideKey(Side.RECEIVER, 11)))
                .isNull();
        assertThat(windowVolumes().get(AnalyticsStores.sideKey(Side.SENDER, 10)))
                .isEqualTo(700);

        driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertThat(entriesIn(windowVolumes())).isZero();
        assertThat(entriesIn(driver.getKeyValueStore(AnalyticsStores.WINDOW_MINUTES)))
                .isZero();
        assertThat(totals().volumeMinor()).as("the totals keep everything").isEqualTo(2_200);
    }

    @Test
    void leavesAnEventOlderThanTheWindowOutOfTheTopLists() {
        publish(completedTransfer(10, 11, 1_000, 10, START.minus(Duration.ofMinutes(61))));

        assertThat(entriesIn(windowVolumes())).isZero();
        assertThat(totals().volumeMinor()).isEqualTo(1_000);
    }

    private static long entriesIn(KeyValueStore<String, Long> store) {
        try (var all = store.all()) {
            var count = 0L;
            for (; all.hasNext(); all.next()) {
                count++;
            }
            return count;
        }
    }

    private void publish(TransferEvent event) {
        events.pipeInput(event.eventKey(), json.writerFor(TransferEvent.class).writeValueAsString(event));
    }

    private Figures totals() {
        KeyValueStore<String, Figures> totals = driver.getKeyValueStore(AnalyticsStores.TOTALS);
        return totals.get(AnalyticsStores.TOTALS_KEY);
    }

    private KeyValueStore<Long, Figures> minutes() {
        return driver.getKeyValueStore(AnalyticsStores.MINUTES);
    }

    private KeyValueStore<Long, UserFigures> users() {
        return driver.getKeyValueStore(AnalyticsStores.USERS);
    }

    private KeyValueStore<String, Long> windowVolumes() {
        return driver.getKeyValueStore(AnalyticsStores.WINDOW_VOLUMES);
    }
}
