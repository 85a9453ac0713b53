package io.latchkey.channel.windows.mdm;

import io.latchkey.channel.windows.syncml.Item;
import io.latchkey.channel.windows.syncml.SyncCommand;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Engine commands as Windows OMA-DM commands, and what the device's answers mean (reference §3). */
class WindowsCommandsTest {
    private static final String PROVIDER = "LATCHKEY";
    private final TestEngine engine = new TestEngine();
    private final Device desktop = engine.add(TestDevices.windows("10.0.22631").build());
    private final Device phone = engine.add(TestDevices.windowsMobile("10.0.15063").build());

    private Command command(Action action, Device device, Map<String, String> options) {
        return engine.command(engine.submit(new ActionSubmission(action, TestEngine.ids(device), options, null, null)),
                device);
    }

    private static String target(SyncCommand c) {
        return ((SyncCommand.Operation) c).items().get(0).targetLocUri();
    }

    private static SyncCommand.Status status(int code) {
        return new SyncCommand.Status(1, 1, 1, "Exec", null, null, code, List.of());
    }

    @Test
    void lockIsAnExecOfRemoteLockAndA405MeansNoPinIsSet() {
        Command lock = command(Action.REMOTE_LOCK, desktop, Map.of());

        assertThat(target(WindowsCommands.of(lock, desktop, PROVIDER))).isEqualTo("./Vendor/MSFT/RemoteLock/Lock");
        assertThat(WindowsOutcomes.of(lock, List.of(status(200)), Optional.empty()))
                .isInstanceOf(WindowsOutcomes.Outcome.Succeeded.class);
        assertThat(WindowsOutcomes.of(lock, List.of(status(405)), Optional.empty()))
                .isInstanceOfSatisfying(WindowsOutcomes.Outcome.Failed.class,
                        f -> assertThat(f.reason()).contains("no PIN set").contains("405"));
    }

    @Test
    void pinResetIsASequenceOfLockAndResetPinThenGetNewPinValueAndYieldsThePin() {
        Command reset = command(Action.PASSCODE_RESET, phone, Map.of());

        SyncCommand unit = WindowsCommands.of(reset, phone, PROVIDER);

        assertThat(unit).isInstanceOfSatisfying(SyncCommand.Sequence.class, s -> {
            assertThat(target(s.commands().get(0))).isEqualTo("./Vendor/MSFT/RemoteLock/LockAndResetPIN");
            assertThat(s.commands().get(0)).isInstanceOf(SyncCommand.Exec.class);
            assertThat(s.commands().get(1)).isInstanceOf(SyncCommand.Get.class);
            assertThat(target(s.commands().get(1))).isEqualTo("./Vendor/MSFT/RemoteLock/NewPINValue");
        });
        var results = new SyncCommand.Results(4, 1, 3, List.of(Item.source("./Vendor/MSFT/RemoteLock/NewPINValue",
                "482913")));
        assertThat(WindowsOutcomes.of(reset, List.of(status(200), status(200), status(200)), Optional.of(results)))
                .isEqualTo(new WindowsOutcomes.Outcome.SucceededWithPin("482913"));
        assertThat(WindowsOutcomes.of(reset, List.of(status(200), status(200), status(200)), Optional.empty()))
                .isInstanceOfSatisfying(WindowsOutcomes.Outcome.Failed.class,
                        f -> assertThat(f.reason()).contains("NewPINValue"));
        assertThat(WindowsOutcomes.of(reset, List.of(status(200), status(405)), Optional.empty()))
                .isInstanceOf(WindowsOutcomes.Outcome.Failed.class);
        assertThat(new WindowsOutcomes.Outcome.SucceededWithPin("482913").toString()).doesNotContain("482913");
    }

    @Test
    void retireUnenrollsFromOurProviderAndWipeChoosesTheNodeForTheEdition() {
        Command retire = command(Action.RETIRE, desktop, Map.of());
        SyncCommand unenroll = WindowsCommands.of(retire, desktop, PROVIDER);
        assertThat(target(unenroll)).isEqualTo("./Vendor/MSFT/DMClient/Provider/LATCHKEY/Unenroll");
        assertThat(((SyncCommand.Exec) unenroll).items().get(0).data()).isEqualTo(PROVIDER);

        assertThat(target(WindowsCommands.of(command(Action.WIPE, desktop, Map.of()), desktop, PROVIDER)))
                .isEqualTo("./Device/Vendor/MSFT/RemoteWipe/doWipe");
        assertThat(target(WindowsCommands.of(command(Action.WIPE, desktop, Map.of("useProtectedWipe", "true")),
                desktop, PROVIDER))).isEqualTo("./Device/Vendor/MSFT/RemoteWipe/doWipeProtected");
        assertThat(target(WindowsCommands.of(command(Action.WIPE, phone, Map.of()), phone, PROVIDER)))
                .isEqualTo("./Vendor/MSFT/RemoteWipe/doWipe");
    }

    @Test
    void syncReadsTheInventoryNodes() {
        SyncCommand get = WindowsCommands.of(command(Action.SYNC, desktop, Map.of()), desktop, PROVIDER);

        assertThat(((SyncCommand.Get) get).items()).extracting(Item::targetLocUri).contains("./DevDetail/SwV",
                "./DevInfo/Mod");
        assertThat(WindowsCommands.channelUri(PROVIDER)).isEqualTo(
                "./Vendor/MSFT/DMClient/Provider/LATCHKEY/Push/ChannelURI");
    }
}
