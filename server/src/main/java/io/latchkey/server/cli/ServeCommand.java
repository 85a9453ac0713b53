package io.latchkey.server.cli;

import io.latchkey.server.App;
import io.latchkey.server.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code latchkey serve}: the server, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server: admin API, health, metrics. Stops gracefully on SIGTERM.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = ConfigOptions.load(spec);
        App app = App.open(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        stopOnSignals(app);
        app.bootstrap(settings.bootstrapAdminUser(), settings.bootstrapAdminPassword(),
                settings.bootstrapAdminToken());
        if (!app.hasAdmin()) {
            LOG.warn("no administrator exists yet: restart with LATCHKEY_BOOTSTRAP_ADMIN_TOKEN (and/or "
                    + "LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD) set to create the first one");
        }
        int port = app.serve();
        out().println("latchkey: listening on port " + port);
        app.awaitStop();
        return 0;
    }

    /**
     * SIGTERM and Ctrl-C drain and stop the server, and the process then ends with 0: it stopped as
     * asked. Left to the JVM, a signal ends it with 128 + the signal number (143) even after a clean
     * drain, which service managers report as a failure. The shutdown hook stays for other exits.
     */
    private static void stopOnSignals(App app) {
        for (String name : java.util.List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name),
                        signal -> Thread.ofPlatform().name("stop-on-SIG" + name).start(app::close));
            } catch (IllegalArgumentException unavailable) {
                LOG.debug("cannot handle SIG{} here; the JVM's default applies", name);
            }
        }
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
