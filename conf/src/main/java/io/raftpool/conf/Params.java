package io.raftpool.conf;

import static io.raftpool.conf.Context.RELOAD;
import static io.raftpool.conf.Context.RESTART;
import static io.raftpool.conf.Context.SESSION;
import static io.raftpool.conf.Support.PLANNED;
import static io.raftpool.conf.Support.SUPPORTED;
import static io.raftpool.conf.Support.UNSUPPORTED;

import io.raftpool.conf.Choices.CheckTempTable;
import io.raftpool.conf.Choices.ClusteringMode;
import io.raftpool.conf.Choices.ErrorVerbosity;
import io.raftpool.conf.Choices.LifecheckMethod;
import io.raftpool.conf.Choices.LoadBalanceOnWrite;
import io.raftpool.conf.Choices.LogStandbyDelay;
import io.raftpool.conf.Choices.MemqcacheMethod;
import io.raftpool.conf.Choices.MessageLevel;
import io.raftpool.conf.Choices.ProcessManagementMode;
import io.raftpool.conf.Choices.ProcessManagementStrategy;
import io.raftpool.conf.Choices.RelcacheQueryTarget;
import io.raftpool.conf.Choices.SyslogFacility;
import io.raftpool.conf.ParamTypes.SizeBase;
import io.raftpool.conf.ParamTypes.TimeBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every pgpool.conf parameter raftpool knows: all of Pgpool-II 4.3's, the ones 4.4 added, and 4.4's new
 * names as aliases. Names match case-insensitively, so 4.4's {@code delegate_ip} is 4.3's {@code delegate_IP}. Names, types, defaults, ranges and reload contexts are Pgpool-II's; the support level
 * says what this build does with each.
 */
public final class Params {
    private Params() {
    }

    /** Backend slots: backend_hostname0 .. backend_hostname127. */
    public static final int MAX_BACKENDS = 128;
    /** Watchdog node slots: hostname0 .. hostname127. */
    public static final int MAX_WATCHDOG_NODES = 128;
    /** Heartbeat destination slots. */
    public static final int MAX_HEARTBEATS = 256;

    private static final List<ParamDef<?>> ALL = new ArrayList<>();

    /** Every declared parameter, in declaration order. */
    public static List<ParamDef<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    private static <T> ParamDef<T> register(ParamDef<T> def) {
        ALL.add(def);
        return def;
    }

    private static ParamDef<Boolean> bool(String name, boolean dflt, Context context, Support support) {
        return ParamDef.of(name, ParamTypes.BOOLEAN, dflt, context, support);
    }

    private static ParamDef<Integer> integer(String name, int dflt, int min, int max, Context context,
            Support support) {
        return ParamDef.of(name, ParamTypes.integer(min, max), dflt, context, support);
    }

    private static ParamDef<Duration> time(String name, TimeBase base, long dflt, long min, long max,
            Context context, Support support) {
        return ParamDef.of(name, ParamTypes.time(base, min, max), Duration.ofMillis(dflt * base.millis), context,
                support);
    }

    private static ParamDef<Long> size(String name, SizeBase base, long dflt, long min, long max, Context context,
            Support support) {
        return ParamDef.of(name, ParamTypes.size(base, min, max), dflt * base.bytes, context, support);
    }

    private static ParamDef<Double> real(String name, double dflt, double min, double max, Context context,
            Support support) {
        return ParamDef.of(name, ParamTypes.real(min, max), dflt, context, support);
    }

    private static ParamDef<String> string(String name, String dflt, Context context, Support support) {
        return ParamDef.of(name, ParamTypes.STRING, dflt, context, support);
    }

    private static ParamDef<List<String>> list(String name, String separator, String dflt, Context context,
            Support support) {
        ParamTypes.ListType type = new ParamTypes.ListType(separator);
        return ParamDef.of(name, type, type.parse(dflt), context, support);
    }

    private static <E extends Enum<E> & ConfigEnum> ParamDef<E> choice(String name, Class<E> type, E dflt,
            Context context, Support support) {
        return ParamDef.of(name, ParamTypes.enumeration(type), dflt, context, support);
    }

    // Connections and authentication
    public static final ParamDef<Boolean> SERIALIZE_ACCEPT = register(bool("serialize_accept", false, RESTART, UNSUPPORTED).note("raftpool accepts connections on an event loop"));
    public static final ParamDef<Boolean> ENABLE_POOL_HBA = register(bool("enable_pool_hba", false, RELOAD, SUPPORTED));
    public static final ParamDef<String> LISTEN_ADDRESSES = register(string("listen_addresses", "localhost", RESTART, SUPPORTED));
    public static final ParamDef<String> PCP_LISTEN_ADDRESSES = register(string("pcp_listen_addresses", "localhost", RESTART, SUPPORTED));
    public static final ParamDef<String> SOCKET_DIR = register(string("socket_dir", "/tmp", RESTART, SUPPORTED).aliases("unix_socket_directories"));
    public static final ParamDef<String> PCP_SOCKET_DIR = register(string("pcp_socket_dir", "/tmp", RESTART, PLANNED));
    public static final ParamDef<String> WD_IPC_SOCKET_DIR = register(string("wd_ipc_socket_dir", "/tmp", RESTART, PLANNED));
    public static final ParamDef<Integer> BACKEND_PORT = register(integer("backend_port", 5432, 1024, 65535, RELOAD, SUPPORTED).indexed(MAX_BACKENDS));
    public static final ParamDef<Double> BACKEND_WEIGHT = register(real("backend_weight", 1, 0.0, 100000000.0, RELOAD, SUPPORTED).indexed(MAX_BACKENDS));
    public static final ParamDef<String> BACKEND_HOSTNAME = register(string("backend_hostname", "", RELOAD, SUPPORTED).indexed(MAX_BACKENDS));
    public static final ParamDef<String> BACKEND_DATA_DIRECTORY = register(string("backend_data_directory", "", RELOAD, SUPPORTED).indexed(MAX_BACKENDS));
    public static final ParamDef<String> BACKEND_APPLICATION_NAME = register(string("backend_application_name", "", RELOAD, SUPPORTED).indexed(MAX_BACKENDS));
    public static final ParamDef<String> BACKEND_FLAG = register(string("backend_flag", "ALLOW_TO_FAILOVER", RELOAD, SUPPORTED).indexed(MAX_BACKENDS));
    public static final ParamDef<Integer> PORT = register(integer("port", 9999, 1024, 65535, RESTART, SUPPORTED));
    public static final ParamDef<Integer> PCP_PORT = register(integer("pcp_port", 9898, 1024, 65535, RESTART, SUPPORTED));
    public static final ParamDef<Integer> LISTEN_BACKLOG_MULTIPLIER = register(integer("listen_backlog_multiplier", 2, 1, Integer.MAX_VALUE, RESTART, UNSUPPORTED));
    public static final ParamDef<Duration> AUTHENTICATION_TIMEOUT = register(time("authentication_timeout", TimeBase.SECONDS, 60, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));

    // Pooling
    public static final ParamDef<Boolean> CONNECTION_CACHE = register(bool("connection_cache", true, RESTART, SUPPORTED));
    public static final ParamDef<List<String>> RESET_QUERY_LIST = register(list("reset_query_list", ";", "ABORT;DISCARD ALL", RELOAD, SUPPORTED));
    public static final ParamDef<List<String>> READ_ONLY_FUNCTION_LIST = register(list("read_only_function_list", ",", "", RELOAD, SUPPORTED));
    public static final ParamDef<List<String>> WRITE_FUNCTION_LIST = register(list("write_function_list", ",", "", RELOAD, SUPPORTED));
    public static final ParamDef<List<String>> PRIMARY_ROUTING_QUERY_PATTERN_LIST = register(list("primary_routing_query_pattern_list", ";", "", RELOAD, SUPPORTED));
    public static final ParamDef<Integer> NUM_INIT_CHILDREN = register(integer("num_init_children", 32, 1, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Integer> RESERVED_CONNECTIONS = register(integer("reserved_connections", 0, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Duration> CHILD_LIFE_TIME = register(time("child_life_time", TimeBase.SECONDS, 300, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Duration> CLIENT_IDLE_LIMIT = register(time("client_idle_limit", TimeBase.SECONDS, 0, 0, Integer.MAX_VALUE, SESSION, SUPPORTED));
    public static final ParamDef<Duration> CONNECTION_LIFE_TIME = register(time("connection_life_time", TimeBase.SECONDS, 0, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Integer> CHILD_MAX_CONNECTIONS = register(integer("child_max_connections", 0, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Integer> MAX_POOL = register(integer("max_pool", 4, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));

    // Logging
    public static final ParamDef<Boolean> LOG_CONNECTIONS = register(bool("log_connections", false, RELOAD, PLANNED));
    public static final ParamDef<Boolean> LOG_DISCONNECTIONS = register(bool("log_disconnections", false, RELOAD, PLANNED));
    public static final ParamDef<Boolean> LOG_HOSTNAME = register(bool("log_hostname", false, RELOAD, PLANNED));
    public static final ParamDef<Boolean> REPLICATION_MODE = register(bool("replication_mode", false, RESTART, UNSUPPORTED).note("raftpool implements streaming replication mode only"));
    public static final ParamDef<Boolean> LOG_STATEMENT = register(bool("log_statement", false, SESSION, SUPPORTED));
    public static final ParamDef<Boolean> LOG_PER_NODE_STATEMENT = register(bool("log_per_node_statement", false, SESSION, SUPPORTED));
    public static final ParamDef<Boolean> NOTICE_PER_NODE_STATEMENT = register(bool("notice_per_node_statement", false, SESSION, SUPPORTED));
    public static final ParamDef<Boolean> LOG_CLIENT_MESSAGES = register(bool("log_client_messages", false, SESSION, PLANNED));
    public static final ParamDef<Boolean> LOGGING_COLLECTOR = register(bool("logging_collector", false, RESTART, UNSUPPORTED).note("raftpool logs through logback; configure files in logback.xml"));
    public static final ParamDef<Boolean> LOG_TRUNCATE_ON_ROTATION = register(bool("log_truncate_on_rotation", false, RESTART, UNSUPPORTED).note("configure log rotation in logback.xml"));
    public static final ParamDef<String> LOG_DESTINATION = register(string("log_destination", "stderr", RELOAD, UNSUPPORTED).note("configure log destinations in logback.xml"));
    public static final ParamDef<String> SYSLOG_IDENT = register(string("syslog_ident", "pgpool", RELOAD, UNSUPPORTED).note("configure syslog in logback.xml"));
    public static final ParamDef<String> LOG_LINE_PREFIX = register(string("log_line_prefix", "%m: %a pid %p: ", RELOAD, UNSUPPORTED).note("configure the log layout in logback.xml"));
    public static final ParamDef<String> LOGDIR = register(string("logdir", "/tmp", RESTART, SUPPORTED).note("raftpool keeps its Raft log (which replaces pgpool_status) in logdir/raftpool_raft unless raft_storage_dir is set"));
    public static final ParamDef<String> LOG_DIRECTORY = register(string("log_directory", "/tmp/pgpool_logs", RESTART, UNSUPPORTED).note("configure log files in logback.xml"));
    public static final ParamDef<String> LOG_FILENAME = register(string("log_filename", "pgpool-%Y-%m-%d_%H%M%S.log", RESTART, UNSUPPORTED).note("configure log files in logback.xml"));
    public static final ParamDef<Duration> LOG_ROTATION_AGE = register(time("log_rotation_age", TimeBase.MINUTES, 1440, 0, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("configure log rotation in logback.xml"));
    public static final ParamDef<Long> LOG_ROTATION_SIZE = register(size("log_rotation_size", SizeBase.KILOBYTES, 10 * 1024, 0, Integer.MAX_VALUE / 1024, RESTART, UNSUPPORTED).note("configure log rotation in logback.xml"));
    public static final ParamDef<Integer> LOG_FILE_MODE = register(integer("log_file_mode", 0600, 0, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("configure log files in logback.xml"));
    public static final ParamDef<SyslogFacility> SYSLOG_FACILITY = register(choice("syslog_facility", SyslogFacility.class, SyslogFacility.LOCAL0, RELOAD, UNSUPPORTED).note("configure syslog in logback.xml"));
    public static final ParamDef<ErrorVerbosity> LOG_ERROR_VERBOSITY = register(choice("log_error_verbosity", ErrorVerbosity.class, ErrorVerbosity.DEFAULT, SESSION, PLANNED));
    public static final ParamDef<MessageLevel> CLIENT_MIN_MESSAGES = register(choice("client_min_messages", MessageLevel.class, MessageLevel.NOTICE, SESSION, PLANNED));
    public static final ParamDef<MessageLevel> LOG_MIN_MESSAGES = register(choice("log_min_messages", MessageLevel.class, MessageLevel.WARNING, SESSION, PLANNED));

    // Health check
    public static final ParamDef<Boolean> HEALTH_CHECK_TEST = register(bool("health_check_test", false, RESTART, UNSUPPORTED).note("a Pgpool-II debugging aid"));
    public static final ParamDef<Duration> HEALTH_CHECK_TIMEOUT = register(time("health_check_timeout", TimeBase.SECONDS, 20, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED).perNode(MAX_BACKENDS));
    public static final ParamDef<Duration> HEALTH_CHECK_PERIOD = register(time("health_check_period", TimeBase.SECONDS, 0, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED).perNode(MAX_BACKENDS));
    public static final ParamDef<Integer> HEALTH_CHECK_MAX_RETRIES = register(integer("health_check_max_retries", 0, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED).perNode(MAX_BACKENDS));
    public static final ParamDef<Duration> HEALTH_CHECK_RETRY_DELAY = register(time("health_check_retry_delay", TimeBase.SECONDS, 1, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED).perNode(MAX_BACKENDS));
    public static final ParamDef<Duration> CONNECT_TIMEOUT = register(time("connect_timeout", TimeBase.MILLISECONDS, 10000, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED).perNode(MAX_BACKENDS));
    public static final ParamDef<String> HEALTH_CHECK_USER = register(string("health_check_user", "nobody", RELOAD, SUPPORTED).perNode(MAX_BACKENDS));
    public static final ParamDef<String> HEALTH_CHECK_PASSWORD = register(string("health_check_password", "", RELOAD, SUPPORTED).perNode(MAX_BACKENDS).secret());
    public static final ParamDef<String> HEALTH_CHECK_DATABASE = register(string("health_check_database", "postgres", RELOAD, SUPPORTED).perNode(MAX_BACKENDS));

    // Failover and failback
    public static final ParamDef<Boolean> FAILOVER_WHEN_QUORUM_EXISTS = register(bool("failover_when_quorum_exists", true, RESTART, SUPPORTED));
    public static final ParamDef<Boolean> FAILOVER_REQUIRE_CONSENSUS = register(bool("failover_require_consensus", true, RESTART, SUPPORTED));
    public static final ParamDef<Boolean> ALLOW_MULTIPLE_FAILOVER_REQUESTS_FROM_NODE = register(bool("allow_multiple_failover_requests_from_node", false, RESTART, SUPPORTED));
    public static final ParamDef<Boolean> ENABLE_CONSENSUS_WITH_HALF_VOTES = register(bool("enable_consensus_with_half_votes", false, RESTART, SUPPORTED));
    public static final ParamDef<Boolean> FAILOVER_ON_BACKEND_ERROR = register(bool("failover_on_backend_error", true, RELOAD, SUPPORTED).aliases("fail_over_on_backend_error"));
    public static final ParamDef<Boolean> FAILOVER_ON_BACKEND_SHUTDOWN = register(bool("failover_on_backend_shutdown", false, RELOAD, SUPPORTED));
    public static final ParamDef<Boolean> DETACH_FALSE_PRIMARY = register(bool("detach_false_primary", false, RELOAD, SUPPORTED));
    public static final ParamDef<Boolean> AUTO_FAILBACK = register(bool("auto_failback", false, RELOAD, SUPPORTED));
    public static final ParamDef<String> FAILBACK_COMMAND = register(string("failback_command", "", RELOAD, SUPPORTED));
    public static final ParamDef<String> FOLLOW_PRIMARY_COMMAND = register(string("follow_primary_command", "", RELOAD, SUPPORTED));
    public static final ParamDef<String> FAILOVER_COMMAND = register(string("failover_command", "", RELOAD, SUPPORTED));
    public static final ParamDef<Duration> SEARCH_PRIMARY_NODE_TIMEOUT = register(time("search_primary_node_timeout", TimeBase.SECONDS, 300, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED));
    public static final ParamDef<Duration> AUTO_FAILBACK_INTERVAL = register(time("auto_failback_interval", TimeBase.SECONDS, 60, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED));

    // Online recovery
    public static final ParamDef<String> RECOVERY_USER = register(string("recovery_user", "nobody", RELOAD, SUPPORTED));
    public static final ParamDef<String> RECOVERY_PASSWORD = register(string("recovery_password", "", RELOAD, SUPPORTED).secret());
    public static final ParamDef<String> RECOVERY_1ST_STAGE_COMMAND = register(string("recovery_1st_stage_command", "", RELOAD, SUPPORTED));
    public static final ParamDef<String> RECOVERY_2ND_STAGE_COMMAND = register(string("recovery_2nd_stage_command", "", RELOAD, UNSUPPORTED).note("native replication mode only"));
    public static final ParamDef<Duration> RECOVERY_TIMEOUT = register(time("recovery_timeout", TimeBase.SECONDS, 90, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED));
    public static final ParamDef<Duration> CLIENT_IDLE_LIMIT_IN_RECOVERY = register(time("client_idle_limit_in_recovery", TimeBase.SECONDS, 0, -1, Integer.MAX_VALUE, SESSION, PLANNED));

    // Watchdog
    public static final ParamDef<Boolean> WD_REMOVE_SHUTDOWN_NODES = register(bool("wd_remove_shutdown_nodes", false, RELOAD, PLANNED));
    public static final ParamDef<Boolean> USE_WATCHDOG = register(bool("use_watchdog", false, RESTART, SUPPORTED));
    public static final ParamDef<Boolean> CLEAR_MEMQCACHE_ON_ESCALATION = register(bool("clear_memqcache_on_escalation", true, RELOAD, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<String> WD_ESCALATION_COMMAND = register(string("wd_escalation_command", "", RELOAD, SUPPORTED));
    public static final ParamDef<String> WD_DE_ESCALATION_COMMAND = register(string("wd_de_escalation_command", "", RELOAD, SUPPORTED));
    public static final ParamDef<String> TRUSTED_SERVERS = register(string("trusted_servers", "", RESTART, SUPPORTED));
    public static final ParamDef<String> DELEGATE_IP = register(string("delegate_IP", "", RESTART, SUPPORTED));
    public static final ParamDef<String> PING_PATH = register(string("ping_path", "/bin", RESTART, PLANNED));
    public static final ParamDef<String> IF_CMD_PATH = register(string("if_cmd_path", "/sbin", RESTART, SUPPORTED));
    public static final ParamDef<String> IF_UP_CMD = register(string("if_up_cmd", "/usr/bin/sudo /sbin/ip addr add $_IP_$/24 dev eth0 label eth0:0", RESTART, SUPPORTED));
    public static final ParamDef<String> IF_DOWN_CMD = register(string("if_down_cmd", "/usr/bin/sudo /sbin/ip addr del $_IP_$/24 dev eth0", RESTART, SUPPORTED));
    public static final ParamDef<String> ARPING_PATH = register(string("arping_path", "/usr/sbin", RESTART, SUPPORTED));
    public static final ParamDef<String> ARPING_CMD = register(string("arping_cmd", "/usr/bin/sudo /usr/sbin/arping -U $_IP_$ -w 1 -I eth0", RESTART, SUPPORTED));
    public static final ParamDef<String> WD_LIFECHECK_QUERY = register(string("wd_lifecheck_query", "SELECT 1", RESTART, PLANNED));
    public static final ParamDef<String> WD_LIFECHECK_DBNAME = register(string("wd_lifecheck_dbname", "template1", RELOAD, PLANNED));
    public static final ParamDef<String> WD_LIFECHECK_USER = register(string("wd_lifecheck_user", "nobody", RELOAD, PLANNED));
    public static final ParamDef<String> WD_LIFECHECK_PASSWORD = register(string("wd_lifecheck_password", "", RELOAD, PLANNED).secret());
    public static final ParamDef<String> WD_AUTHKEY = register(string("wd_authkey", "", RELOAD, SUPPORTED).secret());
    public static final ParamDef<List<String>> WD_MONITORING_INTERFACES_LIST = register(list("wd_monitoring_interfaces_list", ",", "", RESTART, UNSUPPORTED).note("raftpool detects isolation through quorum and trusted_servers"));
    public static final ParamDef<Integer> WD_PORT = register(integer("wd_port", 9000, 1024, 65535, RELOAD, SUPPORTED).indexed(MAX_WATCHDOG_NODES));
    public static final ParamDef<Integer> PGPOOL_PORT = register(integer("pgpool_port", 9999, 1024, 65535, RELOAD, SUPPORTED).indexed(MAX_WATCHDOG_NODES));
    public static final ParamDef<String> HOSTNAME = register(string("hostname", "localhost", RELOAD, SUPPORTED).indexed(MAX_WATCHDOG_NODES));
    public static final ParamDef<Integer> WD_PRIORITY = register(integer("wd_priority", 1, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Duration> WD_INTERVAL = register(time("wd_interval", TimeBase.SECONDS, 10, 0, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Duration> WD_LOST_NODE_REMOVAL_TIMEOUT = register(time("wd_lost_node_removal_timeout", TimeBase.SECONDS, 0, 0, Integer.MAX_VALUE, RELOAD, PLANNED));
    public static final ParamDef<Duration> WD_NO_SHOW_NODE_REMOVAL_TIMEOUT = register(time("wd_no_show_node_removal_timeout", TimeBase.SECONDS, 0, 0, Integer.MAX_VALUE, RELOAD, PLANNED));
    public static final ParamDef<Integer> WD_LIFE_POINT = register(integer("wd_life_point", 3, 0, Integer.MAX_VALUE, RESTART, PLANNED));
    public static final ParamDef<Duration> WD_HEARTBEAT_KEEPALIVE = register(time("wd_heartbeat_keepalive", TimeBase.SECONDS, 2, 1, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<Duration> WD_HEARTBEAT_DEADTIME = register(time("wd_heartbeat_deadtime", TimeBase.SECONDS, 30, 1, Integer.MAX_VALUE, RESTART, SUPPORTED));
    public static final ParamDef<LifecheckMethod> WD_LIFECHECK_METHOD = register(choice("wd_lifecheck_method", LifecheckMethod.class, LifecheckMethod.HEARTBEAT, RESTART, SUPPORTED));

    // Watchdog lifecheck
    public static final ParamDef<Integer> HEARTBEAT_PORT = register(integer("heartbeat_port", 9694, 1024, 65535, RELOAD, SUPPORTED).indexed(MAX_HEARTBEATS));
    public static final ParamDef<String> HEARTBEAT_HOSTNAME = register(string("heartbeat_hostname", "", RELOAD, SUPPORTED).indexed(MAX_HEARTBEATS));
    public static final ParamDef<String> HEARTBEAT_DEVICE = register(string("heartbeat_device", "", RELOAD, PLANNED).indexed(MAX_HEARTBEATS));

    // Load balancing
    public static final ParamDef<Boolean> LOAD_BALANCE_MODE = register(bool("load_balance_mode", true, RESTART, SUPPORTED));
    public static final ParamDef<Boolean> IGNORE_LEADING_WHITE_SPACE = register(bool("ignore_leading_white_space", true, RELOAD, PLANNED));
    public static final ParamDef<Boolean> ALLOW_SQL_COMMENTS = register(bool("allow_sql_comments", false, SESSION, SUPPORTED));
    public static final ParamDef<Boolean> STATEMENT_LEVEL_LOAD_BALANCE = register(bool("statement_level_load_balance", false, RELOAD, SUPPORTED));
    public static final ParamDef<LoadBalanceOnWrite> DISABLE_LOAD_BALANCE_ON_WRITE = register(choice("disable_load_balance_on_write", LoadBalanceOnWrite.class, LoadBalanceOnWrite.TRANSACTION, RELOAD, SUPPORTED));
    public static final ParamDef<RelcacheQueryTarget> RELCACHE_QUERY_TARGET = register(choice("relcache_query_target", RelcacheQueryTarget.class, RelcacheQueryTarget.PRIMARY, RELOAD, UNSUPPORTED).note("raftpool keeps no relation cache"));

    // Streaming replication check
    public static final ParamDef<Boolean> PREFER_LOWER_DELAY_STANDBY = register(bool("prefer_lower_delay_standby", false, RELOAD, PLANNED));
    public static final ParamDef<String> DATABASE_REDIRECT_PREFERENCE_LIST = register(string("database_redirect_preference_list", "", RELOAD, PLANNED));
    public static final ParamDef<String> APP_NAME_REDIRECT_PREFERENCE_LIST = register(string("app_name_redirect_preference_list", "", RELOAD, PLANNED));
    public static final ParamDef<String> DML_ADAPTIVE_OBJECT_RELATIONSHIP_LIST = register(string("dml_adaptive_object_relationship_list", "", RELOAD, UNSUPPORTED));
    public static final ParamDef<String> SR_CHECK_USER = register(string("sr_check_user", "nobody", RELOAD, SUPPORTED));
    public static final ParamDef<String> SR_CHECK_PASSWORD = register(string("sr_check_password", "", RELOAD, SUPPORTED).secret());
    public static final ParamDef<String> SR_CHECK_DATABASE = register(string("sr_check_database", "postgres", RELOAD, SUPPORTED));
    public static final ParamDef<Long> DELAY_THRESHOLD = register(size("delay_threshold", SizeBase.BYTES, 0, 0, Long.MAX_VALUE, RELOAD, PLANNED));
    public static final ParamDef<Duration> SR_CHECK_PERIOD = register(time("sr_check_period", TimeBase.SECONDS, 10, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED));

    // Native replication mode
    public static final ParamDef<Boolean> REPLICATION_STOP_ON_MISMATCH = register(bool("replication_stop_on_mismatch", false, RELOAD, UNSUPPORTED).note("native replication mode only"));
    public static final ParamDef<Boolean> FAILOVER_IF_AFFECTED_TUPLES_MISMATCH = register(bool("failover_if_affected_tuples_mismatch", false, RELOAD, UNSUPPORTED).note("native replication mode only"));
    public static final ParamDef<Boolean> REPLICATE_SELECT = register(bool("replicate_select", false, RELOAD, UNSUPPORTED).note("native replication mode only"));
    public static final ParamDef<Boolean> INSERT_LOCK = register(bool("insert_lock", true, RELOAD, UNSUPPORTED).note("native replication mode only"));
    public static final ParamDef<String> LOBJ_LOCK_TABLE = register(string("lobj_lock_table", "", RELOAD, UNSUPPORTED).note("native replication mode only"));

    // Clustering mode
    public static final ParamDef<ClusteringMode> BACKEND_CLUSTERING_MODE = register(choice("backend_clustering_mode", ClusteringMode.class, ClusteringMode.STREAMING_REPLICATION, RESTART, SUPPORTED));
    public static final ParamDef<LogStandbyDelay> LOG_STANDBY_DELAY = register(choice("log_standby_delay", LogStandbyDelay.class, LogStandbyDelay.IF_OVER_THRESHOLD, RELOAD, PLANNED));

    // Query and relation caches
    public static final ParamDef<Boolean> MEMORY_CACHE_ENABLED = register(bool("memory_cache_enabled", false, RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<Boolean> ENABLE_SHARED_RELCACHE = register(bool("enable_shared_relcache", true, RESTART, UNSUPPORTED).note("raftpool keeps no relation cache"));
    public static final ParamDef<Boolean> MEMQCACHE_AUTO_CACHE_INVALIDATION = register(bool("memqcache_auto_cache_invalidation", true, RELOAD, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<String> MEMQCACHE_OIDDIR = register(string("memqcache_oiddir", "/var/log/pgpool/oiddir", RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<String> MEMQCACHE_MEMCACHED_HOST = register(string("memqcache_memcached_host", "localhost", RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<List<String>> CACHE_SAFE_MEMQCACHE_TABLE_LIST = register(list("cache_safe_memqcache_table_list", ",", "", RELOAD, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<List<String>> CACHE_UNSAFE_MEMQCACHE_TABLE_LIST = register(list("cache_unsafe_memqcache_table_list", ",", "", RELOAD, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<Duration> RELCACHE_EXPIRE = register(time("relcache_expire", TimeBase.SECONDS, 0, 0, Long.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool keeps no relation cache"));
    public static final ParamDef<Long> MEMQCACHE_TOTAL_SIZE = register(size("memqcache_total_size", SizeBase.BYTES, 67108864L, 0, Long.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<Integer> RELCACHE_SIZE = register(integer("relcache_size", 256, 0, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool keeps no relation cache"));
    public static final ParamDef<Integer> MEMQCACHE_MEMCACHED_PORT = register(integer("memqcache_memcached_port", 11211, 0, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<Integer> MEMQCACHE_MAX_NUM_CACHE = register(integer("memqcache_max_num_cache", 1000000, 0, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<Duration> MEMQCACHE_EXPIRE = register(time("memqcache_expire", TimeBase.SECONDS, 0, 0, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<Long> MEMQCACHE_MAXCACHE = register(size("memqcache_maxcache", SizeBase.BYTES, 409600, 0, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<Long> MEMQCACHE_CACHE_BLOCK_SIZE = register(size("memqcache_cache_block_size", SizeBase.BYTES, 1048576, 512, Integer.MAX_VALUE, RESTART, UNSUPPORTED).note("raftpool has no query cache"));
    public static final ParamDef<MemqcacheMethod> MEMQCACHE_METHOD = register(choice("memqcache_method", MemqcacheMethod.class, MemqcacheMethod.SHMEM, RESTART, UNSUPPORTED).note("raftpool has no query cache"));

    // SSL
    public static final ParamDef<Boolean> SSL = register(bool("ssl", false, RESTART, SUPPORTED));
    public static final ParamDef<Boolean> SSL_PREFER_SERVER_CIPHERS = register(bool("ssl_prefer_server_ciphers", false, RESTART, UNSUPPORTED));
    public static final ParamDef<String> SSL_CERT = register(string("ssl_cert", "", RESTART, SUPPORTED));
    public static final ParamDef<String> SSL_KEY = register(string("ssl_key", "", RESTART, SUPPORTED));
    public static final ParamDef<String> SSL_CA_CERT = register(string("ssl_ca_cert", "", RESTART, PLANNED));
    public static final ParamDef<String> SSL_CA_CERT_DIR = register(string("ssl_ca_cert_dir", "", RESTART, PLANNED));
    public static final ParamDef<String> SSL_CRL_FILE = register(string("ssl_crl_file", "", RESTART, PLANNED));
    public static final ParamDef<String> SSL_CIPHERS = register(string("ssl_ciphers", "HIGH:MEDIUM:+3DES:!aNULL", RESTART, PLANNED));
    public static final ParamDef<String> SSL_ECDH_CURVE = register(string("ssl_ecdh_curve", "prime256v1", RESTART, UNSUPPORTED));
    public static final ParamDef<String> SSL_DH_PARAMS_FILE = register(string("ssl_dh_params_file", "", RESTART, UNSUPPORTED));
    public static final ParamDef<String> SSL_PASSPHRASE_COMMAND = register(string("ssl_passphrase_command", "", RESTART, UNSUPPORTED));

    // General
    public static final ParamDef<Boolean> CHECK_UNLOGGED_TABLE = register(bool("check_unlogged_table", true, SESSION, PLANNED));
    public static final ParamDef<Boolean> ALLOW_CLEAR_TEXT_FRONTEND_AUTH = register(bool("allow_clear_text_frontend_auth", false, RELOAD, SUPPORTED));
    public static final ParamDef<CheckTempTable> CHECK_TEMP_TABLE = register(choice("check_temp_table", CheckTempTable.class, CheckTempTable.CATALOG, RELOAD, PLANNED));

    // Files
    public static final ParamDef<String> PID_FILE_NAME = register(string("pid_file_name", "/var/run/pgpool/pgpool.pid", RESTART, PLANNED));
    public static final ParamDef<String> POOL_PASSWD = register(string("pool_passwd", "pool_passwd", RESTART, SUPPORTED));

    // Added in Pgpool-II 4.4 (accepted so that a 4.4 configuration loads)
    public static final ParamDef<String> TRUSTED_SERVER_COMMAND = register(string("trusted_server_command", "ping -q -c3 %h", RELOAD, SUPPORTED));
    public static final ParamDef<Duration> DELAY_THRESHOLD_BY_TIME = register(time("delay_threshold_by_time", TimeBase.SECONDS, 0, 0, Integer.MAX_VALUE, RELOAD, PLANNED));
    public static final ParamDef<String> UNIX_SOCKET_GROUP = register(string("unix_socket_group", "", RESTART, UNSUPPORTED));
    public static final ParamDef<Integer> UNIX_SOCKET_PERMISSIONS = register(integer("unix_socket_permissions", 0777, 0, 0777, RESTART, UNSUPPORTED));
    public static final ParamDef<ProcessManagementMode> PROCESS_MANAGEMENT_MODE = register(choice("process_management_mode", ProcessManagementMode.class, ProcessManagementMode.STATIC, RELOAD, UNSUPPORTED).note("raftpool has no child processes to manage"));
    public static final ParamDef<ProcessManagementStrategy> PROCESS_MANAGEMENT_STRATEGY = register(choice("process_management_strategy", ProcessManagementStrategy.class, ProcessManagementStrategy.GENTLE, RELOAD, UNSUPPORTED).note("raftpool has no child processes to manage"));
    public static final ParamDef<Integer> MIN_SPARE_CHILDREN = register(integer("min_spare_children", 5, 1, Integer.MAX_VALUE, RELOAD, UNSUPPORTED).note("raftpool has no child processes to manage"));
    public static final ParamDef<Integer> MAX_SPARE_CHILDREN = register(integer("max_spare_children", 10, 1, Integer.MAX_VALUE, RELOAD, UNSUPPORTED).note("raftpool has no child processes to manage"));

    // raftpool's own parameters, written like Pgpool-II's
    public static final ParamDef<Duration> FAILOVER_COMMAND_TIMEOUT = register(time("failover_command_timeout", TimeBase.SECONDS, 300, 0, Integer.MAX_VALUE, RELOAD, SUPPORTED).note("how long failover_command, follow_primary_command and failback_command may run before they are killed; 0 for no limit"));
    public static final ParamDef<String> RAFT_STORAGE_DIR = register(string("raft_storage_dir", "", RESTART, SUPPORTED).note("where the Raft log and snapshots are kept; empty: raftpool_raft in logdir"));
    public static final ParamDef<Integer> IO_THREADS = register(integer("io_threads", 0, 0, 1024, RESTART, SUPPORTED).note("event-loop threads serving the client and backend connections (Pgpool-II forks a process per client instead); 0: half the CPUs, at least one, which leaves the other half to the kernel's network work"));
    public static final ParamDef<Long> MAX_MESSAGE_SIZE = register(size("max_message_size", SizeBase.BYTES, 0x3fffffffL, 8192, 0x3fffffffL, RELOAD, SUPPORTED).note("the largest protocol message accepted from a client or a backend, length field included; a larger one ends that connection with a FATAL 08P01 error; default PostgreSQL's own limit, 1 GB - 1; new connections only"));
    public static final ParamDef<Long> MAX_STARTUP_PACKET_SIZE = register(size("max_startup_packet_size", SizeBase.BYTES, 10000, 64, 10000, RELOAD, SUPPORTED).note("the largest startup packet accepted from a client; default and upper bound PostgreSQL's own limit, 10000 bytes; new connections only"));
    public static final ParamDef<Duration> RAFT_ELECTION_TIMEOUT = register(time("raft_election_timeout", TimeBase.MILLISECONDS, 500, 100, 60000, RESTART, SUPPORTED).note("how long a watchdog member waits without hearing the Raft leader before it stands for election (randomised up to twice this); the leader gives the delegate IP up after three quarters of it without a quorum"));
}
