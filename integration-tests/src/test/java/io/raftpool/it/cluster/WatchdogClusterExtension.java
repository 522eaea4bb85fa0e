package io.raftpool.it.cluster;

import io.raftpool.it.pg.PgCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One test class's watchdog cluster: a {@link PgCluster}, a {@link NetnsLab} with three members and a
 * client, and a {@link WatchdogCluster} started in it; each test also gets a fresh {@link VipSampler}.
 * The class is skipped (an assumption, with the reason) when the machine cannot make network namespaces:
 * the tests need root and {@code ip netns}. When a test fails, every member's log, the scripts' logs, the
 * addresses of every namespace, the VIP history and the PostgreSQL logs are printed.
 *
 * <pre>
 * {@literal @}RegisterExtension
 * static final WatchdogClusterExtension cluster = new WatchdogClusterExtension(2);
 * </pre>
 */
public final class WatchdogClusterExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, TestWatcher {

    /** How many raftpool instances the cluster has. */
    public static final int MEMBERS = 3;
    private static final int LOG_LINES = 250;

    private final int standbys;
    private final WatchdogCluster.Options options;
    private PgCluster pg;
    private NetnsLab lab;
    private WatchdogCluster cluster;
    private VipSampler sampler;

    /** A cluster in front of a primary and {@code standbys} standbys, with the default options. */
    public WatchdogClusterExtension(int standbys) {
        this(standbys, WatchdogCluster.Options.defaults());
    }

    public WatchdogClusterExtension(int standbys, WatchdogCluster.Options options) {
        this.standbys = standbys;
        this.options = options;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        NetnsLab.unavailableReason().ifPresent(why -> Assumptions.abort("skipped: " + why));
        pg = PgCluster.create(standbys);
        try {
            lab = NetnsLab.create(MEMBERS);
            cluster = WatchdogCluster.create(pg, lab, options);
            cluster.startAll();
        } catch (Exception | Error e) {
            if (cluster != null) {
                cluster.dump(System.err, LOG_LINES);
            }
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (cluster == null) {
            throw new IllegalStateException("WatchdogClusterExtension must be registered on a static field");
        }
        sampler = VipSampler.start(lab, lab.vip());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (sampler != null) {
            sampler.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("===== " + context.getDisplayName() + " failed: " + cause + " =====");
        if (cluster != null) {
            cluster.dump(System.err, LOG_LINES);
        }
        if (sampler != null) {
            System.err.println(sampler.history());
        }
        if (pg != null) {
            pg.printLogTails(System.err, 40);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            try {
                if (lab != null) {
                    lab.close();
                }
            } finally {
                if (pg != null) {
                    pg.close();
                }
                cluster = null;
                lab = null;
                pg = null;
            }
        }
    }

    public WatchdogCluster cluster() {
        return cluster;
    }

    public NetnsLab lab() {
        return lab;
    }

    public PgCluster pg() {
        return pg;
    }

    /** The current test's VIP sampler, started just before it. */
    public VipSampler sampler() {
        return sampler;
    }
}
