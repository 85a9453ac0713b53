package io.latchkey.channel.windows.enrollment;

import io.latchkey.channel.windows.WindowsFixtures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The device-side enrollment messages of the two Windows 10 captures (SOURCE.md): bodies of the
 * ngrok dump (between "Input Body" and the {@code ====} line) and of the README blocks.
 */
final class EnrollmentCaptures {
    static final String DUMP = "windows10-enrollment-and-sessions.capture.txt";
    static final String README = "windows10-readme-messages.capture.txt";

    private EnrollmentCaptures() {
    }

    /** The dump's request bodies in order: 0 Discover, 1 GetPolicies, 2 RequestSecurityToken, then SyncML. */
    static List<String> dumpRequests() {
        List<String> bodies = new ArrayList<>();
        String text = WindowsFixtures.text(DUMP);
        int at = 0;
        while ((at = text.indexOf("----------- Input Body -----------", at)) >= 0) {
            int start = text.indexOf('\n', at) + 1;
            int end = text.indexOf("\n====", start);
            bodies.add(text.substring(start, end).strip());
            at = end;
        }
        return bodies;
    }

    /** README block n (1-based, SOURCE.md §2): 1 Discover, 3 GetPolicies, 5 RequestSecurityToken. */
    static String readmeBlock(int n) {
        String text = WindowsFixtures.text(README);
        int start = text.indexOf('\n', text.indexOf("===== [" + n + "]")) + 1;
        int end = text.indexOf("\n===== [" + (n + 1) + "]", start);
        return (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
    }

    static byte[] discover() {
        return bytes(dumpRequests().get(0));
    }

    static byte[] getPolicies() {
        return bytes(dumpRequests().get(1));
    }

    static byte[] requestSecurityToken() {
        return bytes(dumpRequests().get(2));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
