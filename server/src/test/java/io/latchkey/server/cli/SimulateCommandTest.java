package io.latchkey.server.cli;

import io.latchkey.server.simulate.SimulationPlan;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latchkey simulate}'s flags: parsed into a plan, every bad value named in a usage error (exit 2). */
class SimulateCommandTest {

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LatchkeyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private SimulationPlan plan(String... args) {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }

    @Test
    void help_lists_every_knob() {
        Run r = run("simulate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: latchkey simulate", "--apple", "--windows", "--android", "--online",
                "--latency", "--notnow", "--failure", "--lock", "--print-server-config", "--server-config",
                SimulateCommand.TOKEN_ENV);
    }

    @Test
    void flags_become_the_plan() {
        SimulationPlan p = plan("--server", "http://10.0.0.5:9000", "--token", "lk_x", "--apple", "3", "--windows", "2",
                "--android", "1", "--online", "0.75", "--latency", "250ms", "--notnow", "0.1", "--failure", "0.05",
                "--lock", "--timeout", "2m", "--seed", "42");
        assertThat(p.server().toString()).isEqualTo("http://10.0.0.5:9000");
        assertThat(p.token()).isEqualTo("lk_x");
        assertThat(p.apple()).isEqualTo(3);
        assertThat(p.windows()).isEqualTo(2);
        assertThat(p.android()).isEqualTo(1);
        assertThat(p.devices()).isEqualTo(6);
        assertThat(p.online()).isEqualTo(0.75);
        assertThat(p.latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(p.notNow()).isEqualTo(0.1);
        assertThat(p.failure()).isEqualTo(0.05);
        assertThat(p.lock()).isTrue();
        assertThat(p.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.seed()).isEqualTo(42);
        assertThat(p.concurrency()).isEqualTo(32);
    }

    @Test
    void defaults_are_a_local_server_all_online_and_reliable() {
        SimulationPlan p = plan("--token", "lk_x", "--apple", "1");
        assertThat(p.server().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(p.online()).isEqualTo(1.0);
        assertThat(p.latency()).isZero();
        assertThat(p.notNow()).isZero();
        assertThat(p.failure()).isZero();
        assertThat(p.lock()).isFalse();
    }

    @Test
    void every_bad_value_is_named_at_once_and_exits_2() {
        Run r = run("simulate", "--token", "lk_x", "--apple", "-1", "--online", "1.5", "--latency", "fast",
                "--notnow", "0.7", "--failure", "0.6", "--timeout", "0s", "--server", "https://example.com",
                "--progress", "loud");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--apple cannot be negative (was -1)", "--online is a fraction between 0 and 1 (was 1.5)",
                "--latency is a duration such as 250ms", "--notnow and --failure together cannot exceed 1",
                "--timeout must be positive", "--server must be an http:// URL", "--progress is auto, line or plain");
    }

    @Test
    void no_devices_no_token_and_a_path_in_the_url_are_refused() {
        Run r = run("simulate", "--server", "http://127.0.0.1:8080/api");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no devices: give at least one of --apple, --windows, --android",
                "--server must be the server's base URL without a path");
        if (System.getenv(SimulateCommand.TOKEN_ENV) == null) {
            assertThat(r.err()).contains("an administrator's API token is needed");
        }
    }

    @Test
    void too_many_devices_point_at_the_benchmark() {
        Run r = run("simulate", "--token", "t", "--apple", "60000", "--android", "50000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("at most 100000 devices in all (was 110000)");
    }

    @Test
    void a_count_that_is_not_a_number_is_a_usage_error() {
        Run r = run("simulate", "--token", "t", "--apple", "many");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--apple", "many");
    }
}
