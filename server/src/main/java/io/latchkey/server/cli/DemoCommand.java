package io.latchkey.server.cli;

import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.server.App;
import io.latchkey.server.config.Settings;
import io.latchkey.server.demo.DemoSeeder;
import io.latchkey.server.demo.LiveAppleDevices;
import io.latchkey.server.demo.LiveAndroidDevices;
import io.latchkey.server.demo.LiveEasDevices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
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
    public Integer call() throws Exception {
        Settings settings = ConfigOptions.load(spec);
        if (!settings.embedded()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "demo runs on the embedded database in "
                    + "the data directory; unset database.url (or use serve for an external database)");
        }
        // Without real APNs credentials the demo brings its own devices and a mock APNs to wake them.
        LiveAppleDevices live = settings.apple().apns() == null
                ? LiveAppleDevices.start(settings.dataDir(), settings.appleMdmTopic()) : null;
        if (live != null) {
            settings = settings.withApple(settings.apple().withApns(live.apnsSettings()));
        }
        // Without a Google service-account key the demo brings an AMAPI stand-in and simulated Android devices.
        LiveAndroidDevices android = settings.android() == null ? LiveAndroidDevices.start(settings.dataDir()) : null;
        if (android != null) {
            settings = settings.withAndroid(android.settings());
        }
        // Without an upstream Exchange the demo brings a stand-in and phones that sync through the gateway.
        LiveEasDevices eas = settings.eas() == null ? LiveEasDevices.start() : null;
        if (eas != null) {
            settings = settings.withEas(eas.settings());
        }
        App app = App.open(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            if (eas != null) {
                eas.close();
            }
            if (live != null) {
                live.close();
            }
            if (android != null) {
                android.close();
            }
        }, "shutdown"));
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
            // Wipes and retires wait for a second administrator's approval (approval.*): the demo has one.
            String approverPassword = newPassword();
            io.latchkey.core.audit.Actor demo = new io.latchkey.core.audit.Actor("demo", "demo");
            var approver = app.adminCreation().create("approver", demo);
            app.identities().passwords().set(approver.name(), approverPassword, demo);
            app.roleAdministration().assign(approver.id(), io.latchkey.core.access.Role.ADMINISTRATOR,
                    io.latchkey.core.access.Scope.ALL, demo);
            out().println("A second administrator, to approve wipes and retires (console: Approvals):");
            out().println("  user:     " + approver.name());
            out().println("  password: " + approverPassword);
            out().println("Try:");
            out().println("  curl -H 'Authorization: Bearer " + token + "' '" + base + "/api/v1/devices?limit=5'");
        } else {
            out().println("Use your administrator's API token:");
            out().println("  curl -H \"Authorization: Bearer $TOKEN\" '" + base + "/api/v1/devices?limit=5'");
        }
        if (live != null) {
            List<LiveAppleDevices.Live> devices = live.enroll(URI.create(base), app.storage().users(),
                    app.enrollmentCodes(), app.storage().devices());
            out().println("Live simulated Apple devices (enrolled over HTTP through SCEP, woken by a mock APNs):");
            for (LiveAppleDevices.Live d : devices) {
                out().println("  " + d.device().model().productName() + " of " + d.userPrincipalName() + ": device "
                        + d.deviceId());
            }
            out().println("Lock one and watch it answer:");
            out().println("  curl -H \"Authorization: Bearer $TOKEN\" -X POST " + base + "/api/v1/actions -d '{\"action\":"
                    + "\"remoteLock\",\"target\":{\"ids\":[\"" + devices.get(0).deviceId() + "\"]}}'");
        }
        if (android != null) {
            List<LiveAndroidDevices.Live> phones = android.enroll(URI.create(base),
                    app.android().orElseThrow().enrollment(), app.storage().users(), app.storage().devices());
            out().println("Live simulated Android devices (enrolled through a local Android Management API stand-in):");
            for (LiveAndroidDevices.Live d : phones) {
                out().println("  " + d.device().profile() + " of " + d.userPrincipalName() + ": device " + d.deviceId());
            }
            if (!phones.isEmpty()) {
                out().println("Give one a temporary passcode, then reveal it with POST /api/v1/commands/{id}/secret:");
                out().println("  curl -H \"Authorization: Bearer $TOKEN\" -X POST " + base + "/api/v1/actions -d '{\"action\":"
                        + "\"resetPasscode\",\"target\":{\"ids\":[\"" + phones.get(0).deviceId() + "\"]}}'");
            }
        }
        if (eas != null) {
            List<LiveEasDevices.Live> phones = eas.connect(URI.create(base), app.storage().users(),
                    app.storage().devices());
            out().println("Live simulated Exchange ActiveSync phones (syncing mail through the gateway at "
                    + base + "/Microsoft-Server-ActiveSync to a local Exchange stand-in):");
            for (LiveEasDevices.Live d : phones) {
                out().println("  " + d.phone().profile() + " (EAS " + d.phone().version() + ") of " + d.userPrincipalName()
                        + ": device " + d.deviceId());
            }
            if (!phones.isEmpty()) {
                out().println("Wipe one (RemoteWipe through Provision), or block its mail:");
                out().println("  curl -H \"Authorization: Bearer $TOKEN\" -X POST " + base + "/api/v1/actions -d '{\"action\":"
                        + "\"wipe\",\"target\":{\"ids\":[\"" + phones.get(0).deviceId() + "\"]}}'");
                out().println("  curl -H \"Authorization: Bearer $TOKEN\" -X PUT " + base + "/api/v1/devices/"
                        + phones.get(1).deviceId() + "/eas-access -d '{\"access\":\"blocked\"}'");
            }
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
