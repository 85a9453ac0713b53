package io.latchkey.api.graph;

import io.latchkey.api.graph.odata.QueryOptions;
import io.latchkey.core.access.Permission;
import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code users}, {@code users/{id or userPrincipalName}} and {@code users/{id}/managedDevices}:
 * what admin scripts use to go from a person to their devices (Microsoft's
 * Invoke_DeviceAction_Set.ps1 resolves a UPN, then lists the user's managed devices).
 */
final class UserEndpoints {
    private static final Set<String> PROPERTIES = Set.of("id", "userPrincipalName", "displayName", "mail");

    private final Users users;
    private final ManagedDeviceEndpoints devices;

    UserEndpoints(Users users, ManagedDeviceEndpoints devices) {
        this.users = users;
        this.devices = devices;
    }

    void register(GraphRouter router) {
        router.add("GET", "/users", this::list);
        router.add("GET", "/users/{user-id}", this::get);
        router.add("GET", "/users/{user-id}/managedDevices", this::devices);
    }

    private void list(GraphCall call) {
        QueryOptions q = GraphListing.plain(call);
        Set<String> select = checkSelect(q.select());
        Page<User> page = users.page(null, call.grants().groups(Permission.READ_DEVICES), q.skipToken(),
                q.pageSize());
        List<Map<String, Object>> value = page.items().stream().map(u -> view(u, select)).toList();
        GraphApi.ok(call, GraphListing.of(call, "users", page, value, null));
    }

    private void get(GraphCall call) {
        QueryOptions q = QueryOptions.parse(call.ctx().queryParamMap(), Set.of("$select"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", call.root() + "/$metadata#users/$entity");
        body.putAll(view(user(call, call.param(0)), checkSelect(q.select())));
        GraphApi.ok(call, body);
    }

    private void devices(GraphCall call) {
        User u = user(call, call.param(0));
        devices.list(call, new DeviceCondition.Compare(DeviceField.USER_ID, DeviceCondition.Op.EQ, u.id()),
                "users('" + u.id() + "')/managedDevices");
    }

    /** The user a key names; one the caller's scope does not show is answered like an unknown one. */
    private User user(GraphCall call, String key) {
        Optional<User> found;
        try {
            found = users.find(UUID.fromString(key.trim()));
        } catch (IllegalArgumentException notAnId) {
            found = users.findByPrincipalName(key.trim());
        }
        return found.filter(u -> call.seesUser(u.id()))
                .orElseThrow(() -> GraphError.notFound("user '" + key + "' was not found"));
    }

    private static Map<String, Object> view(User u, Set<String> select) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@odata.type", "#microsoft.graph.user");
        m.put("id", u.id().toString());
        m.put("userPrincipalName", u.userPrincipalName());
        m.put("displayName", u.displayName());
        m.put("mail", u.userPrincipalName());
        return select == null ? m : ManagedDeviceView.project(m, select);
    }

    private static Set<String> checkSelect(Set<String> select) {
        if (select != null) {
            for (String p : select) {
                if (!PROPERTIES.contains(p)) {
                    throw GraphError.badRequest("could not find a property named '" + p + "' on type "
                            + "'microsoft.graph.user' (selectable: displayName, id, mail, userPrincipalName)");
                }
            }
        }
        return select;
    }
}
