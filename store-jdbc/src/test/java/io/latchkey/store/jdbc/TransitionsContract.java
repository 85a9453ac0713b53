package io.latchkey.store.jdbc;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.SealedSecret;
import io.latchkey.core.action.Transition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.latchkey.core.action.CommandState.ACKNOWLEDGED;
import static io.latchkey.core.action.CommandState.CANCELED;
import static io.latchkey.core.action.CommandState.EXPIRED;
import static io.latchkey.core.action.CommandState.FAILED;
import static io.latchkey.core.action.CommandState.NOT_SUPPORTED;
import static io.latchkey.core.action.CommandState.PENDING;
import static io.latchkey.core.action.CommandState.SENT;
import static io.latchkey.core.action.CommandState.SUCCEEDED;
import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Compare-and-set transitions with their history rows; cancel, expire; sealed secrets. */
public interface TransitionsContract extends StorageFixture {

    default List<Command> stored(int n) {
        Fixtures.Submission s = Fixtures.request("admin", null, RequestsContract.deviceIds(n), at(0));
        storage().requests().create(s.request(), s.commands(), s.event());
        return s.commands();
    }

    default boolean move(Command c, Set<CommandState> from, CommandState to, long at) {
        return storage().transitions().apply(new Transition(c.id(), from, to, null, "test", at(at), null));
    }

    default CommandState stateOf(Command c) {
        return storage().history().find(c.id()).orElseThrow().state();
    }

    @Test
    default void aTransitionAppliesOnlyFromItsSourceStatesAndIsRecorded() {
        Command c = stored(1).get(0);
        assertThat(storage().transitions().apply(new Transition(c.id(), Set.of(PENDING), SENT, null, "apple", at(5),
                null))).isTrue();
        assertThat(move(c, Set.of(PENDING), SENT, 6)).as("already sent").isFalse();
        assertThat(move(c, Set.of(PENDING), CANCELED, 6)).as("cancel after sent").isFalse();
        assertThat(storage().transitions().apply(new Transition(c.id(), CommandState.sourcesOf(FAILED), FAILED,
                "device said no", "apple", at(7), null))).isTrue();
        Command now = storage().history().find(c.id()).orElseThrow();
        assertThat(now.state()).isEqualTo(FAILED);
        assertThat(now.detail()).isEqualTo("device said no");
        assertThat(now.updatedAt()).isEqualTo(at(7));
        assertThat(now.createdAt()).isEqualTo(at(0));
        assertThat(storage().history().events(c.id())).containsExactly(
                new CommandEvent(c.id(), at(5), PENDING, SENT, null, "apple"),
                new CommandEvent(c.id(), at(7), SENT, FAILED, "device said no", "apple"));
        assertThat(storage().transitions().apply(new Transition(UUID.randomUUID(), Set.of(PENDING), SENT, null, "x",
                at(1), null))).as("unknown command").isFalse();
    }

    @Test
    default void aMultiSourceTransitionRecordsTheStateItActuallyLeft() {
        Command c = stored(1).get(0);
        move(c, Set.of(PENDING), SENT, 1);
        move(c, Set.of(SENT), ACKNOWLEDGED, 2);
        assertThat(move(c, CommandState.sourcesOf(SUCCEEDED), SUCCEEDED, 3)).isTrue();
        assertThat(storage().history().events(c.id())).extracting(CommandEvent::from, CommandEvent::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PENDING, SENT),
                        org.assertj.core.groups.Tuple.tuple(SENT, ACKNOWLEDGED),
                        org.assertj.core.groups.Tuple.tuple(ACKNOWLEDGED, SUCCEEDED));
        assertThat(move(c, CommandState.sourcesOf(FAILED), FAILED, 4)).isFalse();
        assertThat(storage().history().events(c.id())).hasSize(3);
    }

    @Test
    default void aSecretIsStoredWithItsTransitionAndHiddenOnceExpired() {
        Command c = stored(1).get(0);
        move(c, Set.of(PENDING), SENT, 1);
        byte[] sealed = {1, 2, 3, 0, -1};
        SealedSecret secret = new SealedSecret("TEMPORARY_PASSCODE", sealed, at(100));
        assertThat(storage().transitions().apply(new Transition(c.id(), Set.of(SENT, ACKNOWLEDGED), SUCCEEDED,
                "TEMPORARY_PASSCODE", "android", at(2), secret))).isTrue();
        assertThat(storage().transitions().secret(c.id(), at(99))).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo("TEMPORARY_PASSCODE");
            assertThat(s.ciphertext()).containsExactly(sealed);
            assertThat(s.expiresAt()).isEqualTo(at(100));
        });
        assertThat(storage().transitions().secret(c.id(), at(100))).isEmpty();
        assertThat(storage().transitions().secret(UUID.randomUUID(), at(0))).isEmpty();
        assertThat(storage().transitions().purgeSecrets(at(99))).isZero();
        assertThat(storage().transitions().purgeSecrets(at(100))).isEqualTo(1);
        assertThat(storage().transitions().secret(c.id(), at(0))).isEmpty();
    }

    @Test
    default void aRefusedTransitionStoresNoSecret() {
        Command c = stored(1).get(0);
        SealedSecret secret = new SealedSecret("NEW_PIN", new byte[]{9}, at(100));
        assertThat(storage().transitions().apply(new Transition(c.id(), Set.of(SENT), SUCCEEDED, null, "w", at(1),
                secret))).isFalse();
        assertThat(storage().transitions().secret(c.id(), at(0))).isEmpty();
        assertThat(storage().history().events(c.id())).isEmpty();
    }

    @Test
    default void cancelTouchesOnlyPendingCommandsAndRecordsEachOne() {
        List<Command> cs = stored(5);
        move(cs.get(0), Set.of(PENDING), SENT, 1);
        move(cs.get(1), Set.of(PENDING), FAILED, 1);
        UUID requestId = cs.get(0).requestId();
        assertThat(storage().transitions().cancelPending(requestId, "alice", at(9))).isEqualTo(3);
        assertThat(storage().transitions().cancelPending(requestId, "alice", at(10))).isZero();
        assertThat(cs.stream().map(this::stateOf).toList()).containsExactly(SENT, FAILED, CANCELED, CANCELED, CANCELED);
        for (Command c : cs.subList(2, 5)) {
            assertThat(storage().history().events(c.id()))
                    .containsExactly(new CommandEvent(c.id(), at(9), PENDING, CANCELED, null, "alice"));
            assertThat(storage().history().find(c.id()).orElseThrow().updatedAt()).isEqualTo(at(9));
        }
        assertThat(storage().history().countByState(requestId)).containsEntry(CANCELED, 3L).containsEntry(SENT, 1L)
                .containsEntry(FAILED, 1L).containsEntry(PENDING, 0L);
    }

    @Test
    default void expiryTakesOpenCommandsPastTheirTimeToLiveInBoundedBatches() {
        Fixtures.Submission s = Fixtures.request("admin", null, RequestsContract.deviceIds(8), at(0), at(50));
        List<Command> cs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Command c = s.commands().get(i);
            // 0-6 expire at t=50 with their request; 7 is refused (terminal).
            cs.add(i == 7 ? Fixtures.withState(c, NOT_SUPPORTED, null) : c);
        }
        storage().requests().create(s.request(), cs, s.event());
        Command later = stored(1).get(0); // its request expires after 7 days
        move(cs.get(1), Set.of(PENDING), SENT, 1);
        move(cs.get(2), Set.of(PENDING), SENT, 1);
        move(cs.get(2), Set.of(SENT), ACKNOWLEDGED, 2);
        move(cs.get(3), Set.of(PENDING), SENT, 1);
        move(cs.get(3), Set.of(SENT), SUCCEEDED, 2);
        move(cs.get(6), Set.of(PENDING), CANCELED, 3);
        assertThat(storage().transitions().expire(at(50), 10)).as("not before the deadline").isZero();
        assertThat(storage().transitions().expire(at(51), 2)).isEqualTo(2);
        assertThat(storage().transitions().expire(at(51), 2)).isEqualTo(2);
        assertThat(storage().transitions().expire(at(51), 2)).isEqualTo(1);
        assertThat(storage().transitions().expire(at(51), 2)).isZero();
        assertThat(storage().transitions().expire(at(1_000), 100)).isZero();
        assertThat(cs.stream().map(this::stateOf).toList())
                .containsExactly(EXPIRED, EXPIRED, EXPIRED, SUCCEEDED, EXPIRED, EXPIRED, CANCELED, NOT_SUPPORTED);
        assertThat(stateOf(later)).isEqualTo(PENDING);
        assertThat(storage().history().find(cs.get(0).id()).orElseThrow().updatedAt()).isEqualTo(at(51));
        assertThat(storage().history().events(cs.get(2).id())).last().satisfies(e -> {
            assertThat(e.from()).isEqualTo(ACKNOWLEDGED);
            assertThat(e.to()).isEqualTo(EXPIRED);
            assertThat(e.at()).isEqualTo(at(51));
        });
        assertThat(storage().history().events(cs.get(0).id())).extracting(CommandEvent::from).containsExactly(PENDING);
        assertThat(storage().history().events(cs.get(3).id())).hasSize(2);
        assertThat(storage().history().events(cs.get(6).id())).hasSize(1);
        assertThat(storage().history().events(cs.get(7).id())).isEmpty();
        assertThat(EnumSet.of(EXPIRED)).contains(stateOf(cs.get(5)));
        assertThat(storage().transitions().expire(at(8 * 86_400), 100)).isEqualTo(1);
        assertThat(stateOf(later)).isEqualTo(EXPIRED);
    }

    @Test
    default void expiryWalksABigRequestOnceAndSkipsTerminalCommands() {
        Fixtures.Submission s = Fixtures.request("admin", null, RequestsContract.deviceIds(50), at(0), at(10));
        storage().requests().create(s.request(), s.commands(), s.event());
        for (int i = 0; i < 50; i += 3) {
            move(s.commands().get(i), Set.of(PENDING), SENT, 1);
            move(s.commands().get(i), Set.of(SENT), SUCCEEDED, 2);
        }
        int total = 0;
        for (int got; (got = storage().transitions().expire(at(11), 7)) > 0; ) {
            assertThat(got).isLessThanOrEqualTo(7);
            total += got;
        }
        assertThat(total).isEqualTo(50 - 17);
        for (int i = 0; i < 50; i++) {
            Command c = s.commands().get(i);
            assertThat(stateOf(c)).isEqualTo(i % 3 == 0 ? SUCCEEDED : EXPIRED);
            assertThat(storage().history().events(c.id())).hasSize(i % 3 == 0 ? 2 : 1);
        }
    }
}
