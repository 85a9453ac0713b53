/**
 * Seam for the Exchange ActiveSync channel (provisioning, RemoteWipe and account-only wipe).
 *
 * <p>Empty on purpose: the channel issues fill it. When they do, this module exposes one small
 * entry point, its HTTP routes and its implementation of the core's
 * {@code io.latchkey.core.action.Channel} port, which the server registers in the wake-up loop's
 * channel map. Until then the server runs with no channel and commands stay pending (the demo
 * does not pretend otherwise): nothing here may imitate a device or a vendor service.
 */
package io.latchkey.channel.eas;
