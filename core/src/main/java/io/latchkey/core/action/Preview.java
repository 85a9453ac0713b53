package io.latchkey.core.action;

import io.latchkey.core.capability.Action;

import java.util.Map;

/**
 * What a submission would do, before it is made: how many selected devices support the action,
 * and the others grouped by the matrix's reason ("12 of 15 devices support Passcode Reset; 3 will
 * be skipped: …").
 */
public record Preview(Action action, int selected, int supported, Map<String, Integer> skippedByReason) {
}
