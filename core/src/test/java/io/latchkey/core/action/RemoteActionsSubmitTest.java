package io.latchkey.core.action;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Decision;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.StaticGroup;
import io.latchkey.core.testing.MutableClock;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.latchkey.core.testing.TestEngine.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RemoteActions#submit}: one command per device, validation, selection, idempotency. */
class RemoteActionsSubmitTest {
    private final TestEngine engine = new TestEngine();
    private final Device iphone = engine.add(TestDevices.ios().build());
    private final Device iphoneNoToken = engine.add(TestDevices.ios().unlockToken(false).build());
    private final Device android = engine.add(TestDevices.androidOwner().build());
    private final Device agentPc = engine.add(TestDevices.pcAgent().build());

    static void assertRejected(ThrowingCallable call, Rejected.Kind kind, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.kind()).isEqualTo(kind);
            assertThat(r.getMessage()).contains(messagePart);
        });
    }

    private ActionSubmission submission(Action action, DeviceFilter target, Map<String, String> options, String key,
                                        Duration ttl) {
        return new ActionSubmission(action, target, options, key, ttl);
    }

    @Test
    void oneCommandPerDevicePendingOrNotSupportedWithTheMatrixReason() {
        Submitted s = engine.submit(Action.PASSCODE_RESET, iphone, iphoneNoToken, android, agentPc);

        assertThat(s.created()).isTrue();
        assertThat(s.notFoundIds()).isEmpty();
        assertThat(s.request().deviceCount()).isEqualTo(4);
        assertThat(s.request().notSupported()).isEqualTo(2);
        assertThat(s.notSupportedIds()).containsExactlyInAnyOrder(iphoneNoToken.id(), agentPc.id());
        assertThat(engine.commandsOf(s)).hasSize(4)
                .allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.PASSCODE_RESET));
        for (Device d : List.of(iphone, android)) {
            Command c = engine.command(s, d);
            assertThat(c.state()).isEqualTo(CommandState.PENDING);
            assertThat(c.detail()).isEqualTo(((Decision.Supported) CapabilityMatrix.decide(d,
                    Action.PASSCODE_RESET)).method());
        }
        for (Device d : List.of(iphoneNoToken, agentPc)) {
            Command c = engine.command(s, d);
            assertThat(c.state()).isEqualTo(CommandState.NOT_SUPPORTED);
            assertThat(c.detail()).isEqualTo(((Decision.NotSupported) CapabilityMatrix.decide(d,
                    Action.PASSCODE_RESET)).reason());
        }
    }

    @Test
    void commandsCarryTheirChannelTimesAndTheRequestsOptions() {
        Submitted s = engine.submit(submission(Action.REMOTE_LOCK, ids(iphone, android, agentPc),
                Map.of("message", "Please call IT", "phoneNumber", "+33 1 23 45 67 89"), null, Duration.ofHours(4)));

        Command ios = engine.command(s, iphone);
        assertThat(ios.channel()).isEqualTo(ChannelKind.APPLE_MDM);
        assertThat(engine.command(s, android).channel()).isEqualTo(ChannelKind.ANDROID_MANAGEMENT);
        assertThat(engine.command(s, agentPc).channel()).isNull();
        assertThat(ios.createdAt()).isEqualTo(MutableClock.START);
        assertThat(ios.expiresAt()).isEqualTo(MutableClock.START.plus(Duration.ofHours(4)));
        assertThat(s.request().expiresAt()).isEqualTo(ios.expiresAt());
        assertThat(ios.options()).containsEntry("message", "Please call IT");
        assertThat(s.request().requestedBy()).isEqualTo("alice");
        assertThat(s.request().requestedFrom()).isEqualTo("192.0.2.10");
    }

    @Test
    void theWakeupIsPokedOnlyWhenSomethingCanBeSent() {
        engine.submit(Action.REMOTE_LOCK, agentPc);
        assertThat(engine.wakeupPokes).hasValue(0);

        engine.submit(Action.REMOTE_LOCK, iphone, agentPc);
        assertThat(engine.wakeupPokes).hasValue(1);
    }

    @Test
    void submitIsAudited() {
        Submitted s = engine.submit(Action.WIPE, iphone, agentPc);

        List<AuditEvent> events = engine.store.audit.withAction("action.submit");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.source()).isEqualTo("192.0.2.10");
            assertThat(e.target()).isEqualTo(s.request().id().toString());
            assertThat(e.detail()).contains("wipe").contains("2 device(s)").contains("1 not supported");
            assertThat(e.at()).isEqualTo(MutableClock.START);
        });
    }

    @Test
    void optionsAreValidated() {
        DeviceFilter target = ids(iphone);
        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, target, Map.of("colour", "red"), null, null)),
                Rejected.Kind.INVALID, "unknown option 'colour'");
        assertRejected(() -> engine.submit(submission(Action.PASSCODE_RESET, target, Map.of("message", "x"), null,
                null)), Rejected.Kind.INVALID, "takes none");
        assertRejected(() -> engine.submit(submission(Action.WIPE, target, Map.of("keepUserData", "yes"), null, null)),
                Rejected.Kind.INVALID, "true or false");
        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, target, Map.of("phoneNumber", "call me"),
                null, null)), Rejected.Kind.INVALID, "phoneNumber");
        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, target, Map.of("phoneNumber",
                "1".repeat(33)), null, null)), Rejected.Kind.INVALID, "phoneNumber");
        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, target, Map.of("message", "m".repeat(501)),
                null, null)), Rejected.Kind.INVALID, "500");
        // A PIN typed by the admin would be stored and shown in clear with the options; the server makes it.
        assertRejected(() -> engine.submit(submission(Action.WIPE, target, Map.of("macOsUnlockCode", "012345"), null,
                null)), Rejected.Kind.INVALID, "generates the Mac's");
        assertThat(engine.store.commands.requestCount()).isZero();
    }

    @Test
    void validOptionsAreNormalised() {
        Map<String, String> out = ActionOptions.validate(Action.WIPE,
                Map.of("keepUserData", "TRUE", "useProtectedWipe", "False"));

        assertThat(out).containsExactly(Map.entry("keepUserData", "true"), Map.entry("useProtectedWipe", "false"));
        assertThat(ActionOptions.validate(Action.REMOTE_LOCK, Map.of("phoneNumber", "+1 (555) 010-0199")))
                .containsEntry("phoneNumber", "+1 (555) 010-0199");
        assertThat(ActionOptions.validate(Action.RETIRE, null)).isEmpty();
    }

    @Test
    void timeToLiveMustBeBetweenOneMinuteAnd90Days() {
        for (Duration bad : List.of(Duration.ofSeconds(59), Duration.ZERO, Duration.ofMinutes(-5),
                Duration.ofDays(90).plusSeconds(1))) {
            assertRejected(() -> engine.submit(submission(Action.RETIRE, ids(iphone), null, null, bad)),
                    Rejected.Kind.INVALID, "time to live");
        }
        assertThat(engine.submit(submission(Action.RETIRE, ids(iphone), null, null, Duration.ofMinutes(1)))
                .request().expiresAt()).isEqualTo(MutableClock.START.plus(Duration.ofMinutes(1)));
        assertThat(engine.submit(submission(Action.RETIRE, ids(iphone), null, null, Duration.ofDays(90)))
                .request().expiresAt()).isEqualTo(MutableClock.START.plus(Duration.ofDays(90)));
        assertThat(engine.submit(submission(Action.RETIRE, ids(iphone), null, null, null))
                .request().expiresAt()).isEqualTo(MutableClock.START.plus(TestEngine.DEFAULT_TTL));
    }

    @Test
    void anActionIsRequiredAndAnIdempotencyKeyMustBeSensible() {
        assertRejected(() -> engine.submit(submission(null, ids(iphone), null, null, null)), Rejected.Kind.INVALID,
                "action");
        assertRejected(() -> engine.submit(submission(Action.RETIRE, ids(iphone), null, " ", null)),
                Rejected.Kind.INVALID, "idempotency key");
        assertRejected(() -> engine.submit(submission(Action.RETIRE, ids(iphone), null, "k".repeat(201), null)),
                Rejected.Kind.INVALID, "idempotency key");
    }

    @Test
    void anUnknownGroupIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, DeviceFilter.group(unknown), null, null,
                null)), Rejected.Kind.NOT_FOUND, unknown);
        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, DeviceFilter.group("all-phones"), null, null,
                null)), Rejected.Kind.NOT_FOUND, "all-phones");
    }

    @Test
    void groupsSelectTheirMembers() {
        StaticGroup lost = new StaticGroup(UUID.randomUUID(), "Lost devices", null, MutableClock.START);
        engine.store.groups.create(lost);
        engine.store.groups.addMembers(lost.id(), List.of(iphone.id(), android.id()));

        Submitted byStatic = engine.submit(submission(Action.REMOTE_LOCK, DeviceFilter.group(lost.id().toString()),
                null, null, null));
        Submitted byBuiltIn = engine.submit(submission(Action.REMOTE_LOCK,
                DeviceFilter.group(BuiltInGroup.ALL_DIRECT_MANAGED_DEVICES.id()), null, null, null));

        assertThat(engine.commandsOf(byStatic)).extracting(Command::deviceId)
                .containsExactlyInAnyOrder(iphone.id(), android.id());
        assertThat(engine.commandsOf(byBuiltIn)).extracting(Command::deviceId)
                .containsExactlyInAnyOrder(iphone.id(), iphoneNoToken.id(), android.id());
    }

    @Test
    void anEmptySelectionIsInvalid() {
        StaticGroup empty = new StaticGroup(UUID.randomUUID(), "Empty", null, MutableClock.START);
        engine.store.groups.create(empty);
        UUID ghost = UUID.randomUUID();

        assertRejected(() -> engine.submit(submission(Action.WIPE, DeviceFilter.group(empty.id().toString()), null,
                null, null)), Rejected.Kind.INVALID, "no device");
        assertRejected(() -> engine.submit(submission(Action.WIPE, DeviceFilter.ids(List.of(ghost)), null, null,
                null)), Rejected.Kind.INVALID, ghost.toString());
        assertThat(engine.store.commands.requestCount()).isZero();
    }

    @Test
    void explicitIdsThatDoNotExistAreReportedAndGetNoCommand() {
        UUID ghost = UUID.randomUUID();

        Submitted s = engine.submit(submission(Action.RETIRE, DeviceFilter.ids(List.of(iphone.id(), ghost, ghost)),
                null, null, null));

        assertThat(s.notFoundIds()).containsExactly(ghost);
        assertThat(engine.commandsOf(s)).extracting(Command::deviceId).containsExactly(iphone.id());
        assertThat(s.request().deviceCount()).isEqualTo(1);
    }

    @Test
    void theSameKeyAndContentReturnTheSameRequestAndStoreNothingNew() {
        Submitted first = engine.submit(submission(Action.REMOTE_LOCK, ids(iphone, android), Map.of("message", "hi"),
                "key-1", null));
        int commands = engine.store.commands.allCommands().size();
        int audits = engine.store.audit.all().size();
        int pokes = engine.wakeupPokes.get();
        engine.clock.advance(Duration.ofMinutes(3));

        Submitted again = engine.submit(submission(Action.REMOTE_LOCK, ids(android, iphone), Map.of("message", "hi"),
                "key-1", null));

        assertThat(again.created()).isFalse();
        assertThat(again.request()).isEqualTo(first.request());
        assertThat(engine.store.commands.requestCount()).isEqualTo(1);
        assertThat(engine.store.commands.allCommands()).hasSize(commands);
        assertThat(engine.store.audit.all()).hasSize(audits);
        assertThat(engine.wakeupPokes).hasValue(pokes);
    }

    @Test
    void theSameKeyWithOtherContentIsAConflict() {
        Submitted first = engine.submit(submission(Action.REMOTE_LOCK, ids(iphone), Map.of(), "key-2", null));

        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, ids(android), Map.of(), "key-2", null)),
                Rejected.Kind.CONFLICT, first.request().id().toString());
        assertRejected(() -> engine.submit(submission(Action.WIPE, ids(iphone), Map.of(), "key-2", null)),
                Rejected.Kind.CONFLICT, "key-2");
        assertRejected(() -> engine.submit(submission(Action.REMOTE_LOCK, ids(iphone), Map.of("message", "x"),
                "key-2", null)), Rejected.Kind.CONFLICT, "key-2");
        assertThat(engine.store.commands.requestCount()).isEqualTo(1);
    }

    @Test
    void idempotencyKeysBelongToTheirRequester() {
        engine.submit(submission(Action.RETIRE, ids(iphone), null, "shared", null));

        Submitted other = engine.actions.submit(new ActionSubmission(Action.RETIRE, ids(iphone), null, "shared", null),
                new io.latchkey.core.audit.Actor("bob", "cli"));

        assertThat(other.created()).isTrue();
        assertThat(engine.store.commands.requestCount()).isEqualTo(2);
    }

    @Test
    void previewCountsWithoutStoring() {
        Preview p = engine.actions.preview(Action.PASSCODE_RESET, ids(iphone, iphoneNoToken, android, agentPc));

        assertThat(p.selected()).isEqualTo(4);
        assertThat(p.supported()).isEqualTo(2);
        assertThat(p.skippedByReason().values()).containsExactlyInAnyOrder(1, 1);
        assertThat(engine.store.commands.requestCount()).isZero();
        assertThat(engine.store.audit.all()).isEmpty();
    }
}
