package org.zhengce.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortIsChosenBelowTheEphemeralRangeWhereOutgoingConnectionsCannotTakeIt() throws Exception {
        int[] window = FreePorts.quietWindow();
        assumeTrue(window != null, "no ephemeral range to read here (not Linux)");
        int port = FreePorts.reserve();
        assertThat(port).isBetween(window[0], window[1] - 1);
        try (ServerSocket server = new ServerSocket(port)) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void noPortIsHandedOutTwiceEvenBeforeItsServerBindsIt() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(ports.add(FreePorts.reserve())).isTrue();
        }
    }

    @Test
    void aPortSomeoneListensOnIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(FreePorts.reserve())) {
            assertThat(FreePorts.inUse(taken.getLocalPort())).isTrue();
        }
    }
}
