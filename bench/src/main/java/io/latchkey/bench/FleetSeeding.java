package io.latchkey.bench;

import io.latchkey.ca.CaIdentity;
import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.enrollment.PushAddresses;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.InventoryImport;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.simulator.android.AmapiStandIn;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.MockWns;
import io.latchkey.simulator.windows.ProvisioningDoc;
import io.latchkey.simulator.windows.SimulatedWindowsDevice;
import io.latchkey.simulator.windows.WindowsDeviceHttp;
import io.latchkey.simulator.windows.WindowsPersonality;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * The fleet benchmark's fast, honest seeding: devices "enrolled" without SCEP, MS-MDE2 or an ENROLLMENT
 * push, by writing the rows those enrollments write (the device record, its identity recorded and bound to
 * its UDID or DeviceID, its push address) and handing each simulated device an identity certificate issued
 * by the server's own device CA for it. Skipped: the profile download, the SCEP exchange, Authenticate and
 * TokenUpdate (Apple); discovery, policies, the enrollment token and the first OMA-DM session (Windows); the
 * one-time token and the ENROLLMENT push with its devices.get (Android). Every device shares one EC P-256 key
 * pair (each its own certificate), as the other benches share their RSA keys.
 */
final class FleetSeeding {
    /** At most this many simulated device sessions at once, per platform (as SimulatedAppleFleet has it). */
    private static final int SESSIONS = 256;
    private static final int CHUNK = 5_000;

    record Seeded(List<SimulatedAppleDevice> apple, List<SimulatedWindowsDevice> windows,
                  List<SimulatedAndroidDevice> android) {
        int size() {
            return apple.size() + windows.size() + android.size();
        }
    }

    private final URI publicUrl;
    private final String topic;
    private final CaIdentity ca;
    private final DeviceCertificateIssuer issuer;
    private final KeyPair keys;
    private final PKCS10CertificationRequest csr;
    private final Semaphore appleSessions = new Semaphore(SESSIONS);
    private final Semaphore windowsSessions = new Semaphore(SESSIONS);

    FleetSeeding(URI publicUrl, String topic, CaIdentity ca, Clock clock) throws Exception {
        this.publicUrl = publicUrl;
        this.topic = topic;
        this.ca = ca;
        this.issuer = new DeviceCertificateIssuer(ca, Duration.ofDays(365), clock);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        this.keys = gen.generateKeyPair();
        this.csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=seeded"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    }

    Seeded seed(int apple, int windows, int android, InventoryImport inventory, DeviceIdentities identities,
                PushAddresses pushes, MockApns apns, MockWns wns, AmapiStandIn google, String proxyHeader)
            throws Exception {
        UUID userId = UUID.nameUUIDFromBytes("fleet-bench-user".getBytes());
        inventory.storeAll(List.of(new User(userId, "fleet@bench.example", "Fleet bench")), List.of());
        Instant now = Instant.now();
        DeviceHttp appleHttp = DeviceHttp.behindProxy(proxyHeader);
        WindowsDeviceHttp windowsHttp = WindowsDeviceHttp.behindProxy(proxyHeader);
        List<AppleModel> models = List.of(AppleModel.IPHONE, AppleModel.IPAD, AppleModel.MAC);
        List<WindowsPersonality> personalities = List.of(WindowsPersonality.WINDOWS_11_DESKTOP,
                WindowsPersonality.WINDOWS_10_MOBILE);

        List<SimulatedAppleDevice> appleDevices = new ArrayList<>(apple);
        for (int i = 0; i < apple; i++) {
            appleDevices.add(new SimulatedAppleDevice(models.get(i % 3), Behaviour.RELIABLE, 1_000_000L + i, appleHttp));
        }
        List<SimulatedWindowsDevice> windowsDevices = new ArrayList<>(windows);
        for (int i = 0; i < windows; i++) {
            windowsDevices.add(new SimulatedWindowsDevice(personalities.get(i % 2),
                    io.latchkey.simulator.windows.Behaviour.RELIABLE, 2_000_000L + i, windowsHttp));
        }
        // Certificates first, on every core: the CA's RSA signature is most of the seeding time.
        X509Certificate[] appleCerts = issueAll(apple, i -> "CN=" + appleDevices.get(i).udid());
        X509Certificate[] windowsCerts = issueAll(windows, i -> "CN=" + windowsDevices.get(i).deviceId());

        URI serverUrl = publicUrl.resolve("/mdm/connect");
        URI checkInUrl = publicUrl.resolve("/mdm/checkin");
        URI management = publicUrl.resolve("/ManagementServer/MDM.svc");
        List<Row> rows = new ArrayList<>(apple + windows + android);
        for (int i = 0; i < apple; i++) {
            SimulatedAppleDevice d = appleDevices.get(i);
            d.installEnrollment(serverUrl, checkInUrl, topic, keys, appleCerts[i]);
            apns.register(d.pushToken(), d::pushMagic, () -> bounded(appleSessions, d::wake));
            UUID id = UUID.randomUUID();
            Platform p = switch (d.model().platform()) {
                case IOS -> Platform.IOS;
                case IPADOS -> Platform.IPADOS;
                case MACOS -> Platform.MACOS;
            };
            rows.add(new Row(new Device(id, d.udid(), d.deviceName(), p, d.model().osVersion(),
                    d.model().productName(), d.serialNumber(), ManagementChannel.MDM, Ownership.COMPANY, userId, userId,
                    now, now, new ChannelState(false, null, false, null, false)), appleCerts[i], ChannelKind.APPLE_MDM,
                    PushAddress.reported(id, ChannelKind.APPLE_MDM, d.pushTokenHex(), d.pushMagic(), topic, now)));
        }
        for (int i = 0; i < windows; i++) {
            SimulatedWindowsDevice d = windowsDevices.get(i);
            d.installEnrollment(new ProvisioningDoc(ca.certificate(), windowsCerts[i], "LATCHKEY", management,
                    Optional.of("Latchkey"), Map.of()), keys);
            URI channel = wns.openChannel(() -> bounded(windowsSessions, d::wake));
            d.pushChannel(channel);
            UUID id = UUID.randomUUID();
            boolean phone = d.personality() == WindowsPersonality.WINDOWS_10_MOBILE;
            rows.add(new Row(new Device(id, d.deviceId(), d.deviceName(), phone ? Platform.WINDOWS_MOBILE : Platform.WINDOWS,
                    d.personality().osVersion(), null, null, ManagementChannel.MDM, Ownership.COMPANY, userId, userId,
                    now, now, ChannelState.NONE), windowsCerts[i], ChannelKind.WINDOWS_MDM,
                    PushAddress.reported(id, ChannelKind.WINDOWS_MDM, channel.toString(), null, null, now)));
        }
        List<SimulatedAndroidDevice> androidDevices = new ArrayList<>(android);
        for (int i = 0; i < android; i++) {
            SimulatedAndroidDevice d = google.seed(AndroidProfile.FULLY_MANAGED, 34);
            androidDevices.add(d);
            rows.add(new Row(new Device(UUID.randomUUID(), d.name(), "Android " + i, Platform.ANDROID, "14", "Pixel 8",
                    "SIM" + i, ManagementChannel.MDM, Ownership.COMPANY, userId, userId, now, now,
                    new ChannelState(false, AndroidMode.FULLY_MANAGED, false, null, false)), null, null, null));
        }
        store(rows, inventory, identities, pushes, userId, now);
        return new Seeded(appleDevices, windowsDevices, androidDevices);
    }

    private record Row(Device device, X509Certificate certificate, ChannelKind channel, PushAddress push) {
    }

    /** The device rows in chunks of one transaction each; identities and push addresses through their ports, 8 at once. */
    private static void store(List<Row> rows, InventoryImport inventory, DeviceIdentities identities,
                              PushAddresses pushes, UUID userId, Instant now) throws Exception {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            inventory.storeAll(List.of(), rows.subList(from, Math.min(rows.size(), from + CHUNK)).stream()
                    .map(Row::device).toList());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (Row r : rows) {
                if (r.certificate() == null) {
                    continue;
                }
                done.add(pool.submit(() -> {
                    X509Certificate c = r.certificate();
                    DeviceIdentity identity = DeviceIdentity.issued(c.getEncoded(), c.getSerialNumber().toString(16),
                            userId, r.channel(), now, c.getNotAfter().toInstant());
                    identities.record(identity);
                    identities.bind(identity.fingerprint(), r.device().id(), r.device().externalId());
                    pushes.save(r.push());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private X509Certificate[] issueAll(int n, java.util.function.IntFunction<String> subject) {
        X509Certificate[] out = new X509Certificate[n];
        IntStream.range(0, n).parallel().forEach(i -> out[i] = issuer.issue(csr, new X500Name(subject.apply(i))));
        return out;
    }

    private static void bounded(Semaphore slots, Runnable wake) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            wake.run();
        } finally {
            slots.release();
        }
    }
}
