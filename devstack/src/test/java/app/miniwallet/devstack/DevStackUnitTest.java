package app.miniwallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevStackUnitTest {

    private static final Path HOME = Path.of("/repo/.devstack");

    @Test
    void bindsEveryServiceToThisMachineOnlyUnlessToldOtherwise() {
        for (var cluster : new boolean[] {false, true}) {
            var settings = DevStackSettings.fromEnvironment(Map.of(), HOME, cluster);
            for (var service : WalletService.all(settings)) {
                assertThat(DevStack.environment(settings, service))
                        .as(service.name())
                        .containsEntry("SERVER_ADDRESS", "127.0.0.1");
            }
        }

        var everywhere = DevStackSettings.fromEnvironment(Map.of("WALLET_BIND_ADDRESS", "0.0.0.0"), HOME, true);
        for (var service : WalletService.all(everywhere)) {
            assertThat(DevStack.environment(everywhere, service))
                    .as(service.name())
                    .containsEntry("SERVER_ADDRESS", "0.0.0.0");
        }
    }
}
