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
public record Ui(Messages t, String admin, String csrf, String path, List<StaticGroup> groups) {

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
