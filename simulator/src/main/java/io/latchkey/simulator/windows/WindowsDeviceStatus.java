package io.latchkey.simulator.windows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of what a simulated Windows device went through, for tests and load-test summaries.
 *
 * @param wiped            it executed a RemoteWipe node: unenrolled, answering nothing until enrolled again
 * @param unenrolled       it left management (DMClient Unenroll, or a user unenroll it reported with Alert 1226)
 * @param locked           it executed RemoteLock Lock or LockAndResetPIN
 * @param currentPin       the PIN the last LockAndResetPIN generated (phones only)
 * @param pinsGenerated    every PIN generated, oldest first
 * @param channelUri       the WNS channel it reports as {@code DMClient/Provider/<id>/Push/ChannelURI}
 * @param commandsReceived commands the server sent (each in a Sequence or Atomic counted too)
 * @param statusesSent     status codes it answered server commands with, and how often
 * @param history          the last commands executed, e.g. {@code "Exec ./Vendor/MSFT/RemoteLock/Lock 200"}
 * @param failures         sessions that ended on a non-2xx reply, a connection failure or an unreadable reply
 */
public record WindowsDeviceStatus(boolean enrolled, boolean wiped, boolean unenrolled, boolean locked, int lockCount,
                                  Optional<String> currentPin, List<String> pinsGenerated, Optional<URI> channelUri,
                                  int sessions, int commandsReceived, Map<Integer, Integer> statusesSent,
                                  List<String> history, int failures, Optional<String> lastFailure) {
}
