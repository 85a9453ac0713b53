package io.latchkey.core.approval;

import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Ownership;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which submissions wait for a second administrator (issue 8 item 3). A submission of one of
 * {@code actions} needs approval when it selects more than {@code deviceThreshold} devices, or,
 * with {@code companyOwned}, when any selected device is company-owned. The default holds back a
 * wipe or retire of more than one device or of any company-owned device.
 *
 * @param deviceThreshold the largest selection that passes without approval (0: every one waits)
 */
public record ApprovalPolicy(boolean enabled, Set<Action> actions, int deviceThreshold, boolean companyOwned) {
    public static final int DEFAULT_THRESHOLD = 1;

    public ApprovalPolicy {
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        if (deviceThreshold < 0) {
            throw new IllegalArgumentException("the device threshold must be 0 or more");
        }
    }

    public static ApprovalPolicy defaults() {
        return new ApprovalPolicy(true, EnumSet.of(Action.WIPE, Action.RETIRE), DEFAULT_THRESHOLD, true);
    }

    public static ApprovalPolicy off() {
        return new ApprovalPolicy(false, Set.of(), DEFAULT_THRESHOLD, false);
    }

    /** Whether a submission of this action could need approval at all (so devices need looking at). */
    public boolean covers(Action action) {
        return enabled && actions.contains(action);
    }

    /** Why this submission needs approval, said for the administrators; empty when it does not. */
    public Optional<String> reasonFor(Action action, List<Device> selected) {
        if (!covers(action)) {
            return Optional.empty();
        }
        if (selected.size() > deviceThreshold) {
            return Optional.of(action.wireName() + " of " + selected.size() + " devices (more than "
                    + deviceThreshold + " needs a second administrator)");
        }
        if (companyOwned) {
            long company = selected.stream().filter(d -> d.ownership() == Ownership.COMPANY).count();
            if (company > 0) {
                return Optional.of(action.wireName() + " of " + company + " company-owned device(s)");
            }
        }
        return Optional.empty();
    }

    /** For the start-up log and the status page. */
    public String describe() {
        if (!enabled || actions.isEmpty()) {
            return "off";
        }
        return actions.stream().map(Action::wireName).sorted().collect(Collectors.joining(", "))
                + " of more than " + deviceThreshold + " device(s)" + (companyOwned ? " or of any company-owned device" : "");
    }
}
