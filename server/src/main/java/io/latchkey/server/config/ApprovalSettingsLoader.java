package io.latchkey.server.config;

import io.latchkey.core.approval.ApprovalPolicy;
import io.latchkey.core.capability.Action;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The approval policy (issue 8 item 3) from {@code approval.*}: every problem reported at start. */
final class ApprovalSettingsLoader {
    private ApprovalSettingsLoader() {
    }

    static ApprovalPolicy load(Function<Option, String> text, Function<Option, String> source, List<String> problems) {
        boolean enabled = bool(text, source, Option.APPROVAL_ENABLED, problems);
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        String list = text.apply(Option.APPROVAL_ACTIONS);
        for (String word : (list == null ? "" : list).split(",")) {
            if (word.isBlank()) {
                continue;
            }
            try {
                actions.add(Action.parse(word.trim()));
            } catch (IllegalArgumentException e) {
                problems.add("approval.actions: " + e.getMessage() + " (" + source.apply(Option.APPROVAL_ACTIONS) + ")");
            }
        }
        if (enabled && actions.isEmpty() && problems.stream().noneMatch(p -> p.startsWith("approval.actions"))) {
            problems.add("approval.actions is empty while approval.enabled is true: name the actions that need a "
                    + "second administrator (e.g. wipe,retire) or set approval.enabled=false ("
                    + source.apply(Option.APPROVAL_ACTIONS) + ")");
        }
        int threshold = 0;
        String raw = text.apply(Option.APPROVAL_DEVICE_THRESHOLD);
        try {
            threshold = Integer.parseInt(raw == null ? "" : raw.trim());
            if (threshold < 0 || threshold > 10_000_000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            threshold = ApprovalPolicy.DEFAULT_THRESHOLD; // reported below; start is refused anyway
            problems.add("approval.device.threshold must be a whole number from 0 to 10000000, not '" + raw + "' ("
                    + source.apply(Option.APPROVAL_DEVICE_THRESHOLD) + ")");
        }
        boolean company = bool(text, source, Option.APPROVAL_COMPANY_OWNED, problems);
        return new ApprovalPolicy(enabled, actions, threshold, company);
    }

    private static boolean bool(Function<Option, String> text, Function<Option, String> source, Option o,
                                List<String> problems) {
        String raw = text.apply(o);
        String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            problems.add(o.key() + " must be true or false, not '" + raw + "' (" + source.apply(o) + ")");
            return false;
        }
        return s.equals("true");
    }
}
