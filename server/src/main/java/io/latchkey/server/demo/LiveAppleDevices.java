package io.latchkey.server.demo;

import io.latchkey.channel.apple.push.ApnsSettings;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.enrollment.EnrollmentCodeIssuer;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.FleetSummary;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.apple.SimulatedAppleFleet;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.PushCertificateStandIn;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo's live devices: a simulated iPhone, supervised iPad and Mac that enroll in the demo
 * server through the real profile, SCEP and check-in endpoints, and answer the commands an
 * administrator sends, woken through a mock APNs in this process. Their identifiers come from a
 * fixed seed, so a restarted demo finds the same devices (they enroll again).
 */
public final class LiveAppleDevices implements AutoCloseable {
    private static final long SEED = 20261127L;
    private static final Actor DEMO = new Actor("demo", "local");

    /** One live device: whose it is and what it is. */
    public record Live(String userPrincipalName, SimulatedAppleDevice device, UUID deviceId) {
    }

    private final MockApns apns;
    private final ApnsSettings settings;
    private final SimulatedAppleFleet fleet;
    private final List<String> owners = new ArrayList<>();

    private LiveAppleDevices(MockApns apns, ApnsSettings settings) {
        this.apns = apns;
        this.settings = settings;
        this.fleet = new SimulatedAppleFleet(DeviceHttp.shared(), apns, SEED);
    }

    /** Starts the mock APNs; the server must then be opened with {@link #apnsSettings()}. */
    public static LiveAppleDevices start(Path dataDir, String topic) throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("demo-apns"));
        MockApns apns = MockApns.start();
        try {
            Path p12 = PushCertificateStandIn.write(dir, topic);
            Path pem = apns.writeServerCertificatePem(dir.resolve("mock-apns.pem"));
            ApnsSettings push = new ApnsSettings("localhost", apns.port(), p12,
                    PushCertificateStandIn.PASSWORD.toCharArray(), null, null, null, pem, 1000, 1000,
                    ApnsSettings.DEFAULT_MAX_RETRY_AGE);
            return new LiveAppleDevices(apns, push);
        } catch (Exception e) {
            apns.close();
            throw e;
        }
    }

    /** APNs pointed at the mock in this process. */
    public ApnsSettings apnsSettings() {
        return settings;
    }

    /**
     * Enrolls the three devices for demo users, each with a one-time code issued as an
     * administrator would; returns them with their device ids. Users the fleet lacks are skipped.
     */
    public List<Live> enroll(URI base, Users users, EnrollmentCodeIssuer codes, Devices devices) {
        add(users, "camille.durand", AppleModel.IPHONE.withSupervised(false));
        add(users, "priya.shah", AppleModel.IPAD);
        add(users, "amelie.laurent", AppleModel.MAC);
        FleetSummary summary = fleet.enrollAll(upn -> {
            UUID userId = users.findByPrincipalName(upn).orElseThrow().id();
            String code = codes.issue(userId, ChannelKind.APPLE_MDM, DEMO).code();
            return URI.create(base + "/enroll/apple/profile?code=" + code);
        }, 3);
        if (summary.enrolled() < owners.size()) {
            throw new IllegalStateException("the demo's simulated Apple devices did not all enroll: " + summary);
        }
        fleet.pollAll(3); // each answers the inventory question, so its record shows its name
        List<Live> out = new ArrayList<>();
        for (SimulatedAppleFleet.Member m : fleet.members()) {
            out.add(new Live(m.user(), m.device(),
                    devices.findByExternalId(m.device().udid()).map(d -> d.id()).orElse(null)));
        }
        return out;
    }

    private void add(Users users, String name, AppleModel model) {
        users.page(name, null, 1).items().stream().findFirst().map(User::userPrincipalName).ifPresent(upn -> {
            owners.add(upn);
            fleet.add(upn, model, Behaviour.RELIABLE);
        });
    }

    @Override
    public void close() {
        apns.close();
    }
}
