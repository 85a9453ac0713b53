package io.latchkey.channel.windows.mdm;

import io.latchkey.channel.windows.syncml.Item;
import io.latchkey.channel.windows.syncml.StatusCode;
import io.latchkey.channel.windows.syncml.SyncCommand;
import io.latchkey.core.action.Command;

import java.util.List;
import java.util.Optional;

/**
 * What the device's Status (and Results) for a command's SyncML mean for the engine command
 * (shared/reference/windows-mdm.md §3): a lock answered 405 means no PIN is set and is not retried;
 * a PIN reset succeeds only with the new PIN read back; a retire may never be answered at all.
 */
public final class WindowsOutcomes {

    /** The engine's next step for a command. */
    public sealed interface Outcome {
        record Succeeded(String detail) implements Outcome {
        }

        record SucceededWithPin(String pin) implements Outcome {
            @Override
            public String toString() {
                return "SucceededWithPin[****]";
            }
        }

        record Failed(String reason) implements Outcome {
        }
    }

    private WindowsOutcomes() {
    }

    /**
     * @param statuses the device's Status for each command of the unit, in the order they were sent
     *                 (the Sequence's own first for a PIN reset)
     * @param results  the Results of the unit's Get, if any
     */
    public static Outcome of(Command c, List<SyncCommand.Status> statuses, Optional<SyncCommand.Results> results) {
        int worst = statuses.stream().mapToInt(SyncCommand.Status::code).filter(s -> !StatusCode.isSuccess(s))
                .findFirst().orElse(200);
        return switch (c.action()) {
            case REMOTE_LOCK -> worst == 405
                    ? new Outcome.Failed("the device has no PIN set, so it cannot be locked remotely (RemoteLock "
                    + "answered 405)")
                    : success(worst, "locked");
            case PASSCODE_RESET -> {
                Optional<String> pin = results.flatMap(r -> r.items().stream().map(Item::data)
                        .filter(d -> d != null && !d.isBlank()).findFirst());
                if (!StatusCode.isSuccess(worst)) {
                    yield new Outcome.Failed("LockAndResetPIN was refused with status " + worst
                            + (worst == 405 || worst == 404 ? " (this edition cannot reset its PIN remotely)" : ""));
                }
                yield pin.<Outcome>map(Outcome.SucceededWithPin::new)
                        .orElseGet(() -> new Outcome.Failed("the device reset its PIN but did not return "
                                + "NewPINValue; the new PIN is unknown"));
            }
            case RETIRE -> success(worst, "unenrolled from this server");
            case WIPE -> success(worst, "wipe started");
            case SYNC -> success(worst, "inventory refreshed");
            case ENABLE_LOST_MODE, DISABLE_LOST_MODE -> new Outcome.Failed("Lost Mode has no Windows command");
        };
    }

    private static Outcome success(int status, String detail) {
        return StatusCode.isSuccess(status) ? new Outcome.Succeeded(detail)
                : new Outcome.Failed("the device answered status " + status);
    }
}
