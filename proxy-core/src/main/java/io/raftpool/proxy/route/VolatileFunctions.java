package io.raftpool.proxy.route;

import java.util.Set;

/**
 * The {@code VOLATILE} functions of PostgreSQL's {@code pg_catalog} (taken from {@code pg_proc} of PostgreSQL 15,
 * plus the few volatile functions later releases added), minus internal handlers and binary-upgrade support.
 * With both function lists empty, Pgpool asks the catalog whether a called function is volatile and, if so, sends
 * the query to the primary; this list answers that question for built-in functions without a round trip. It holds
 * {@code nextval}, {@code setval}, {@code currval}, {@code lastval}, {@code random}, {@code pg_advisory_lock},
 * {@code pg_is_in_recovery} and friends.
 */
final class VolatileFunctions {

    private static final Set<String> NAMES = Set.of(
            "brin_desummarize_range", "brin_summarize_new_values", "brin_summarize_range", "clock_timestamp",
            "current_query", "currtid2", "currval", "cursor_to_xml", "cursor_to_xmlschema", "gen_random_uuid",
            "gin_clean_pending_list", "lastval", "lo_close", "lo_creat", "lo_create", "lo_export", "lo_from_bytea",
            "lo_get", "lo_import", "lo_lseek", "lo_lseek64", "lo_open", "lo_put", "lo_tell", "lo_tell64",
            "lo_truncate", "lo_truncate64", "lo_unlink", "loread", "lowrite", "nextval", "pg_advisory_lock",
            "pg_advisory_lock_shared", "pg_advisory_unlock", "pg_advisory_unlock_all", "pg_advisory_unlock_shared",
            "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared", "pg_backup_start", "pg_backup_stop",
            "pg_blocking_pids", "pg_cancel_backend", "pg_collation_actual_version", "pg_control_checkpoint",
            "pg_control_init", "pg_control_recovery", "pg_control_system", "pg_copy_logical_replication_slot",
            "pg_copy_physical_replication_slot", "pg_create_logical_replication_slot",
            "pg_create_physical_replication_slot", "pg_create_restore_point", "pg_current_logfile",
            "pg_current_wal_flush_lsn", "pg_current_wal_insert_lsn", "pg_current_wal_lsn",
            "pg_database_collation_actual_version", "pg_database_size", "pg_drop_replication_slot",
            "pg_export_snapshot", "pg_extension_config_dump", "pg_get_backend_memory_contexts",
            "pg_get_multixact_members", "pg_get_shmem_allocations", "pg_get_wal_replay_pause_state",
            "pg_get_wal_resource_managers", "pg_hba_file_rules", "pg_ident_file_mappings",
            "pg_import_system_collations", "pg_indexes_size", "pg_is_in_recovery", "pg_is_wal_replay_paused",
            "pg_jit_available", "pg_last_committed_xact", "pg_last_wal_receive_lsn", "pg_last_wal_replay_lsn",
            "pg_last_xact_replay_timestamp", "pg_lock_status", "pg_log_backend_memory_contexts",
            "pg_log_standby_snapshot", "pg_logical_emit_message", "pg_logical_slot_get_binary_changes",
            "pg_logical_slot_get_changes", "pg_logical_slot_peek_binary_changes", "pg_logical_slot_peek_changes",
            "pg_ls_archive_statusdir", "pg_ls_dir", "pg_ls_logdir", "pg_ls_logicalmapdir", "pg_ls_logicalsnapdir",
            "pg_ls_replslotdir", "pg_ls_tmpdir", "pg_ls_waldir", "pg_nextoid", "pg_notification_queue_usage",
            "pg_notify", "pg_partition_ancestors", "pg_partition_tree", "pg_prepared_xact", "pg_promote",
            "pg_read_binary_file", "pg_read_file", "pg_read_file_old", "pg_relation_size", "pg_reload_conf",
            "pg_replication_origin_advance", "pg_replication_origin_create", "pg_replication_origin_drop",
            "pg_replication_origin_progress", "pg_replication_origin_session_is_setup",
            "pg_replication_origin_session_progress", "pg_replication_origin_session_reset",
            "pg_replication_origin_session_setup", "pg_replication_origin_xact_reset",
            "pg_replication_origin_xact_setup", "pg_replication_slot_advance", "pg_rotate_logfile",
            "pg_rotate_logfile_old", "pg_safe_snapshot_blocking_pids", "pg_sequence_last_value",
            "pg_show_all_file_settings", "pg_show_replication_origin_status", "pg_sleep", "pg_sleep_for",
            "pg_sleep_until", "pg_stat_clear_snapshot", "pg_stat_file", "pg_stat_force_next_flush",
            "pg_stat_get_recovery_prefetch", "pg_stat_get_xact_blocks_fetched", "pg_stat_get_xact_blocks_hit",
            "pg_stat_get_xact_function_calls", "pg_stat_get_xact_function_self_time",
            "pg_stat_get_xact_function_total_time", "pg_stat_get_xact_numscans", "pg_stat_get_xact_tuples_deleted",
            "pg_stat_get_xact_tuples_fetched", "pg_stat_get_xact_tuples_hot_updated",
            "pg_stat_get_xact_tuples_inserted", "pg_stat_get_xact_tuples_returned",
            "pg_stat_get_xact_tuples_updated", "pg_stat_have_stats", "pg_stat_reset",
            "pg_stat_reset_replication_slot", "pg_stat_reset_shared", "pg_stat_reset_single_function_counters",
            "pg_stat_reset_single_table_counters", "pg_stat_reset_slru", "pg_stat_reset_subscription_stats",
            "pg_switch_wal", "pg_sync_replication_slots", "pg_table_size", "pg_tablespace_size",
            "pg_terminate_backend", "pg_total_relation_size", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
            "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared", "pg_wal_replay_pause",
            "pg_wal_replay_resume", "pg_xact_commit_timestamp", "pg_xact_commit_timestamp_origin", "pg_xact_status",
            "query_to_xml", "query_to_xml_and_xmlschema", "query_to_xmlschema", "random", "random_normal",
            "set_config", "setseed", "setval", "timeofday", "ts_rewrite", "ts_stat", "txid_status");

    private VolatileFunctions() {
    }

    /** Whether {@code function}, unqualified or qualified with {@code pg_catalog}, is a built-in volatile function. */
    static boolean isBuiltIn(QualifiedName function) {
        return (function.schema() == null || function.schema().equals("pg_catalog")) && NAMES.contains(function.name());
    }
}
