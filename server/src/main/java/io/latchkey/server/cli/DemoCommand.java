package io.latchkey.server.cli;

import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.server.App;
import io.latchkey.server.config.Settings;
import io.latchkey.server.demo.DemoSeeder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code latchkey demo}: the server on the embedded database in the data directory, seeded once
 * with a demo fleet that covers every row and condition of the capability matrix.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the server on the embedded database with a demo fleet (seeded once), "
                + "printing first-start credentials when none are configured.")
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = ConfigOptions.load(spec);
        if (!settings.embedded()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "demo runs on the embedded database in "
                    + "the data directory; unset database.url (or use serve for an external database)");
        }
        App app = App.open(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        int seeded = new DemoSeeder(app.storage().devices(), app.storage().groups(), app.storage().imports(),
                app.storage().audit(), app.clock()).seedOnce();
        LOG.info(seeded > 0 ? "seeded the demo fleet: " + seeded + " devices" : "the demo fleet is already there");
        String password = settings.bootstrapAdminPassword();
        String token = settings.bootstrapAdminToken();
        boolean generated = false;
        if (!app.hasAdmin() && password == null && token == null) {
            password = newPassword();
            token = AdminAccounts.newToken();
            generated = true;
        }
        app.bootstrap(settings.bootstrapAdminUser(), password, token);
        int port = app.serve();
        String base = "http://localhost:" + port;
        out().println();
        out().println("Latchkey demo is running on " + base + " (data in " + settings.dataDir() + ")");
        if (generated) {
            // Printed once, to the terminal only: never to the log.
            out().println("First administrator created. Keep these; they are not shown again:");
            out().println("  user:     " + settings.bootstrapAdminUser());
            out().println("  password: " + password);
            out().println("  token:    " + token);
            out().println("Try:");
            out().println("  curl -H 'Authorization: Bearer " + token + "' '" + base + "/api/v1/devices?limit=5'");
        } else {
            out().println("Use your administrator's API token:");
            out().println("  curl -H \"Authorization: Bearer $TOKEN\" '" + base + "/api/v1/devices?limit=5'");
        }
        out().println("Stop with Ctrl-C.");
        out().flush();
        app.awaitStop();
        return 0;
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
