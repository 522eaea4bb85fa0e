package io.raftpool.consensus.ratis;

import io.raftpool.consensus.RaftSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;

/** Ratis' configuration keys, set from {@link RaftSettings}: every Ratis setting raftpool relies on is here. */
final class RatisProperties {

    /**
     * How long a leader that stepped down for lack of a quorum waits before standing again. Ratis' 10 s default
     * can leave a group whose quorum just came back leaderless for 10 s.
     */
    static final Duration LEADER_STEP_DOWN_WAIT = Duration.ofSeconds(1);

    /** Old snapshots kept besides the newest (Ratis keeps every one by default). */
    static final int SNAPSHOTS_RETAINED = 2;

    private RatisProperties() {
    }

    static RaftProperties server(RaftSettings s) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(s.storageDir().toFile()));
        GrpcConfigKeys.Server.setHost(p, s.selfAddress().getHostString());
        GrpcConfigKeys.Server.setPort(p, s.selfAddress().getPort());

        RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(s.electionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(s.electionTimeoutMax()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p,
                duration(s.electionTimeoutMin().plus(s.firstElectionDelay())));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p,
                duration(s.electionTimeoutMax().plus(s.firstElectionDelay())));
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, duration(LEADER_STEP_DOWN_WAIT));

        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setTimeout(p, duration(s.requestTimeout()));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, s.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, SNAPSHOTS_RETAINED);
        // No snapshot at close: a restart after a clean stop then takes the path of a restart after a crash
        // (the latest snapshot plus the log after it, at most snapshotThreshold entries), which tests cover.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
        return p;
    }

    static RaftProperties client(RaftSettings s) {
        RaftProperties p = new RaftProperties();
        // One RPC to a peer that went silent (a cut link) must not use up the whole request timeout: after twice
        // the longest election timeout another member leads, and the retry goes there.
        Duration rpc = s.electionTimeoutMax().multipliedBy(2);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(rpc.compareTo(s.requestTimeout()) < 0 ? rpc
                : s.requestTimeout()));
        return p;
    }

    /**
     * A bounded retry policy (Ratis' default retries forever): retry while an election may still be running,
     * about {@code requestTimeout} in all, pausing a fraction of the election timeout between attempts.
     */
    static RetryPolicy clientRetry(RaftSettings s) {
        long sleepMillis = Math.max(20, Math.min(500, s.electionTimeoutMin().toMillis() / 2));
        int attempts = (int) Math.max(1, s.requestTimeout().toMillis() / sleepMillis);
        return RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts,
                TimeDuration.valueOf(sleepMillis, TimeUnit.MILLISECONDS));
    }

    private static TimeDuration duration(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
