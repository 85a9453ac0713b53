package io.latchkey.simulator.apple;

import java.util.Map;

/**
 * A fleet's totals, from its devices' {@link DeviceStatus} and the fleet's own enrollment counts.
 *
 * @param enrollFailures    enrollments that failed, by the step they failed at
 * @param sessionFailures   sessions and check-ins that ended on a non-2xx reply or a connection failure
 * @param pushesReceived    pushes the mock APNs received (0 without one)
 * @param wakes             device wake-ups the mock APNs ran (0 without one)
 */
public record FleetSummary(int devices, int enrolled, Map<EnrollmentFailed.Stage, Integer> enrollFailures,
                           int erased, int checkedOut, int locked, int sessions, int commandsReceived,
                           int acknowledged, int errors, int notNow, int sessionFailures, long pushesReceived,
                           long wakes) {

    public FleetSummary {
        enrollFailures = Map.copyOf(enrollFailures);
    }

    public int enrollFailuresTotal() {
        return enrollFailures.values().stream().mapToInt(Integer::intValue).sum();
    }
}
