package io.latchkey.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet benchmark at a size a test can afford: the seeded rows must be what the server accepts (each
 * forwarded certificate bound to its device, each push address usable), so one lock reaches and is
 * acknowledged by every device of the three platforms.
 */
class FleetBenchTest {

    @Test
    void a_seeded_mixed_fleet_is_locked_by_one_action() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            FleetBench.main(new String[]{"30", "sqlite"});
        } finally {
            System.setOut(original);
        }
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("| sqlite | 30 | lock: request → all commands stored |",
                "pending=0, sent=0, acknowledged=0, succeeded=30, failed=0");
        assertThat(table).doesNotContain("not within", "not all within");
    }
}
