package io.latchkey.server.cli;

import io.latchkey.core.audit.Actor;
import io.latchkey.core.enrollment.AndroidEnterprise;
import io.latchkey.server.App;
import io.latchkey.server.android.AndroidParts;
import io.latchkey.server.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code latchkey android signup | bind | status}: binds this installation to an Android Enterprise
 * through Google's signup flow (https://developers.google.com/android/management/create-enterprise):
 * {@code signup} prints the page the administrator opens; its callback carries an enterprise token
 * that {@code bind} turns into the enterprise, whose name is stored with the default policy.
 */
@Command(name = "android", mixinStandardHelpOptions = true,
        description = "Bind this installation to an Android Enterprise (Android Management API).",
        subcommands = {AndroidCommand.Signup.class, AndroidCommand.Bind.class, AndroidCommand.Status.class})
final class AndroidCommand implements Runnable {
    private static final Actor CLI = new Actor("cli", "local");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the app with the Android channel, or says what is missing. */
    static App open(CommandLine.Model.CommandSpec spec) {
        Settings settings = ConfigOptions.load(spec);
        if (settings.android() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the Android channel is off: set android.service.account.key (--android-service-account-key)");
        }
        return App.open(settings);
    }

    private static AndroidParts parts(App app) {
        return app.android().orElseThrow();
    }

    @Command(name = "signup", mixinStandardHelpOptions = true,
            description = "Create a signup URL: open it, sign up, and keep the enterpriseToken the callback receives.")
    static final class Signup implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--callback-url", required = true, paramLabel = "URL",
                description = "where Google sends the browser back, with ?enterpriseToken=…")
        String callbackUrl;

        @Override
        public Integer call() {
            try (App app = open(spec)) {
                var url = parts(app).enrollment().signupUrl(callbackUrl, CLI);
                PrintWriter out = spec.commandLine().getOut();
                out.println("signup URL name: " + url.getName());
                out.println("open: " + url.getUrl());
                out.println("then: latchkey android bind --signup-url-name " + url.getName()
                        + " --enterprise-token <enterpriseToken from the callback>");
                return 0;
            }
        }
    }

    @Command(name = "bind", mixinStandardHelpOptions = true,
            description = "Create the enterprise from the signup URL and the callback's enterprise token, store it, "
                    + "and apply the default policy.")
    static final class Bind implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--signup-url-name", required = true, paramLabel = "NAME")
        String signupUrlName;

        @CommandLine.Option(names = "--enterprise-token", required = true, paramLabel = "TOKEN")
        String enterpriseToken;

        @CommandLine.Option(names = "--display-name", paramLabel = "NAME")
        String displayName;

        @Override
        public Integer call() {
            try (App app = open(spec)) {
                AndroidEnterprise e = parts(app).enrollment().bind(signupUrlName, enterpriseToken, displayName, CLI);
                spec.commandLine().getOut().println("bound to " + e.name() + " (policy " + e.policyName() + ")");
                return 0;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the bound Android Enterprise.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Settings settings = ConfigOptions.load(spec);
            try (App app = App.open(settings)) {
                var bound = app.storage().androidEnterprises().current();
                spec.commandLine().getOut().println(bound.map(e -> "bound to " + e.name() + " since " + e.boundAt()
                        + " (policy " + e.policyName() + ")").orElse("no Android Enterprise is bound"));
                return bound.isPresent() ? 0 : 1;
            }
        }
    }
}
