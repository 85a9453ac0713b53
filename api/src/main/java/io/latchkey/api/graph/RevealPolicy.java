package io.latchkey.api.graph;

import io.latchkey.core.admin.Admin;

/**
 * Who may read secret results (a reset passcode, a Mac's lock PIN) in {@code deviceActionResults}.
 * Others see the result with {@code passcode} null. Latchkey has no roles yet, so the composition
 * root allows every administrator, as the native API's secret endpoint does; a role model plugs
 * in here.
 */
@FunctionalInterface
public interface RevealPolicy {
    boolean mayReveal(Admin admin);
}
