package io.raftpool.it.pg;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives a test class one {@link PgCluster}, created before its first test and removed after its last.
 * Register it on a static field,
 * <pre>{@code
 * @RegisterExtension
 * static final PgClusterExtension pg = PgClusterExtension.withStandbys(2);
 * }</pre>
 * and use {@link #cluster()}, or with {@code @ExtendWith(PgClusterExtension.class)} (one standby) and a
 * {@link PgCluster} parameter on a test, constructor or {@code @BeforeAll} method. The cluster is shared by
 * the class's tests, so tests that change the topology should be ordered. When a test (or the class's
 * setup) fails, the tail of every server log is printed to stderr before the cluster is removed.
 */
public final class PgClusterExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver, TestWatcher {

    /** Standbys in the cluster when the extension is registered with {@code @ExtendWith}. */
    public static final int DEFAULT_STANDBYS = 1;
    /** How many lines of each server log are printed on failure. */
    static final int LOG_TAIL_LINES = 100;

    private final int standbys;
    private PgCluster cluster;
    private String ownerId;

    /** A cluster of a primary and {@value #DEFAULT_STANDBYS} standby; used by {@code @ExtendWith}. */
    public PgClusterExtension() {
        this(DEFAULT_STANDBYS);
    }

    private PgClusterExtension(int standbys) {
        if (standbys < 0) {
            throw new IllegalArgumentException("standbys must be >= 0, not " + standbys);
        }
        this.standbys = standbys;
    }

    /** A cluster of a primary and {@code standbys} streaming standbys. */
    public static PgClusterExtension withStandbys(int standbys) {
        return new PgClusterExtension(standbys);
    }

    /**
     * The running cluster.
     *
     * @throws IllegalStateException outside the lifetime of the test class
     */
    public PgCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("no PostgreSQL cluster: PgClusterExtension must be registered on a "
                    + "static field or with @ExtendWith, and is only usable while the test class runs");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (cluster != null) {
            return; // a @Nested class shares its enclosing class's cluster
        }
        cluster = PgCluster.create(standbys);
        ownerId = context.getUniqueId();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster(); // fails clearly when registered on an instance field, where beforeAll never runs
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (cluster != null) {
            System.err.println("===== " + context.getDisplayName() + " failed: " + cause
                    + "; PostgreSQL server logs follow =====");
            cluster.printLogTails(System.err, LOG_TAIL_LINES);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster == null || !context.getUniqueId().equals(ownerId)) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                System.err.println("===== " + context.getDisplayName() + " failed: "
                        + context.getExecutionException().get() + "; PostgreSQL server logs follow =====");
                cluster.printLogTails(System.err, LOG_TAIL_LINES);
            }
            cluster.close();
        } finally {
            cluster = null;
            ownerId = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PgCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cluster();
    }
}
