package io.latchkey.channel.eas.wbxml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One WBXML code page of MS-ASWBXML §2.1.2.1: its number, its namespace (the XML namespace the
 * protocol documents use, e.g. {@code Provision}) and its tag tokens (0x05 to 0x3F).
 */
public final class CodePage {
    private final int number;
    private final String namespace;
    private final Map<Integer, String> byToken;
    private final Map<String, Integer> byName;

    CodePage(int number, String namespace, Object... tokensAndNames) {
        this.number = number;
        this.namespace = namespace;
        Map<Integer, String> tokens = new LinkedHashMap<>();
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < tokensAndNames.length; i += 2) {
            int token = (Integer) tokensAndNames[i];
            String name = (String) tokensAndNames[i + 1];
            if (token < 0x05 || token > 0x3F || tokens.put(token, name) != null || names.put(name, token) != null) {
                throw new IllegalArgumentException("code page " + number + ": bad or repeated token " + token);
            }
        }
        this.byToken = Collections.unmodifiableMap(tokens);
        this.byName = Collections.unmodifiableMap(names);
    }

    public int number() {
        return number;
    }

    public String namespace() {
        return namespace;
    }

    public Optional<String> name(int token) {
        return Optional.ofNullable(byToken.get(token));
    }

    public Optional<Integer> token(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every tag name of the page, in token order. */
    public java.util.Collection<String> names() {
        return byToken.values();
    }
}
