package io.raftpool.conf;

/** The enumerated values of pgpool.conf parameters. */
public final class Choices {
    private Choices() {
    }

    /** backend_clustering_mode. raftpool implements streaming_replication. */
    public enum ClusteringMode implements ConfigEnum {
        STREAMING_REPLICATION, NATIVE_REPLICATION, LOGICAL_REPLICATION, SLONY, RAW, SNAPSHOT_ISOLATION
    }

    /** syslog_facility. */
    public enum SyslogFacility implements ConfigEnum {
        LOCAL0, LOCAL1, LOCAL2, LOCAL3, LOCAL4, LOCAL5, LOCAL6, LOCAL7;

        @Override
        public String configName() {
            return name();
        }
    }

    /** log_error_verbosity. */
    public enum ErrorVerbosity implements ConfigEnum { TERSE, DEFAULT, VERBOSE }

    /** client_min_messages, log_min_messages. */
    public enum MessageLevel implements ConfigEnum {
        DEBUG, DEBUG5, DEBUG4, DEBUG3, DEBUG2, DEBUG1, INFO, NOTICE, WARNING, ERROR, LOG, FATAL, PANIC
    }

    /** log_standby_delay. */
    public enum LogStandbyDelay implements ConfigEnum { ALWAYS, IF_OVER_THRESHOLD, NONE }

    /** wd_lifecheck_method. */
    public enum LifecheckMethod implements ConfigEnum { QUERY, HEARTBEAT, EXTERNAL }

    /** memqcache_method. */
    public enum MemqcacheMethod implements ConfigEnum { SHMEM, MEMCACHED }

    /** disable_load_balance_on_write. */
    public enum LoadBalanceOnWrite implements ConfigEnum { OFF, TRANSACTION, TRANS_TRANSACTION, ALWAYS, DML_ADAPTIVE }

    /** relcache_query_target. */
    public enum RelcacheQueryTarget implements ConfigEnum { PRIMARY, LOAD_BALANCE_NODE }

    /** check_temp_table; on and off are Pgpool-II's old spellings of catalog and none. */
    public enum CheckTempTable implements ConfigEnum { CATALOG, TRACE, NONE, ON, OFF }

    /** process_management_mode (Pgpool-II 4.4). */
    public enum ProcessManagementMode implements ConfigEnum { STATIC, DYNAMIC }

    /** process_management_strategy (Pgpool-II 4.4). */
    public enum ProcessManagementStrategy implements ConfigEnum { AGGRESSIVE, GENTLE, LAZY }
}
