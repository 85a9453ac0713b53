package io.latchkey.api.graph;

import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Latchkey's values under Graph's names: {@code managementAgent}
 * (https://learn.microsoft.com/graph/api/resources/intune-devices-managementagenttype),
 * {@code operatingSystem}, {@code actionState}
 * (https://learn.microsoft.com/graph/api/resources/intune-devices-actionstate) and
 * {@code remoteAction} (https://learn.microsoft.com/graph/api/resources/intune-devices-remoteaction).
 */
final class GraphNames {
    /** managementAgentType values Graph defines that no Latchkey device has: they match nothing. */
    static final Set<String> OTHER_AGENTS = Set.of("easintuneclient", "configurationmanagerclient",
            "configurationmanagerclientmdm", "configurationmanagerclientmdmeas", "unknown", "jamf",
            "googleclouddevicepolicycontroller", "microsoft365managedmdm", "mssense", "intuneaosp",
            "windowsmanagementcloudapi");

    private GraphNames() {
    }

    /** The agent name: the PC agent is Intune's own client software ({@code intuneClient}). */
    static String managementAgent(ManagementChannel c) {
        return c == ManagementChannel.PC_AGENT ? "intuneClient" : c.wireName();
    }

    /** Case-insensitive, as scripts write {@code 'easmdm'}; empty for a Graph value no device has. */
    static Optional<ManagementChannel> channel(String agent) {
        String a = agent.trim().toLowerCase(Locale.ROOT);
        if (a.equals("intuneclient")) {
            return Optional.of(ManagementChannel.PC_AGENT);
        }
        for (ManagementChannel c : ManagementChannel.values()) {
            if (c != ManagementChannel.PC_AGENT && c.wireName().equalsIgnoreCase(a)) {
                return Optional.of(c);
            }
        }
        if (OTHER_AGENTS.contains(a)) {
            return Optional.empty();
        }
        throw GraphError.badRequest("'" + agent + "' is not a managementAgentType (eas, mdm, easMdm, intuneClient, "
                + "…)");
    }

    /**
     * Intune reports every Windows edition as "Windows" (desktop, Mobile, RT); the edition is in
     * the OS version and model. Latchkey keeps them apart because the matrix does.
     */
    static String operatingSystem(Platform p) {
        return switch (p) {
            case WINDOWS, WINDOWS_MOBILE, WINDOWS_RT -> "Windows";
            case OTHER -> "Unknown";
            default -> p.displayName();
        };
    }

    /** The platforms an operatingSystem value names (empty: none), case-insensitively. */
    static List<Platform> platforms(String operatingSystem) {
        String os = operatingSystem.trim();
        Set<Platform> out = EnumSet.noneOf(Platform.class);
        for (Platform p : Platform.values()) {
            if (operatingSystem(p).equalsIgnoreCase(os)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** Graph's manufacturer where the platform implies it; null otherwise. */
    static String manufacturer(Platform p) {
        return switch (p) {
            case IOS, IPADOS, MACOS -> "Apple";
            default -> null;
        };
    }

    static String actionState(CommandState s) {
        return switch (s) {
            case PENDING -> "pending";
            case SENT, ACKNOWLEDGED -> "active";
            case SUCCEEDED -> "done";
            case FAILED, EXPIRED -> "failed";
            case NOT_SUPPORTED -> "notSupported";
            case CANCELED -> "canceled";
        };
    }

    /** The remoteAction enum value of remoteActionAudit.action. */
    static String remoteAction(Action a) {
        return switch (a) {
            case REMOTE_LOCK -> "remoteLock";
            case PASSCODE_RESET -> "resetPasscode";
            case RETIRE -> "removeCompanyData";
            case WIPE -> "factoryReset";
            case ENABLE_LOST_MODE -> "enableLostMode";
            case DISABLE_LOST_MODE -> "disableLostMode";
            case SYNC -> "unknown";
        };
    }
}
