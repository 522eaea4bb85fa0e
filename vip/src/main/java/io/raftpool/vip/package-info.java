/**
 * raftpool vip: the delegate IP. {@link io.raftpool.vip.DelegateIp} brings it up and down with the
 * operator's if_up_cmd, if_down_cmd and arping_cmd (run through the one command runner of module conf) and
 * tells whether this host holds it and whether it answers.
 */
package io.raftpool.vip;
