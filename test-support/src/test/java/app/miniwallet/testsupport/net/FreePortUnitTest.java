package app.miniwallet.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortUnitTest {

    @Test
    void findsAPortThatIsFree() {
        var port = FreePort.find();

        assertThat(port).isBetween(1, 65_535);
        assertThat(FreePort.isFree(port)).isTrue();
    }

    @Test
    void seesAPortTakenOnLocalhostAsTaken() throws IOException {
        try (var listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            assertThat(FreePort.isFree(listener.getLocalPort())).isFalse();
        }
    }

    @Test
    void seesAPortTakenOnEveryInterfaceAsTaken() throws IOException {
        try (var listener = new ServerSocket(0)) {
            assertThat(FreePort.isFree(listener.getLocalPort())).isFalse();
        }
    }

    @Test
    void rejectsNumbersThatAreNoPorts() {
        assertThatThrownBy(() -> FreePort.isFree(70_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
