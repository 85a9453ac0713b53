package io.latchkey.server.simulate;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code latchkey simulate} runs: how many devices of each kind, how they behave, and against
 * which server. Built from the command line; {@link #problems()} names every bad value at once.
 *
 * @param server      the server's base URL as the devices reach it (plain http: the devices stand behind a
 *                    TLS-terminating proxy that forwards their certificate, the deployment guide's layout)
 * @param token       an administrator's API token (enrollment codes, the lock, the report)
 * @param online      share of the devices that stay online after enrolling; the others keep their commands pending
 * @param latency     how long a device takes before each answer
 * @param notNow      share of Apple commands first answered NotNow (Apple only: the other platforms have no NotNow)
 * @param failure     share of commands a device fails (Apple: an error status; Windows: 500; Android: an errorCode)
 * @param lock        submit one remote lock for every simulated device once they are enrolled
 * @param timeout     how long to wait for the lock to finish, or how long to run without {@code lock}
 * @param concurrency devices enrolling at once
 */
public record SimulationPlan(URI server, String token, int apple, int windows, int android, double online,
                             Duration latency, double notNow, double failure, boolean lock, Duration timeout,
                             long seed, int concurrency) {

    /** More than this in one process is a benchmark's job (bench part "fleet"), with seeded identities. */
    public static final int MAX_DEVICES = 100_000;

    public SimulationPlan {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(timeout, "timeout");
    }

    public int devices() {
        return apple + windows + android;
    }

    /** Every problem with this plan, in words a user can act on; empty when it can run. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (server == null || server.getHost() == null) {
            out.add("--server must be an absolute URL such as http://127.0.0.1:8080");
        } else if (!"http".equals(server.getScheme())) {
            out.add("--server must be an http:// URL (was " + server + "): the simulated devices stand behind a "
                    + "TLS-terminating proxy and reach the server's plain-HTTP port, as in the deployment guide");
        } else if (server.getPath() != null && !server.getPath().isEmpty() && !server.getPath().equals("/")) {
            out.add("--server must be the server's base URL without a path (was " + server + ")");
        }
        if (token == null || token.isBlank()) {
            out.add("an administrator's API token is needed: --token or LATCHKEY_SIMULATE_TOKEN");
        }
        count(out, "--apple", apple);
        count(out, "--windows", windows);
        count(out, "--android", android);
        if (apple >= 0 && windows >= 0 && android >= 0) {
            long total = (long) apple + windows + android;
            if (total == 0) {
                out.add("no devices: give at least one of --apple, --windows, --android");
            } else if (total > MAX_DEVICES) {
                out.add("at most " + MAX_DEVICES + " devices in all (was " + total + "); bench/run.sh's fleet part "
                        + "seeds larger fleets");
            }
        }
        fraction(out, "--online", online);
        fraction(out, "--notnow", notNow);
        fraction(out, "--failure", failure);
        if (notNow >= 0 && failure >= 0 && notNow + failure > 1) {
            out.add("--notnow and --failure together cannot exceed 1 (were " + notNow + " + " + failure + ")");
        }
        if (latency.isNegative()) {
            out.add("--latency cannot be negative (was " + latency + ")");
        } else if (latency.compareTo(Duration.ofMinutes(1)) > 0) {
            out.add("--latency is at most 1 minute (was " + latency + ")");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            out.add("--timeout must be positive (was " + timeout + ")");
        }
        if (concurrency < 1 || concurrency > 1024) {
            out.add("--concurrency must be between 1 and 1024 (was " + concurrency + ")");
        }
        return out;
    }

    private static void count(List<String> out, String flag, int value) {
        if (value < 0) {
            out.add(flag + " cannot be negative (was " + value + ")");
        }
    }

    private static void fraction(List<String> out, String flag, double value) {
        if (!(value >= 0 && value <= 1)) {
            out.add(flag + " is a fraction between 0 and 1 (was " + value + ")");
        }
    }
}
