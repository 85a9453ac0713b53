/**
 * Simulated Windows devices (Windows 11 and 8.1 desktops, Windows RT 8.1, Windows Phone 8.1, Windows 10
 * Mobile) that speak to a server over HTTP and nothing else: MS-MDE2 OnPremise enrollment (discovery,
 * MS-XCEP GetPolicies, MS-WSTEP RequestSecurityToken with a PKCS#10 shaped like a real device's) and
 * OMA-DM 1.2 SyncML sessions executing RemoteLock, RemoteWipe and DMClient commands
 * (shared/reference/windows-mdm.md §1–§5; captures in shared/fixtures/windows).
 *
 * <pre>{@code
 * try (MockWns wns = MockWns.start()) {              // give the server wns.tokenUrl()
 *     SimulatedWindowsDevice pc = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP, 42);
 *     pc.enroll(URI.create(base + "/EnrollmentServer/Discovery.svc"), "ada@example.com", token);
 *     pc.listenOn(wns);                               // reported as Push/ChannelURI when the server asks
 *     pc.session();                                   // first check-in
 *     // ... the server posts a raw notification to the channel; the PC runs a session on a virtual thread ...
 *     pc.status().locked();
 * }
 * }</pre>
 *
 * {@link io.latchkey.simulator.windows.SimulatedWindowsFleet} does the same for many devices.
 */
package io.latchkey.simulator.windows;
