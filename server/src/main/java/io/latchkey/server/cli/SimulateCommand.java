package io.latchkey.server.cli;

import io.latchkey.server.config.Option;
import io.latchkey.server.simulate.SimulationFailed;
import io.latchkey.server.simulate.SimulationPlan;
import io.latchkey.server.simulate.Simulation;
import io.latchkey.server.simulate.StandIns;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code latchkey simulate}: simulated Apple, Windows and Android devices against a running server,
 * with the push stand-ins they are woken through. The simulator starts first (it hosts the stand-ins,
 * on new ports with new keys each time), prints the settings the server needs and writes them to
 * {@code --server-config}, waits for the server, enrolls the devices, shows a live progress line and,
 * with {@code --lock}, locks them all with one action and reports its timings.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run simulated Apple, Windows and Android devices against a Latchkey server, hosting the "
                + "mock APNs, mock WNS and Android Management API stand-in the server must be configured with.",
                "Start it first: it prints the server settings (and writes them to --server-config), then waits "
                        + "for the server at --server."})
public final class SimulateCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "LATCHKEY_SIMULATE_TOKEN";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "the server's plain-HTTP base URL (default: ${DEFAULT-VALUE})")
    String server;

    @CommandLine.Option(names = "--token", paramLabel = "TOKEN",
            description = "an administrator's API token (env " + TOKEN_ENV + ")")
    String token;

    @CommandLine.Option(names = "--apple", paramLabel = "N", defaultValue = "0", description = "simulated iPhones, iPads and Macs")
    int apple;

    @CommandLine.Option(names = "--windows", paramLabel = "N", defaultValue = "0",
            description = "simulated Windows 11 desktops and Windows 10 Mobile phones")
    int windows;

    @CommandLine.Option(names = "--android", paramLabel = "N", defaultValue = "0",
            description = "simulated Android 14 devices (fully managed, company-owned work profile)")
    int android;

    @CommandLine.Option(names = "--online", paramLabel = "FRACTION", defaultValue = "1",
            description = "share of devices online after enrolling (default: ${DEFAULT-VALUE})")
    double online;

    @CommandLine.Option(names = "--latency", paramLabel = "DURATION", defaultValue = "0ms",
            description = "time a device takes before each answer, e.g. 50ms, 2s (default: ${DEFAULT-VALUE})")
    String latency;

    @CommandLine.Option(names = "--notnow", paramLabel = "FRACTION", defaultValue = "0",
            description = "share of Apple commands first answered NotNow")
    double notNow;

    @CommandLine.Option(names = "--failure", paramLabel = "FRACTION", defaultValue = "0",
            description = "share of commands the devices fail")
    double failure;

    @CommandLine.Option(names = "--lock", description = "once enrolled, lock every simulated device with one action "
            + "and stop when all have answered")
    boolean lock;

    @CommandLine.Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "longest wait for the lock; without --lock, how long to run (default: ${DEFAULT-VALUE})")
    String timeout;

    @CommandLine.Option(names = "--wait-for-server", paramLabel = "DURATION", defaultValue = "10m",
            description = "how long to wait for the server to answer /readyz (default: ${DEFAULT-VALUE})")
    String waitForServer;

    @CommandLine.Option(names = "--server-config", paramLabel = "FILE",
            description = "also write the server settings to FILE, as an environment file (set -a; . FILE)")
    Path serverConfig;

    @CommandLine.Option(names = "--print-server-config", description = "print only the server settings (environment "
            + "lines) on standard output, the rest on standard error, so that the output can be redirected to a file")
    boolean printServerConfig;

    @CommandLine.Option(names = "--work-dir", paramLabel = "DIR", description = "where the stand-ins' keys and "
            + "certificates are written (default: a new temporary directory)")
    Path workDir;

    @CommandLine.Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
            description = "devices enrolling at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @CommandLine.Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "seed of device identifiers and behaviour")
    long seed;

    @CommandLine.Option(names = "--progress", paramLabel = "auto|line|plain", defaultValue = "auto",
            description = "live progress: one rewritten line (line), a line every 5 s (plain), or line on a terminal (auto)")
    String progressMode;

    /** The plan the flags describe; every problem reported at once as a usage error (exit 2). */
    SimulationPlan plan() {
        List<String> problems = new java.util.ArrayList<>();
        URI url = null;
        try {
            url = new URI(server);
        } catch (URISyntaxException e) {
            problems.add("--server is not a URL: " + e.getMessage());
        }
        Duration lat = duration("--latency", latency, problems);
        Duration time = duration("--timeout", timeout, problems);
        duration("--wait-for-server", waitForServer, problems);
        if (!List.of("auto", "line", "plain").contains(progressMode)) {
            problems.add("--progress is auto, line or plain (was " + progressMode + ")");
        }
        String tok = token != null ? token : System.getenv(TOKEN_ENV);
        SimulationPlan plan = new SimulationPlan(url, tok, apple, windows, android, online,
                lat == null ? Duration.ZERO : lat, notNow, failure, lock, time == null ? Duration.ofMinutes(1) : time,
                seed, concurrency);
        problems.addAll(plan.problems());
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        }
        return plan;
    }

    @Override
    public Integer call() throws Exception {
        SimulationPlan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter info = printServerConfig ? spec.commandLine().getErr() : out;
        Path dir = workDir != null ? workDir : Files.createTempDirectory("latchkey-simulate");
        try (StandIns standIns = StandIns.start(dir, plan.apple() > 0, plan.windows() > 0, plan.android() > 0)) {
            Map<Option, String> settings = standIns.serverSettings(plan.server());
            String env = StandIns.asEnvironment(settings);
            if (serverConfig != null) {
                Files.writeString(serverConfig, env);
            }
            if (printServerConfig) {
                out.print(env);
                out.flush();
            } else {
                info.println("Start the Latchkey server with these settings" + (serverConfig == null ? ""
                        : " (also in " + serverConfig + "; set -a; . " + serverConfig + "; set +a)") + ":");
                info.print(env.indent(2));
            }
            Simulation run = new Simulation(plan, standIns, info, terminal());
            if (!run.awaitServer(duration("--wait-for-server", waitForServer, new java.util.ArrayList<>()))) {
                throw new SimulationFailed("the server at " + plan.server() + " did not answer /readyz within "
                        + waitForServer + "; start it with the settings above");
            }
            run.run();
        }
        return 0;
    }

    private boolean terminal() {
        return switch (progressMode) {
            case "line" -> true;
            case "plain" -> false;
            default -> io.latchkey.server.simulate.ProgressLine.onTerminal();
        };
    }

    /** {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, or an ISO-8601 duration ({@code PT2S}). */
    static Duration duration(String flag, String raw, List<String> problems) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(s);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below
        }
        problems.add(flag + " is a duration such as 250ms, 2s, 5m or 1h (was " + raw + ")");
        return null;
    }
}
