package io.latchkey.simulator.windows;

import java.util.Optional;

/**
 * What one OMA-DM session (or several, added up) did.
 *
 * @param sessions  sessions opened (0 when offline or not enrolled)
 * @param messages  SyncML messages the device sent
 * @param commands  server commands executed or answered
 * @param failure   why the last failed session stopped early, if one did
 */
public record WindowsSessionSummary(int sessions, int messages, int commands, Optional<String> failure) {

    public static final WindowsSessionSummary NONE = new WindowsSessionSummary(0, 0, 0, Optional.empty());

    public WindowsSessionSummary plus(WindowsSessionSummary other) {
        return new WindowsSessionSummary(sessions + other.sessions, messages + other.messages,
                commands + other.commands, other.failure.isPresent() ? other.failure : failure);
    }
}
