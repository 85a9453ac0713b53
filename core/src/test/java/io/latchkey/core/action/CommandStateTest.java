package io.latchkey.core.action;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.latchkey.core.action.CommandState.ACKNOWLEDGED;
import static io.latchkey.core.action.CommandState.CANCELED;
import static io.latchkey.core.action.CommandState.EXPIRED;
import static io.latchkey.core.action.CommandState.FAILED;
import static io.latchkey.core.action.CommandState.NOT_SUPPORTED;
import static io.latchkey.core.action.CommandState.PENDING;
import static io.latchkey.core.action.CommandState.SENT;
import static io.latchkey.core.action.CommandState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-device state machine of product spec section 3, and {@link Transition}'s guard. */
class CommandStateTest {

    /** The legal moves, written out from the spec rather than computed from the code under test. */
    private static final Map<CommandState, Set<CommandState>> LEGAL = Map.of(
            PENDING, EnumSet.of(SENT, FAILED, EXPIRED, CANCELED),
            SENT, EnumSet.of(ACKNOWLEDGED, SUCCEEDED, FAILED, EXPIRED),
            ACKNOWLEDGED, EnumSet.of(SUCCEEDED, FAILED, EXPIRED),
            SUCCEEDED, EnumSet.noneOf(CommandState.class),
            FAILED, EnumSet.noneOf(CommandState.class),
            NOT_SUPPORTED, EnumSet.noneOf(CommandState.class),
            EXPIRED, EnumSet.noneOf(CommandState.class),
            CANCELED, EnumSet.noneOf(CommandState.class));

    static Stream<Arguments> legalMoves() {
        return LEGAL.entrySet().stream().flatMap(e -> e.getValue().stream().map(to -> Arguments.of(e.getKey(), to)));
    }

    static Stream<Arguments> illegalMoves() {
        return Stream.of(CommandState.values()).flatMap(from -> Stream.of(CommandState.values())
                .filter(to -> !LEGAL.get(from).contains(to))
                .map(to -> Arguments.of(from, to)));
    }

    private static Transition transition(Set<CommandState> from, CommandState to) {
        return new Transition(UUID.randomUUID(), from, to, null, "test", Instant.EPOCH, null);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("legalMoves")
    void legalMovesAreAllowedAndMakeTransitions(CommandState from, CommandState to) {
        assertThat(from.canMoveTo(to)).isTrue();
        assertThat(transition(Set.of(from), to).from()).containsExactly(from);
    }

    @ParameterizedTest(name = "{0} ↛ {1}")
    @MethodSource("illegalMoves")
    void illegalMovesAreRefusedAndTransitionWillNotBeBuilt(CommandState from, CommandState to) {
        assertThat(from.canMoveTo(to)).isFalse();
        assertThatThrownBy(() -> transition(Set.of(from), to))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(from.wireName()).hasMessageContaining(to.wireName());
    }

    @Test
    void theNamedIllegalMovesOfTheBrief() {
        assertThat(SUCCEEDED.canMoveTo(PENDING)).isFalse();
        assertThat(CANCELED.canMoveTo(SENT)).isFalse();
        assertThat(SENT.canMoveTo(CANCELED)).as("only a command not yet sent can be canceled").isFalse();
        assertThat(SENT.canMoveTo(SENT)).as("a redelivery is not a transition").isFalse();
        assertThat(NOT_SUPPORTED.next()).isEmpty();
    }

    @Test
    void oneIllegalSourceAmongLegalOnesSpoilsTheTransition() {
        assertThatThrownBy(() -> transition(EnumSet.of(PENDING, SENT), CANCELED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void transitionNeedsACommandATargetAndATime() {
        assertThatThrownBy(() -> new Transition(null, Set.of(PENDING), SENT, null, "a", Instant.EPOCH, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Transition(UUID.randomUUID(), Set.of(PENDING), null, null, "a", Instant.EPOCH,
                null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Transition(UUID.randomUUID(), Set.of(PENDING), SENT, null, "a", null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void transitionCopiesItsSourceSet() {
        Set<CommandState> from = EnumSet.of(PENDING);
        Transition t = transition(from, FAILED);

        from.add(SENT);

        assertThat(t.from()).containsExactly(PENDING);
    }

    @ParameterizedTest
    @EnumSource(CommandState.class)
    void sourcesOfIsTheInverseOfNext(CommandState target) {
        Set<CommandState> expected = EnumSet.noneOf(CommandState.class);
        LEGAL.forEach((from, tos) -> {
            if (tos.contains(target)) {
                expected.add(from);
            }
        });

        assertThat(CommandState.sourcesOf(target)).isEqualTo(expected);
    }

    @Test
    void sourcesOfTheStatesChannelsReport() {
        assertThat(CommandState.sourcesOf(SENT)).containsExactly(PENDING);
        assertThat(CommandState.sourcesOf(ACKNOWLEDGED)).containsExactly(SENT);
        assertThat(CommandState.sourcesOf(SUCCEEDED)).containsExactlyInAnyOrder(SENT, ACKNOWLEDGED);
        assertThat(CommandState.sourcesOf(FAILED)).containsExactlyInAnyOrder(PENDING, SENT, ACKNOWLEDGED);
        assertThat(CommandState.sourcesOf(EXPIRED)).containsExactlyInAnyOrder(PENDING, SENT, ACKNOWLEDGED);
        assertThat(CommandState.sourcesOf(CANCELED)).containsExactly(PENDING);
        assertThat(CommandState.sourcesOf(PENDING)).isEmpty();
        assertThat(CommandState.sourcesOf(NOT_SUPPORTED)).isEmpty();
    }

    @Test
    void openStatesAreExactlyTheNonTerminalOnes() {
        assertThat(CommandState.OPEN).containsExactlyInAnyOrder(PENDING, SENT, ACKNOWLEDGED);
        for (CommandState s : CommandState.values()) {
            assertThat(s.terminal()).as(s.name()).isEqualTo(!CommandState.OPEN.contains(s));
            assertThat(s.terminal()).as("a terminal state goes nowhere: " + s).isEqualTo(s.next().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(CommandState.class)
    void parseAcceptsTheWireNameAndTheEnumName(CommandState state) {
        assertThat(CommandState.parse(state.wireName())).isEqualTo(state);
        assertThat(CommandState.parse(state.name())).isEqualTo(state);
        assertThat(CommandState.parse(state.wireName().toUpperCase())).isEqualTo(state);
    }

    @Test
    void parseRefusesUnknownStates() {
        assertThatThrownBy(() -> CommandState.parse("done")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandState.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireNamesAreGraphStyle() {
        assertThat(NOT_SUPPORTED.wireName()).isEqualTo("notSupported");
        assertThat(ACKNOWLEDGED.wireName()).isEqualTo("acknowledged");
    }
}
