/**
 * raftpool consensus: what every raftpool instance of a cluster agrees on, replicated by Raft.
 *
 * <p>{@link io.raftpool.consensus.RaftNode} runs this instance's member of the Raft group and holds the
 * {@link io.raftpool.consensus.ClusterState}; callers change it only by submitting
 * {@link io.raftpool.consensus.ClusterCommand}s, whose meaning is the pure function in
 * {@link io.raftpool.consensus.ClusterTransitions}. Leadership and every applied command reach the rest of raftpool
 * through {@link io.raftpool.consensus.LeadershipListener} and {@link io.raftpool.consensus.StateListener}.
 * Apache Ratis is used only inside {@code io.raftpool.consensus.ratis}; the wire and file format (protobuf) is in
 * {@code io.raftpool.consensus.codec}.
 */
package io.raftpool.consensus;
