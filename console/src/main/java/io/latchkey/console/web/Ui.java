package io.latchkey.console.web;

import io.latchkey.console.i18n.Messages;
import io.latchkey.core.inventory.StaticGroup;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every page's frame needs: the words ({@code t}), who is signed in, the CSRF token for its
 * forms, where we are (to mark the navigation) and the admin-created groups of the tree.
 */
public record Ui(Messages t, String admin, String csrf, String path, List<StaticGroup> groups,
                 io.latchkey.core.access.Grants grants) {

    /** Whether the admin's roles grant the permission (by name) somewhere: what buttons to show. */
    public boolean may(String permission) {
        return grants != null && grants.permits(io.latchkey.core.access.Permission.valueOf(permission));
    }

    /** Whether any remote task is permitted: whether to show the Remote Tasks menu at all. */
    public boolean mayAnyTask() {
        if (grants == null) {
            return false;
        }
        for (io.latchkey.core.access.Permission p : io.latchkey.core.access.Permission.values()) {
            if (p.isRemoteTask() && grants.permits(p)) {
                return true;
            }
        }
        return false;
    }

    public boolean here(String href) {
        return path != null && path.equals(href);
    }

    /** The same page in the other language, through the language switch. */
    public String otherLang() {
        return t.lang().equals("fr") ? "en" : "fr";
    }

    public static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
