package io.latchkey.server.cli;

import io.latchkey.simulator.android.AmapiStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latchkey android signup | bind | status} against the AMAPI stand-in, on an embedded database. */
class AndroidCliTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LatchkeyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void signupThenBindStoresTheEnterprise() {
        try (AmapiStandIn google = AmapiStandIn.start()) {
            Path key = google.writeServiceAccountKey(dir.resolve("key.json"));
            String[] config = {"--data-dir", dir.resolve("data").toString(), "--android-service-account-key",
                    key.toString(), "--android-amapi-root-url", google.rootUrl().toString()};

            assertThat(run(concat(new String[]{"android", "status"}, config)).out()).contains("no Android Enterprise");
            Run signup = run(concat(new String[]{"android", "signup", "--callback-url", "https://mdm.example.com/cb"},
                    config));
            assertThat(signup.code()).as(signup.err()).isZero();
            Matcher name = Pattern.compile("signup URL name: (\\S+)").matcher(signup.out());
            Matcher url = Pattern.compile("open: (\\S+)").matcher(signup.out());
            assertThat(name.find() && url.find()).isTrue();
            String token = google.completeSignup(URI.create(url.group(1))).getQuery().replaceFirst("^.*enterpriseToken=", "");

            Run bind = run(concat(new String[]{"android", "bind", "--signup-url-name", name.group(1),
                    "--enterprise-token", token, "--display-name", "Acme"}, config));
            assertThat(bind.code()).as(bind.err()).isZero();
            assertThat(bind.out()).contains("bound to enterprises/LC");
            assertThat(run(concat(new String[]{"android", "status"}, config)).out()).contains("bound to enterprises/LC");
        }
    }

    @Test
    void withoutAKeyTheAndroidCommandsSaySoAndEveryOneHasHelp() {
        Run r = run("android", "signup", "--callback-url", "https://x/cb", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("android.service.account.key");
        for (String sub : new String[]{"signup", "bind", "status"}) {
            assertThat(run("android", sub, "--help").out()).contains("Usage: latchkey android " + sub);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
