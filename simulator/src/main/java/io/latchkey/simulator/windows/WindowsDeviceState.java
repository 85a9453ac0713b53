package io.latchkey.simulator.windows;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A simulated Windows device's mutable state; every access holds the owning device's state monitor. */
final class WindowsDeviceState {

    private static final int HISTORY = 200;

    boolean enrolled;
    boolean wiped;
    boolean unenrolled;
    boolean userUnenrollPending;
    boolean locked;
    int lockCount;
    /** The PIN this simulator knows of: the last one LockAndResetPIN generated. */
    String pin;
    /** Readable once through NewPINValue after LockAndResetPIN (reference §3.1). */
    String newPinValue;
    final List<String> pinsGenerated = new ArrayList<>();
    ProvisioningDoc provisioning;
    URI channelUri;
    /** Nodes set by Add/Replace (policies, poll schedule, PFN), by LocURI as the server wrote it. */
    final Map<String, String> settings = new LinkedHashMap<>();
    int sessionCounter;
    int sessions;
    int commandsReceived;
    final Map<Integer, Integer> statusesSent = new LinkedHashMap<>();
    final Deque<String> history = new ArrayDeque<>();
    int failures;
    String lastFailure;

    void record(String line) {
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(line);
    }

    void fail(String why) {
        failures++;
        lastFailure = why;
    }

    /** Forgets the enrollment, as after unenroll or wipe. */
    void forgetEnrollment() {
        enrolled = false;
        provisioning = null;
        settings.clear();
        newPinValue = null;
        userUnenrollPending = false;
    }

    WindowsDeviceStatus snapshot() {
        Map<Integer, Integer> statuses = new LinkedHashMap<>(statusesSent);
        return new WindowsDeviceStatus(enrolled, wiped, unenrolled, locked, lockCount, Optional.ofNullable(pin),
                List.copyOf(pinsGenerated), Optional.ofNullable(channelUri), sessions, commandsReceived,
                Map.copyOf(statuses), List.copyOf(history), failures, Optional.ofNullable(lastFailure));
    }
}
