package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.Device;
import com.google.api.services.androidmanagement.v1.model.ListDevicesResponse;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.enrollment.AndroidEnterprise;
import io.latchkey.core.enrollment.AndroidEnterprises;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The fallback when notifications are lost or not configured: every {@code pollEvery} the quiet
 * operations are asked about, and every {@code reconcileEvery} devices.list refreshes every device
 * record (https://developers.google.com/android/management/reference/rest/v1/enterprises.devices/list).
 * Runs on its own thread until interrupted.
 */
public final class AndroidSync implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AndroidSync.class);
    private static final int PAGE = 100;
    static final String VANISHED = "devices.list no longer names the device: it was deleted from the Android "
            + "Enterprise outside Latchkey (another console, or the API), or its work profile was removed";

    private final AmapiClient client;
    private final AndroidEnterprises enterprises;
    private final AndroidInventory inventory;
    private final AndroidChannel channel;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration pollEvery;
    private final Duration reconcileEvery;

    public AndroidSync(AmapiClient client, AndroidEnterprises enterprises, AndroidInventory inventory,
                       AndroidChannel channel, AuditLog audit, AndroidSettings settings, Clock clock) {
        this.client = client;
        this.enterprises = enterprises;
        this.inventory = inventory;
        this.channel = channel;
        this.audit = audit;
        this.clock = clock;
        this.pollEvery = settings.pollEvery();
        this.reconcileEvery = settings.reconcileEvery();
    }

    @Override
    public void run() {
        long nextReconcile = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (System.nanoTime() - nextReconcile >= 0) {
                    nextReconcile = System.nanoTime() + reconcileEvery.toNanos();
                    reconcile();
                }
                channel.followUp();
                Thread.sleep(pollEvery);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Android sync pass failed: {}", e.toString());
                try {
                    Thread.sleep(pollEvery);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Reads every device of the bound enterprise, page by page, and refreshes its record (a device
     * whose ENROLLMENT notification was lost appears here); then every enrolled record of that
     * enterprise the list no longer names is marked unenrolled: deleted at Google (in another
     * console, or through the API by someone else) it will never be reported again. Devices enrolled
     * after the listing began are left alone, as the list may predate them. Returns how many
     * devices were listed.
     */
    public int reconcile() throws IOException {
        Optional<AndroidEnterprise> enterprise = enterprises.current();
        if (enterprise.isEmpty()) {
            return 0;
        }
        Instant started = clock.instant();
        Set<String> listed = new HashSet<>();
        String page = null;
        do {
            ListDevicesResponse r = client.api().enterprises().devices().list(enterprise.get().name())
                    .setPageSize(PAGE).setPageToken(page).execute();
            if (r.getDevices() != null) {
                for (Device d : r.getDevices()) {
                    inventory.upsert(d);
                    listed.add(d.getName());
                }
            }
            page = r.getNextPageToken();
        } while (page != null && !page.isEmpty());
        // Reached only when every page was read: a failed listing must not unenroll anything.
        unenrollVanished(enterprise.get().name() + "/devices/", listed, started);
        return listed.size();
    }

    private void unenrollVanished(String prefix, Set<String> listed, Instant started) {
        for (var d : inventory.enrolledAndroid()) {
            if (d.externalId() != null && d.externalId().startsWith(prefix) && !listed.contains(d.externalId())
                    && d.enrolledAt() != null && d.enrolledAt().isBefore(started)) {
                inventory.unenrolled(d.id());
                LOG.info("Android device {} ({}) is no longer in the enterprise: marked unenrolled", d.id(),
                        d.externalId());
                audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), Actor.SYSTEM.name(),
                        Actor.SYSTEM.address(), "device.unenroll", "device", d.id().toString(), VANISHED));
            }
        }
    }
}
