package io.latchkey.simulator.windows;

import java.util.Map;

/**
 * A Windows fleet's totals, from its devices' {@link WindowsDeviceStatus} and the fleet's own enrollment counts.
 *
 * @param enrollFailures  enrollments that failed, by the step they failed at
 * @param sessionFailures sessions that ended on a non-2xx reply, a connection failure or an unreadable reply
 * @param pushesReceived  notifications the mock WNS received (0 without one)
 * @param wakes           device wake-ups the mock WNS ran (0 without one)
 */
public record WindowsFleetSummary(int devices, int enrolled, Map<WindowsEnrollmentFailed.Stage, Integer> enrollFailures,
                                  int wiped, int unenrolled, int locked, int pinsReset, int sessions,
                                  int commandsReceived, int sessionFailures, long pushesReceived, long wakes) {

    public WindowsFleetSummary {
        enrollFailures = Map.copyOf(enrollFailures);
    }

    public int enrollFailuresTotal() {
        return enrollFailures.values().stream().mapToInt(Integer::intValue).sum();
    }
}
