package io.raftpool.it.failover;

import io.raftpool.it.pg.PgInstallation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Real failover_command and follow_primary_command scripts, in the style of Pgpool-II's samples: each
 * appends a line to events.log (so a test can count how often it ran), failover.sh promotes the new main
 * node when the primary failed, follow.sh re-points a standby at the new primary. They run PostgreSQL's
 * tools as the postgres user when raftpool runs as root.
 */
public final class FailoverScripts {
    private FailoverScripts() {
    }

    /** Writes the scripts into a new temporary directory and returns it. */
    public static Path writeToTempDir() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("raftpool-scripts-");
            write(dir);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The pgpool.conf line running {@code dir}/failover.sh with every placeholder. */
    public static String failoverCommand(Path dir) {
        return "failover_command = '" + dir + "/failover.sh %d %h %p %D %m %H %M %P %r %R %N %S'\n";
    }

    /** The pgpool.conf lines running {@code dir}/failover.sh and {@code dir}/follow.sh with every placeholder. */
    public static String failoverAndFollowCommands(Path dir) {
        return failoverCommand(dir) + "follow_primary_command = '" + dir
                + "/follow.sh %d %h %p %D %m %H %M %P %r %R'\n";
    }

    /** Writes failover.sh and follow.sh into {@code dir}; they append to {@code dir/events.log}. */
    public static void write(Path dir) {
        String bin = PgInstallation.locate().binDir().toString();
        String asPostgres = "if [ \"$(id -u)\" = 0 ]; then AS='runuser -u postgres --'; else AS=''; fi\n";
        write(dir.resolve("failover.sh"), """
                #!/bin/sh
                # failover.sh %d %h %p %D %m %H %M %P %r %R %N %S
                FAILED=$1; NEW_MAIN=$5; NEW_MAIN_HOST=$6; OLD_PRIMARY=$8; NEW_MAIN_PORT=$9; NEW_MAIN_DIR=${10}
                echo "failover failed=$FAILED new_main=$NEW_MAIN old_primary=$OLD_PRIMARY" >> "%DIR%/events.log"
                %AS%
                if [ "$FAILED" = "$OLD_PRIMARY" ] && [ "$NEW_MAIN" -ge 0 ]; then
                    $AS %BIN%/pg_ctl promote -w -D "$NEW_MAIN_DIR" || exit 1
                fi
                exit 0
                """.replace("%DIR%", dir.toString()).replace("%AS%", asPostgres).replace("%BIN%", bin));
        write(dir.resolve("follow.sh"), """
                #!/bin/sh
                # follow.sh %d %h %p %D %m %H %M %P %r %R
                NODE=$1; HOST=$2; PORT=$3; NEW_PRIMARY=$5; NEW_HOST=$6; NEW_PORT=$9
                echo "follow node=$NODE new_primary=$NEW_PRIMARY" >> "%DIR%/events.log"
                SLOT=$(%BIN%/psql -X -Atq -h "$HOST" -p "$PORT" -U postgres -d postgres -c "SHOW primary_slot_name")
                %BIN%/psql -X -q -h "$NEW_HOST" -p "$NEW_PORT" -U postgres -d postgres -c \\
                    "SELECT pg_create_physical_replication_slot('$SLOT', true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT')" || exit 1
                %BIN%/psql -X -q -h "$HOST" -p "$PORT" -U postgres -d postgres \\
                    -c "ALTER SYSTEM SET primary_conninfo = 'host=$NEW_HOST port=$NEW_PORT user=postgres application_name=node$NODE'" \\
                    -c "SELECT pg_reload_conf()" || exit 1
                exit 0
                """.replace("%DIR%", dir.toString()).replace("%BIN%", bin));
    }

    /** pgpool.conf lines for a health check that notices a dead backend within about a second. */
    public static final String FAST_HEALTH_CHECK = """
            health_check_period = 1
            health_check_timeout = 2
            health_check_max_retries = 0
            connect_timeout = 1000
            """;

    /** Writes an executable script. */
    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines the scripts wrote so far. */
    public static List<String> events(Path dir) {
        try {
            Path log = dir.resolve("events.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
