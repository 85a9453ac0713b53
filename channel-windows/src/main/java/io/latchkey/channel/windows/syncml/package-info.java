/**
 * OMA-DM 1.2 SyncML in XML, as Windows uses it (MS-MDM; shared/reference/windows-mdm.md §2):
 * {@link io.latchkey.channel.windows.syncml.SyncMlReader} turns a device body into a
 * {@link io.latchkey.channel.windows.syncml.SyncMessage} or refuses it as a 400,
 * {@link io.latchkey.channel.windows.syncml.SyncReply} builds the server's answer (statuses, then
 * the server's commands) and {@link io.latchkey.channel.windows.syncml.SyncMlWriter} writes it.
 * No session state lives here: MsgIDs, which command a CmdRef points at and what a status means for
 * an action are the session layer's business.
 */
package io.latchkey.channel.windows.syncml;
