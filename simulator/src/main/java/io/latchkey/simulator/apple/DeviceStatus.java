package io.latchkey.simulator.apple;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of what a simulated device went through, for tests and load-test summaries.
 *
 * @param erased      it acknowledged EraseDevice: unenrolled, it answers nothing more until enrolled again
 * @param checkedOut  it sent CheckOut after RemoveProfile
 * @param lastPin     the last DeviceLock PIN received (macOS); {@code pinsReceived} keeps every one
 * @param commandsReceived commands the server sent, each counted every time it was sent
 * @param failures    sessions (and CheckOuts) that ended on a non-2xx reply or a connection failure;
 *                    a failed enrollment is thrown to its caller and only shows in {@code lastFailure}
 */
public record DeviceStatus(boolean enrolled, boolean erased, boolean checkedOut, boolean locked,
                           boolean passcodeCleared, boolean lostMode, Optional<String> lockMessage,
                           Optional<String> lockPhoneNumber, Optional<String> lastPin, List<String> pinsReceived,
                           Optional<String> lostModeMessage, Optional<String> lostModePhoneNumber,
                           Optional<String> lostModeFootnote, int sessions, int commandsReceived, int acknowledged,
                           int errors, int notNow, int failures, Optional<String> lastFailure) {
}
