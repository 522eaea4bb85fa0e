package io.raftpool.consensus;

import io.raftpool.consensus.ClusterCommand.Escalate;
import io.raftpool.consensus.ClusterCommand.RegisterBackends;
import io.raftpool.consensus.ClusterCommand.RemoveMember;
import io.raftpool.consensus.ClusterCommand.SetBackendStatus;
import io.raftpool.consensus.ClusterCommand.SetPrimary;
import io.raftpool.consensus.ClusterCommand.StartOperation;
import io.raftpool.consensus.ClusterCommand.UpdateOperation;
import io.raftpool.consensus.ClusterCommand.UpsertMember;
import java.time.Instant;
import java.util.List;

/** Values the tests share. */
public final class Fixtures {

    public static final long T0 = 1_700_000_000_000L;

    private Fixtures() {
    }

    public static BackendState backend(int id, NodeStatus status, NodeRole role) {
        return new BackendState(id, status, role, Instant.ofEpochMilli(T0), "configured");
    }

    /** Three backends: 0 the primary, 1 and 2 standbys, all UP. */
    public static RegisterBackends threeBackends() {
        return new RegisterBackends(List.of(backend(0, NodeStatus.UP, NodeRole.PRIMARY),
                backend(1, NodeStatus.UP, NodeRole.STANDBY), backend(2, NodeStatus.WAITING, NodeRole.STANDBY)));
    }

    public static Member member(int id) {
        return new Member(id, "pgpool" + id + ".test", 9000 + id, 9999, 1, MemberStatus.ALIVE,
                java.util.Map.of("backends", "b0:5432", "delegate_IP", "10.0.0.100"), Instant.ofEpochMilli(T0 + id));
    }

    /** One command of each kind, in an order that applies without refusal after {@link #threeBackends()}. */
    public static List<ClusterCommand> everyCommand() {
        return List.of(
                threeBackends(),
                new SetBackendStatus(1, NodeStatus.DOWN, "health check failed 3 times", T0 + 10),
                new SetPrimary(2, "promoted", T0 + 20),
                new StartOperation(FailoverKind.FAILOVER, 0, 2, "member 1", T0 + 30),
                new UpdateOperation(4, FailoverPhase.RUNNING, "running failover_command", T0 + 40),
                new UpsertMember(member(1)),
                new RemoveMember(7),
                new Escalate(1, 3, T0 + 50),
                new ClusterCommand.FailoverVote(1, 2, 2, false, 15_000, "health check failed", T0 + 60));
    }
}
