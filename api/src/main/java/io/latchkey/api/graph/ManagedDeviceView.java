package io.latchkey.api.graph;

import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.User;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A device as Graph's {@code managedDevice}
 * (https://learn.microsoft.com/graph/api/resources/intune-devices-manageddevice), with Graph's
 * property names and enum values. Properties Latchkey does not track are left out rather than
 * invented; {@code complianceState} is {@code unknown} because Latchkey has no compliance policies.
 */
final class ManagedDeviceView {
    static final String ODATA_TYPE = "#microsoft.graph.managedDevice";

    /** Every property a caller may {@code $select}. */
    static final Set<String> PROPERTIES = Set.of("id", "userId", "deviceName", "managedDeviceOwnerType", "ownerType",
            "enrolledDateTime", "lastSyncDateTime", "operatingSystem", "complianceState", "managementAgent",
            "osVersion", "easActivated", "emailAddress", "isSupervised", "model", "manufacturer", "serialNumber",
            "userPrincipalName", "userDisplayName", "managedDeviceName", "deviceActionResults");

    private ManagedDeviceView() {
    }

    /**
     * The representation; {@code actionResults} null leaves {@code deviceActionResults} out (lists
     * return it only when selected, as they return some properties only on a single GET).
     * {@code ownerType} is the beta name of {@code managedDeviceOwnerType}.
     */
    static Map<String, Object> of(Device d, User user, boolean beta, List<Map<String, Object>> actionResults,
                                  Set<String> select) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@odata.type", ODATA_TYPE);
        m.put("id", d.id().toString());
        m.put("userId", d.enrollingUserId() == null ? null : d.enrollingUserId().toString());
        m.put("deviceName", d.name());
        m.put("managedDeviceName", d.name());
        m.put("managedDeviceOwnerType", d.ownership().wireName());
        if (beta) {
            m.put("ownerType", d.ownership().wireName());
        }
        m.put("enrolledDateTime", d.enrolledAt().toString());
        m.put("lastSyncDateTime", d.lastCheckInAt() == null ? null : d.lastCheckInAt().toString());
        m.put("operatingSystem", GraphNames.operatingSystem(d.platform()));
        m.put("complianceState", "unknown");
        m.put("managementAgent", GraphNames.managementAgent(d.channel()));
        m.put("osVersion", d.osVersion());
        m.put("easActivated", d.channel().viaEas());
        m.put("emailAddress", user == null ? null : user.userPrincipalName());
        m.put("isSupervised", d.state().supervised());
        m.put("model", d.model());
        m.put("manufacturer", GraphNames.manufacturer(d.platform()));
        m.put("serialNumber", d.serialNumber());
        m.put("userPrincipalName", user == null ? null : user.userPrincipalName());
        m.put("userDisplayName", user == null ? null : user.displayName());
        if (actionResults != null) {
            m.put("deviceActionResults", actionResults);
        }
        return select == null ? m : project(m, select);
    }

    /** Only the selected properties (and the type annotation), as Graph answers a {@code $select}. */
    static Map<String, Object> project(Map<String, Object> full, Set<String> select) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.type", full.get("@odata.type"));
        for (String p : select) {
            if (full.containsKey(p)) {
                out.put(p, full.get(p));
            }
        }
        return out;
    }

    /** Refuses a {@code $select} naming a property the representation does not have. */
    static Set<String> checkSelect(Set<String> select, boolean beta) {
        if (select == null) {
            return null;
        }
        for (String p : select) {
            if (!PROPERTIES.contains(p) || (!beta && p.equals("ownerType"))) {
                throw GraphError.badRequest("could not find a property named '" + p + "' on type "
                        + "'microsoft.graph.managedDevice' (selectable: " + String.join(", ",
                        new java.util.TreeSet<>(PROPERTIES)) + ")");
            }
        }
        return select;
    }
}
