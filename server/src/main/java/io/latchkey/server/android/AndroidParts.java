package io.latchkey.server.android;

import io.latchkey.channel.android.AmapiClient;
import io.latchkey.channel.android.AndroidChannel;
import io.latchkey.channel.android.AndroidEnrollment;
import io.latchkey.channel.android.AndroidInventory;
import io.latchkey.channel.android.AndroidNotifications;
import io.latchkey.channel.android.AndroidSettings;
import io.latchkey.channel.android.AndroidSync;
import io.latchkey.channel.android.DefaultPolicy;
import io.latchkey.channel.android.PushAuthenticator;
import io.latchkey.channel.android.TemporaryPasscodes;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.secret.SecretSealer;
import io.latchkey.store.jdbc.JdbcStorage;

import java.security.SecureRandom;
import java.time.Clock;

/** The Android channel's pieces, wired once from its settings (the composition root's Android part). */
public record AndroidParts(AndroidSettings settings, AmapiClient client, AndroidChannel channel,
                           AndroidEnrollment enrollment, AndroidNotifications notifications, AndroidSync sync,
                           PushAuthenticator pushAuth) {

    public static AndroidParts open(AndroidSettings settings, JdbcStorage storage, CommandOutbox outbox,
                                    SecretSealer sealer, Clock clock) {
        AmapiClient client = AmapiClient.open(settings);
        AndroidInventory inventory = new AndroidInventory(storage.devices(), storage.users(), clock);
        AndroidChannel channel = new AndroidChannel(client, outbox, storage.cloudOperations(), storage.history(),
                storage.devices(), inventory, sealer, new TemporaryPasscodes(new SecureRandom(),
                DefaultPolicy.MIN_LENGTH), settings, clock);
        return new AndroidParts(settings, client, channel,
                new AndroidEnrollment(client, storage.androidEnterprises(), storage.users(), storage.audit(),
                        settings.pubsubTopic(), clock),
                new AndroidNotifications(client, storage.androidEnterprises(), inventory, channel),
                new AndroidSync(client, storage.androidEnterprises(), inventory, channel, storage.audit(), settings,
                        clock),
                new PushAuthenticator(settings.push()));
    }
}
