package io.latchkey.api;

import io.latchkey.core.access.Permission;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AccessGuardTest {
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /devices, READ_DEVICES",
            "GET, /devices/abc, READ_DEVICES",
            "GET, /users/abc/devices, READ_DEVICES",
            "POST, /users/abc/enrollment-codes, MANAGE_ENROLLMENT",
            "GET, /groups, READ_DEVICES",
            "POST, /groups, MANAGE_GROUPS",
            "DELETE, /groups/abc/members, MANAGE_GROUPS",
            "POST, /import, MANAGE_DEVICES",
            "GET, /audit, READ_AUDIT",
            "GET, /matrix, READ_DEVICES",
            "GET, /actions, READ_DEVICES",
            "GET, /actions/abc/commands, READ_DEVICES",
            "POST, /actions/preview, READ_DEVICES",
            "POST, /actions, ",
            "POST, /actions/abc/cancel, ",
            "GET, /commands/abc, READ_DEVICES",
            "POST, /commands/abc/secret, REVEAL_SECRET",
            "GET, /tokens, ",
            "POST, /me/totp, ",
            "GET, /somethingNew, MANAGE_ROLES",
            "GET, /roles, MANAGE_ROLES",
            "DELETE, /roles/Lockers, MANAGE_ROLES",
            "POST, /admins/abc/assignments, MANAGE_ROLES",
    })
    void everyRouteNeedsItsPermission(String method, String path, Permission expected) {
        assertThat(AccessGuard.needed(method, path)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} {1} -> over all devices: {2}")
    @CsvSource({
            "POST, /import, true",
            "POST, /groups, true",
            "POST, /groups/abc/members, false",
            "POST, /users/abc/enrollment-codes, true",
            "GET, /roles, true",
            "POST, /admins/abc/assignments, true",
            "GET, /devices, false",
            "POST, /actions, false",
    })
    void whatCreatesUnscopedThingsOrGrantsRolesNeedsThePermissionOverAllDevices(String method, String path,
                                                                               boolean everywhere) {
        assertThat(AccessGuard.needsEverywhere(method, path)).isEqualTo(everywhere);
    }
}
