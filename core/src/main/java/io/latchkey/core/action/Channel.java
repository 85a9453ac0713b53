package io.latchkey.core.action;

import java.util.List;

/**
 * The port each channel adapter implements (Apple, Windows, Android, EAS). The engine tells it
 * which commands became due; a push channel sends a wake-up (APNs, WNS) so the device checks in
 * and pulls them through {@link CommandOutbox}; a cloud channel (Android Management API) hands them
 * over at once and reports through {@link CommandOutbox} as well.
 */
public interface Channel {

    ChannelKind kind();

    /**
     * Commands became due for their devices. They were pending when read, but an administrator may
     * cancel one, or it may expire, before this runs: a cloud channel must first move each command
     * to sent with {@link CommandOutbox#handedOver} and call its cloud service only if that returned
     * true (a refusal from the cloud then fails it from sent), so a canceled wipe is never issued.
     *
     * <p>Returning normally means the wake-up or hand-over was done, or that the channel took over
     * retrying it: an APNs or cloud outage is the channel's to retry with backoff, because throwing
     * holds back the whole window (the request's other channels included) until its lease ends.
     * Throwing is for the unexpected; the window is then claimed again after its lease.
     */
    void commandsDue(List<Command> due);
}
