/**
 * The Apache Ratis adapter: the only code that sees a Ratis type. Facts about Ratis 3.3.0 the code relies on:
 * <ul>
 * <li>Ratis shades its own protobuf, gRPC and Netty: our protobuf messages cross over as byte arrays.</li>
 * <li>The server starts with {@code StartupOption.RECOVER} (it formats an empty directory; FORMAT fails on a
 *     restart). Ratis also starts every other group whose directory it finds in the storage directory, so
 *     {@link io.raftpool.consensus.ratis.RatisIds#checkStorageHoldsOnly} refuses a directory holding another
 *     group.</li>
 * <li>{@code notifyLeaderReady} (on the state machine updater thread, once the new leader's first entry is
 *     applied) is "leader and committed"; {@code notifyNotLeader} (from the leader state's stop) is "not leader
 *     any more". Neither may block: both go to the {@link io.raftpool.consensus.ratis.EventDispatcher}.</li>
 * <li>A failed {@code applyTransaction} future stalls the applied index: refusals are answered as a normal reply
 *     instead. An exception set in {@code startTransaction} reaches the client as a StateMachineException whose
 *     message alone ("class from Server id: message") crosses the wire; it does not make the leader step down
 *     (only a preAppend one does).</li>
 * <li>The ordered async client fails every later request once one ran out of retries: the blocking API is used,
 *     one call per thread, with a bounded retry policy (the default retries forever).</li>
 * <li>The log holds Ratis' own entries too (configuration, commit metadata): the commit index runs ahead of the
 *     index of the last command.</li>
 * <li>Handing Ratis an {@code InetSocketAddress} makes it resolve the host name; peers are given as strings.</li>
 * </ul>
 */
package io.raftpool.consensus.ratis;
