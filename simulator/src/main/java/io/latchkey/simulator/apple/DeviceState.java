package io.latchkey.simulator.apple;

import com.dd.plist.NSDictionary;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything about a simulated device that changes. Not thread-safe: the device guards it with its
 * own monitor, and {@link CommandProcessor} mutates it only while that monitor is held.
 */
final class DeviceState {

    /** A result the server did not take (non-2xx or no connection), sent again at the next session. */
    record Pending(NSDictionary report, CommandProcessor.After after) {
    }

    EnrollmentProfile profile;
    KeyPair identityKeys;
    X509Certificate identity;
    String pushMagic;
    byte[] unlockToken;

    boolean enrolled;
    boolean erased;
    boolean checkedOut;
    boolean locked;
    boolean passcodeCleared;
    boolean lostMode;
    String lockMessage;
    String lockPhoneNumber;
    String lastPin;
    final List<String> pins = new ArrayList<>();
    String lostMessage;
    String lostPhoneNumber;
    String lostFootnote;

    /** CommandUUIDs answered NotNow: when one comes back it is executed. */
    final Set<String> deferred = new HashSet<>();
    Pending pending;

    int sessions;
    int commands;
    int acknowledged;
    int errors;
    int notNow;
    int failures;
    String lastFailure;

    /** What enrolling again, or erasing, leaves: nothing of the previous enrollment or its commands. */
    void forgetEnrollment() {
        profile = null;
        identityKeys = null;
        identity = null;
        enrolled = false;
        locked = false;
        passcodeCleared = false;
        lostMode = false;
        lockMessage = null;
        lockPhoneNumber = null;
        lostMessage = null;
        lostPhoneNumber = null;
        lostFootnote = null;
        deferred.clear();
        pending = null;
    }

    void fail(String why) {
        failures++;
        lastFailure = why;
    }

    DeviceStatus snapshot() {
        return new DeviceStatus(enrolled, erased, checkedOut, locked, passcodeCleared, lostMode,
                Optional.ofNullable(lockMessage), Optional.ofNullable(lockPhoneNumber), Optional.ofNullable(lastPin),
                List.copyOf(pins), Optional.ofNullable(lostMessage), Optional.ofNullable(lostPhoneNumber),
                Optional.ofNullable(lostFootnote), sessions, commands, acknowledged, errors, notNow, failures,
                Optional.ofNullable(lastFailure));
    }
}
