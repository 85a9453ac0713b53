package io.latchkey.server.simulate;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small run end to end: a real server (embedded H2) started with the settings the stand-ins print, two
 * devices of each kind enrolled through the real paths, one lock for all of them, and the report.
 */
class SimulationEndToEndTest {
    private static final String TOKEN = "lk_simulate-test-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void a_mixed_fleet_enrolls_is_locked_and_the_timings_are_reported() throws Exception {
        int port = freePort();
        URI server = URI.create("http://127.0.0.1:" + port);
        SimulationPlan plan = new SimulationPlan(server, TOKEN, 2, 2, 2, 1.0, Duration.ZERO, 0, 0, true,
                Duration.ofMinutes(5), 7, 4);
        try (StandIns standIns = StandIns.start(dir.resolve("stand-ins"), true, true, true)) {
            Map<Option, String> options = new EnumMap<>(standIns.serverSettings(server));
            options.put(Option.PORT, Integer.toString(port));
            options.put(Option.BIND, "127.0.0.1");
            options.put(Option.DATA_DIR, dir.resolve("data").toString());
            options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            options.put(Option.ANDROID_RATE, "200");
            Settings settings = SettingsLoader.load(options, null, Map.of());
            try (App app = App.open(settings)) {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                app.serve();
                StringWriter out = new StringWriter();
                Simulation run = new Simulation(plan, standIns, new PrintWriter(out, true), false);
                assertThat(run.awaitServer(Duration.ofSeconds(30))).isTrue();
                run.run();

                String report = out.toString();
                assertThat(report).contains("enrolled 6/6 (2 Apple, 2 Windows, 2 Android)",
                        "Sent one remote lock for all 6 devices", "the lock finished",
                        "Action remoteLock", "6 simulated devices (succeeded=6)");
                assertThat(report).containsPattern("request → command received +6 ")
                        .containsPattern("request → acknowledged +6 ");
                for (String kind : new String[]{"apple", "windows", "android"}) {
                    assertThat(report).containsPattern(kind + ": request → acknowledged +2 ");
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
