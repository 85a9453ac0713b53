package io.latchkey.simulator.apple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Counts for one session's {@link PollSummary}. */
final class SessionTally {

    private final List<String> types = new ArrayList<>();
    private int acknowledged;
    private int errors;
    private int notNow;

    void add(String type, String status) {
        types.add(type);
        switch (status) {
            case "Acknowledged" -> acknowledged++;
            case "NotNow" -> notNow++;
            default -> errors++;
        }
    }

    PollSummary summary(Optional<String> failure) {
        return new PollSummary(1, types.size(), acknowledged, errors, notNow, List.copyOf(types), failure);
    }

    PollSummary stopped(String why) {
        return summary(Optional.of(why));
    }
}
