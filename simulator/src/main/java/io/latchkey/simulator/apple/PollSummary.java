package io.latchkey.simulator.apple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one or more command sessions did.
 *
 * @param sessions     sessions run; 0 when the device was offline or not enrolled
 * @param requestTypes the RequestType of every command received, in order
 * @param failure      why the last session stopped early (non-2xx, connection failure), if it did
 */
public record PollSummary(int sessions, int commands, int acknowledged, int errors, int notNow,
                          List<String> requestTypes, Optional<String> failure) {

    public static final PollSummary NONE = new PollSummary(0, 0, 0, 0, 0, List.of(), Optional.empty());

    public PollSummary plus(PollSummary other) {
        List<String> types = new ArrayList<>(requestTypes);
        types.addAll(other.requestTypes);
        return new PollSummary(sessions + other.sessions, commands + other.commands,
                acknowledged + other.acknowledged, errors + other.errors, notNow + other.notNow, List.copyOf(types),
                other.failure.or(() -> failure));
    }
}
