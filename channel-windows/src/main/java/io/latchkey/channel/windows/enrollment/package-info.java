/**
 * The Windows enrollment protocol codec, OnPremise auth policy only (reference windows-mdm.md §1):
 * MS-MDE2 discovery ({@link io.latchkey.channel.windows.enrollment.DiscoverRequest},
 * {@link io.latchkey.channel.windows.enrollment.DiscoveryResponses}), MS-XCEP GetPolicies
 * ({@link io.latchkey.channel.windows.enrollment.PolicyRequest},
 * {@link io.latchkey.channel.windows.enrollment.PolicyResponses}) and MS-WSTEP
 * RequestSecurityToken ({@link io.latchkey.channel.windows.enrollment.EnrollmentRequest},
 * {@link io.latchkey.channel.windows.enrollment.EnrollmentResponses} with its
 * {@link io.latchkey.channel.windows.enrollment.ProvisioningDocument}), plus MS-MDE2 §2.2.10
 * {@link io.latchkey.channel.windows.enrollment.SoapFaults}.
 *
 * <p>Bytes in, bytes out: no HTTP, no credential check and no CA here. The caller checks the
 * {@link io.latchkey.channel.windows.enrollment.UsernameToken}, issues the device certificate for
 * {@link io.latchkey.channel.windows.enrollment.EnrollmentRequest#publicKey()} and maps every
 * {@link io.latchkey.core.Rejected} to a fault with
 * {@link io.latchkey.channel.windows.enrollment.SoapFaults#refused}.
 */
package io.latchkey.channel.windows.enrollment;
