package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.Command;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Ownership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How each action becomes an AMAPI call (product spec §2, Android rows; shared/reference/android-and-eas.md §1.1):
 * an issueCommand with an Operation to follow, or a devices.delete that is done when Google accepts it.
 */
final class AndroidCommands {
    /** Shown on a work profile's device when it is removed (DeleteDevice wipeReasonMessage). */
    static final String RETIRE_MESSAGE = "Your organisation removed this device's work profile from management.";
    static final String WIPE_MESSAGE = "Your organisation's administrator wiped this device.";

    /** A call to make: an issued command, or a deletion with its wipe flags. */
    sealed interface Call {
    }

    record Issue(Command command) implements Call {
        /** Never the command itself: a RESET_PASSWORD carries the temporary passcode. */
        @Override
        public String toString() {
            return "Issue[" + command.getType() + "]";
        }
    }

    record Delete(List<String> wipeDataFlags, String reason) implements Call {
    }

    private AndroidCommands() {
    }

    static Call lock(Duration duration) {
        return new Issue(new Command().setType("LOCK").setDuration(seconds(duration)));
    }

    /**
     * RESET_PASSWORD with the temporary passcode; REQUIRE_ENTRY keeps other admins from changing it
     * until the user typed it, LOCK_NOW locks the device (or work profile) straight after.
     */
    static Call resetPassword(String passcode, Duration duration) {
        return new Issue(new Command().setType("RESET_PASSWORD").setNewPassword(passcode)
                .setResetPasswordFlags(List.of("REQUIRE_ENTRY", "LOCK_NOW")).setDuration(seconds(duration)));
    }

    /**
     * Retire: a company-owned work profile is released with RELINQUISH_OWNERSHIP (the profile and
     * policies removed, the device left to its user); otherwise the device is deleted from the
     * enterprise, which removes a personal device's work profile (a device owner is factory reset:
     * AMAPI cannot release it).
     */
    static Call retire(Device device, Duration duration) {
        if (device.state().androidMode() == AndroidMode.WORK_PROFILE && device.ownership() == Ownership.COMPANY) {
            return new Issue(new Command().setType("RELINQUISH_OWNERSHIP").setDuration(seconds(duration)));
        }
        return new Delete(List.of(), RETIRE_MESSAGE);
    }

    /**
     * Wipe: devices.delete with wipe flags (a company device is factory reset, a personal one loses
     * its work profile). Factory-reset protection is kept so a stolen phone stays tied to its
     * account; external storage and eSIMs are wiped unless the admin asked to keep user data or
     * the eSIM plan (Graph's keepUserData, persistEsimDataPlan).
     */
    static Call wipe(Map<String, String> options) {
        List<String> flags = new ArrayList<>();
        flags.add("PRESERVE_RESET_PROTECTION_DATA");
        if (!"true".equals(options.get("keepUserData"))) {
            flags.add("WIPE_EXTERNAL_STORAGE");
        }
        if (!"true".equals(options.get("persistEsimDataPlan"))) {
            flags.add("WIPE_ESIMS");
        }
        return new Delete(flags, WIPE_MESSAGE);
    }

    /** Google's Duration JSON; at least one second. */
    static String seconds(Duration d) {
        return Math.max(1, d.toSeconds()) + "s";
    }
}
