/**
 * The watchdog's lifecheck: whether the other members are alive ({@link
 * io.raftpool.watchdog.lifecheck.HeartbeatLifecheck}, for wd_lifecheck_method = heartbeat) and whether this
 * member still reaches its upstream network ({@link io.raftpool.watchdog.lifecheck.TrustedServers}). What
 * the watchdog does with the answers (reporting them to the replicated state, giving up the delegate IP)
 * lives outside this package, behind {@link io.raftpool.watchdog.lifecheck.LifecheckListener}.
 */
package io.raftpool.watchdog.lifecheck;
