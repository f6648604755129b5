package io.progy.orchestrator.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CoalescedFlushesTest {

    /** Counts the flushes that reach the response. */
    private static final class Response extends ByteArrayOutputStream {
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void progressFlushesWithinASecondStayBufferedAndCloseSendsEverything() throws IOException {
        var response = new Response();
        var out = new GitHttpHandler.CoalescedFlushes(response);

        for (int i = 0; i < 5; i++) {
            out.write(("progress " + i + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        assertThat(response.flushes).isZero();
        out.write("status report\n".getBytes(StandardCharsets.UTF_8));
        out.close();

        assertThat(response.flushes).isEqualTo(1);
        assertThat(response.toString(StandardCharsets.UTF_8))
                .startsWith("progress 0\n")
                .endsWith("status report\n");
    }

    @Test
    void aFlushASecondAfterTheLastOneGoesThroughForLongPushes() throws Exception {
        var response = new Response();
        var out = new GitHttpHandler.CoalescedFlushes(response);

        Thread.sleep(1_050);
        out.write('x');
        out.flush();

        assertThat(response.flushes).isEqualTo(1);
    }
}
