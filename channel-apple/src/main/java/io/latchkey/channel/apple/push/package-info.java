/**
 * The APNs "mdm" push that wakes Apple devices so they check in (docs/reference apple-mdm.md §3).
 * {@link io.latchkey.channel.apple.push.MdmPush} is the port; {@link io.latchkey.channel.apple.push.ApnsMdmPush}
 * sends through Pushy, configured by {@link io.latchkey.channel.apple.push.ApnsSettings}, and reports dead
 * tokens through {@link io.latchkey.channel.apple.push.PushFeedback}. Targets come from each device's latest
 * TokenUpdate ({@link io.latchkey.channel.apple.push.PushTarget}).
 */
package io.latchkey.channel.apple.push;
