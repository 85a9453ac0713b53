package io.latchkey.channel.windows.mdm;

import io.latchkey.channel.windows.syncml.Item;
import io.latchkey.channel.windows.syncml.SyncCommand;
import io.latchkey.channel.windows.syncml.SyncHeader;
import io.latchkey.channel.windows.syncml.SyncMessage;
import io.latchkey.channel.windows.syncml.SyncMlCaptures;
import io.latchkey.channel.windows.syncml.SyncMlReader;
import io.latchkey.channel.windows.syncml.SyncMlWriter;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.core.enrollment.InMemoryDeviceIdentities;
import io.latchkey.core.enrollment.InMemoryPushAddresses;
import io.latchkey.core.inventory.CheckInRecorder;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMA-DM sessions on the engine (shared/reference/windows-mdm.md §2, §3): the captured Windows 10
 * first message opens a session that carries the due commands; the device's Status and Results in
 * its next message settle them.
 */
class WindowsSessionTest {
    private static final String DEVICE_ID = "B5B954E81FBCB94EB79BD08BE625F4EE";
    private static final String PROVIDER = "LATCHKEY";

    private final TestEngine engine = new TestEngine();
    private final InMemoryPushAddresses pushes = new InMemoryPushAddresses();
    private final InMemoryWireRefs wireRefs = new InMemoryWireRefs();
    private final WindowsSession session = new WindowsSession(engine.store.devices, new InMemoryDeviceIdentities(),
            pushes, engine.outbox, engine.store.commands, wireRefs,
            new CheckInRecorder(engine.store.devices, engine.clock), PROVIDER, engine.clock);

    {
        engine.store.commands.onWireNumbers(wireRefs::add);
    }
    private final UUID ana = UUID.randomUUID();

    private Device enrolled(TestDevices builder) {
        Device d = builder.build();
        return engine.add(new Device(d.id(), DEVICE_ID, d.name(), d.platform(), d.osVersion(), d.model(),
                d.serialNumber(), d.channel(), d.ownership(), ana, null, d.enrolledAt(), null, d.state()));
    }

    private SyncMessage first() {
        return SyncMlReader.read(SyncMlCaptures.session(1));
    }

    /** The device's second message: a Status for each of the server's commands, and the given Results. */
    private static SyncMessage answer(SyncMessage server, int code, List<SyncCommand.Results> results) {
        SyncHeader h = server.header();
        List<SyncCommand> body = new ArrayList<>();
        body.add(new SyncCommand.Status(1, h.msgId(), 0, "SyncHdr", null, null, 200, List.of()));
        int id = 2;
        for (SyncCommand c : server.flattened()) {
            if (!(c instanceof SyncCommand.Status)) {
                body.add(new SyncCommand.Status(id++, h.msgId(), c.cmdId(), c.element(), null, null, code, List.of()));
            }
        }
        body.addAll(results);
        SyncMessage reply = new SyncMessage(new SyncHeader(SyncHeader.VER_DTD, SyncHeader.VER_PROTO, h.sessionId(),
                h.msgId() + 1, h.sourceLocUri(), h.targetLocUri(), null, null), body, true);
        return SyncMlReader.read(SyncMlWriter.write(reply));
    }

    private static int cmdIdOf(SyncMessage server, String locUri) {
        return server.flattened().stream().filter(c -> c instanceof SyncCommand.Operation o
                && o.items().stream().anyMatch(i -> locUri.equals(i.targetLocUri()))).findFirst().orElseThrow().cmdId();
    }

    private Device reload(Device d) {
        return engine.store.devices.find(d.id()).orElseThrow();
    }

    @Test
    void theCapturedFirstMessageGetsTheLockAndAChannelReadAndTheAnswerSettlesIt() {
        Device pc = enrolled(TestDevices.windows("10.0.19043"));
        Command lock = engine.command(engine.submit(Action.REMOTE_LOCK, pc), pc);

        SyncMessage reply = session.handle(first(), pc);

        assertThat(reply.header().targetLocUri()).isEqualTo(DEVICE_ID);
        assertThat(reply.flattened()).filteredOn(c -> c instanceof SyncCommand.Exec).hasSize(1);
        assertThat(engine.reload(lock).state()).isEqualTo(CommandState.SENT);
        assertThat(reload(pc).currentUserId()).as("LoginStatus user").isEqualTo(ana);
        assertThat(reload(pc).model()).as("DevInfo Man and Mod of the capture").isEqualTo("VMware, Inc. VMware7,1");

        int getChannel = cmdIdOf(reply, WindowsCommands.channelUri(PROVIDER));
        session.handle(answer(reply, 200, List.of(new SyncCommand.Results(9, reply.header().msgId(), getChannel,
                List.of(Item.source(WindowsCommands.channelUri(PROVIDER), "https://db5.notify.windows.com/?token=x"))))),
                reload(pc));

        assertThat(engine.reload(lock).state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(pushes.find(pc.id())).hasValueSatisfying(a -> {
            assertThat(a.channel()).isEqualTo(ChannelKind.WINDOWS_MDM);
            assertThat(a.token()).isEqualTo("https://db5.notify.windows.com/?token=x");
        });
    }

    @Test
    void aLockAnswered405FailsBecauseNoPinIsSet() {
        Device pc = enrolled(TestDevices.windows("10.0.19043"));
        Command lock = engine.command(engine.submit(Action.REMOTE_LOCK, pc), pc);
        SyncMessage reply = session.handle(first(), pc);

        session.handle(answer(reply, 405, List.of()), reload(pc));

        assertThat(engine.reload(lock).state()).isEqualTo(CommandState.FAILED);
        assertThat(engine.reload(lock).detail()).contains("no PIN set");
    }

    @Test
    void aPhonePinResetYieldsTheNewPinAsTheRevealableSecret() {
        Device phone = enrolled(TestDevices.windowsMobile("10.0.15063"));
        Command reset = engine.command(engine.submit(Action.PASSCODE_RESET, phone), phone);
        SyncMessage reply = session.handle(first(), phone);
        int get = cmdIdOf(reply, WindowsCommands.NEW_PIN_VALUE);

        session.handle(answer(reply, 200, List.of(new SyncCommand.Results(20, reply.header().msgId(), get,
                List.of(Item.source(WindowsCommands.NEW_PIN_VALUE, "739104"))))), reload(phone));

        assertThat(engine.reload(reset).state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(engine.actions.reveal(reset.id(), TestEngine.ADMIN).value()).isEqualTo("739104");
    }

    @Test
    void theCapturedUserUnenrollTakesTheDeviceOutAndEndsItsOpenCommands() {
        Device pc = enrolled(TestDevices.windows("10.0.19043"));
        Command lock = engine.command(engine.submit(Action.REMOTE_LOCK, pc), pc);

        SyncMessage reply = session.handle(SyncMlReader.read(SyncMlCaptures.session(2)), pc);

        assertThat(reload(pc).enrolled()).isFalse();
        assertThat(engine.reload(lock).state()).isEqualTo(CommandState.FAILED);
        assertThat(reply.flattened()).noneMatch(c -> c instanceof SyncCommand.Exec);
    }
}
