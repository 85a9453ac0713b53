package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.Device;
import com.google.api.services.androidmanagement.v1.model.ListDevicesResponse;
import io.latchkey.core.enrollment.AndroidEnterprise;
import io.latchkey.core.enrollment.AndroidEnterprises;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The fallback when notifications are lost or not configured: every {@code pollEvery} the quiet
 * operations are asked about, and every {@code reconcileEvery} devices.list refreshes every device
 * record (https://developers.google.com/android/management/reference/rest/v1/enterprises.devices/list).
 * Runs on its own thread until interrupted.
 */
public final class AndroidSync implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AndroidSync.class);
    private static final int PAGE = 100;

    private final AmapiClient client;
    private final AndroidEnterprises enterprises;
    private final AndroidInventory inventory;
    private final AndroidChannel channel;
    private final Duration pollEvery;
    private final Duration reconcileEvery;

    public AndroidSync(AmapiClient client, AndroidEnterprises enterprises, AndroidInventory inventory,
                       AndroidChannel channel, AndroidSettings settings) {
        this.client = client;
        this.enterprises = enterprises;
        this.inventory = inventory;
        this.channel = channel;
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

    /** Reads every device of the bound enterprise, page by page; returns how many. */
    public int reconcile() throws IOException {
        Optional<AndroidEnterprise> enterprise = enterprises.current();
        if (enterprise.isEmpty()) {
            return 0;
        }
        int count = 0;
        String page = null;
        do {
            ListDevicesResponse r = client.api().enterprises().devices().list(enterprise.get().name())
                    .setPageSize(PAGE).setPageToken(page).execute();
            if (r.getDevices() != null) {
                for (Device d : r.getDevices()) {
                    inventory.upsert(d);
                    count++;
                }
            }
            page = r.getNextPageToken();
        } while (page != null && !page.isEmpty());
        return count;
    }
}
