package io.latchkey.core.action;

import io.latchkey.core.Rejected;
import io.latchkey.core.capability.Action;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The options each action accepts, with Graph's parameter names (remoteLock's lost-mode message
 * and phone number; wipe's flags). Unknown names and malformed values are refused, never dropped.
 */
public final class ActionOptions {
    private static final Set<String> BOOLEAN = Set.of("keepEnrollmentData", "keepUserData", "persistEsimDataPlan",
            "useProtectedWipe");
    private static final Map<Action, Set<String>> ALLOWED = Map.of(
            Action.REMOTE_LOCK, Set.of("message", "phoneNumber", "footer"),
            Action.PASSCODE_RESET, Set.of(),
            Action.RETIRE, Set.of(),
            Action.WIPE, Set.of("keepEnrollmentData", "keepUserData", "persistEsimDataPlan", "useProtectedWipe"),
            Action.ENABLE_LOST_MODE, Set.of("message", "phoneNumber", "footer"),
            Action.DISABLE_LOST_MODE, Set.of(),
            Action.SYNC, Set.of());

    private ActionOptions() {
    }

    /** Returns the options normalised (sorted, booleans lower-case) or throws {@link Rejected}. */
    public static Map<String, String> validate(Action action, Map<String, String> options) {
        Map<String, String> out = new TreeMap<>();
        if (options == null) {
            return out;
        }
        Set<String> allowed = ALLOWED.get(action);
        for (Map.Entry<String, String> e : options.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name == null || name.isBlank()) {
                throw Rejected.invalid("an option has no name");
            }
            if (name.equals("macOsUnlockCode") && action == Action.WIPE) {
                // Options are stored and shown in clear; a PIN must not be. The Mac's PIN is made by
                // the server and kept sealed as the command's secret result instead (matrix: macOS wipe).
                throw Rejected.invalid("option 'macOsUnlockCode' is not accepted: Latchkey generates the Mac's "
                        + "6-digit PIN and shows it as the wipe's secret result");
            }
            if (!allowed.contains(name)) {
                throw Rejected.invalid("unknown option '" + name + "' for " + action.wireName()
                        + (allowed.isEmpty() ? " (it takes none)"
                        : " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            }
            if (value == null) {
                continue;
            }
            if (BOOLEAN.contains(name)) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw Rejected.invalid("option '" + name + "' must be true or false, not '" + value + "'");
                }
                value = value.toLowerCase(java.util.Locale.ROOT);
            } else if (name.equals("phoneNumber")) {
                if (value.length() > 32 || !value.matches("[0-9+()\\-. ]*")) {
                    throw Rejected.invalid("option 'phoneNumber' must be at most 32 characters of digits, "
                            + "spaces and + ( ) - .");
                }
            } else if (value.length() > 500) {
                throw Rejected.invalid("option '" + name + "' must be at most 500 characters");
            }
            out.put(name, value);
        }
        if (action == Action.ENABLE_LOST_MODE && isBlank(out.get("message")) && isBlank(out.get("phoneNumber"))) {
            // device.lostmode.enable.yaml: Message and/or PhoneNumber, at least one.
            throw Rejected.invalid("enableLostMode needs a message or a phoneNumber to show on the lost device");
        }
        return out;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
