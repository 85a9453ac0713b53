/**
 * Exchange ActiveSync stand-ins, speaking only the wire: {@link io.latchkey.simulator.eas.ExchangeStandIn},
 * an upstream Exchange with enough EAS for a gateway in front of it (OPTIONS, Provision with the two-phase
 * policy key, FolderSync, Sync, Ping long-poll, Settings), and {@link io.latchkey.simulator.eas.SimulatedEasClient},
 * a phone's mail app with the habits of real clients (iOS Mail, Outlook, Samsung Email; protocol 12.1 to 16.1).
 * Its small WBXML writer and reader ({@link io.latchkey.simulator.eas.EasWire}) are its own, so the gateway's
 * codec is checked against an independent one.
 */
package io.latchkey.simulator.eas;
