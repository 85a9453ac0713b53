/**
 * The Exchange ActiveSync channel (issue 10): {@code wbxml} (the MS-ASWBXML codec), {@code http}
 * (MS-ASHTTP request parsing, both query forms), {@code gateway} (the gateway in front of Exchange:
 * discovery, access control, the wipe and retire flow through Provision) and {@link
 * io.latchkey.channel.eas.EasChannel}, the core's {@code Channel} port for EAS-only devices.
 */
package io.latchkey.channel.eas;
