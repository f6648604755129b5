package io.progy.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgyServerTest {

    @Test
    void mapsThePortFlagToServerPort() {
        assertThat(ProgyServer.translateArguments(new String[] {"--port", "9090", "--debug"}))
                .containsExactly("--server.port=9090", "--debug");
        assertThat(ProgyServer.translateArguments(new String[] {"--port=0"})).containsExactly("--server.port=0");
        assertThat(ProgyServer.translateArguments(new String[] {"--server.port=1"}))
                .containsExactly("--server.port=1");
    }

    @Test
    void rejectsABadPort() {
        assertThatThrownBy(() -> ProgyServer.translateArguments(new String[] {"--port"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ProgyServer.translateArguments(new String[] {"--port", "http"}))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ProgyServer.translateArguments(new String[] {"--port=70000"}))
                .hasMessageContaining("between 0 and 65535");
    }
}
