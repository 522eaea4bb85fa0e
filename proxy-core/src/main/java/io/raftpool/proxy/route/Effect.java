package io.raftpool.proxy.route;

/** What running a statement does to the session or the database, beyond returning rows. */
public enum Effect {
    /** {@code BEGIN} or {@code START TRANSACTION}. */
    BEGIN,
    /** A transaction start with {@code READ ONLY}. */
    BEGIN_READ_ONLY,
    /**
     * A transaction start with {@code READ WRITE}. Standbys reject it, so Pgpool sends a plain {@code BEGIN} to them
     * instead (it does the same for {@code BEGIN ... ISOLATION LEVEL SERIALIZABLE}; see {@link #SERIALIZABLE}).
     */
    BEGIN_READ_WRITE,
    /** {@code COMMIT}, {@code END}, {@code ROLLBACK} or {@code ABORT}: the transaction ends. */
    COMMIT_OR_ROLLBACK,
    /** {@code SAVEPOINT}, {@code RELEASE [SAVEPOINT]} or {@code ROLLBACK TO [SAVEPOINT]}. */
    SAVEPOINT,
    /** {@code SET TRANSACTION READ ONLY}, its session-characteristics form, or {@code SET transaction_read_only = on}. */
    SET_TRANSACTION_READ_ONLY,
    /** {@code SET TRANSACTION READ WRITE}, its session-characteristics form, or {@code SET transaction_read_only = off}. */
    SET_TRANSACTION_READ_WRITE,
    /**
     * The statement asks for the {@code SERIALIZABLE} isolation level: {@code BEGIN}/{@code START TRANSACTION},
     * {@code SET [SESSION CHARACTERISTICS AS] TRANSACTION}, or {@code SET [default_]transaction_isolation}.
     */
    SERIALIZABLE,
    /** The statement changes the database (data, schema, sequences, notifications...) and cannot run on a standby. */
    WRITE,
    /**
     * Pgpool's "writing query": after it, in an explicit transaction, Pgpool stops load balancing until the
     * transaction ends (with {@code disable_load_balance_on_write = transaction}). Pgpool sets it for every
     * statement except reads without writing functions, transaction start/end, {@code ROLLBACK TO}, two-phase
     * commit commands, {@code SET TRANSACTION READ ONLY} and its variants, and the {@code SERIALIZABLE} forms of
     * {@code SET}; so {@code SET}, {@code SAVEPOINT}, {@code PREPARE} and the like set it too.
     */
    SETS_WRITING_TRANSACTION,
    /** Creates a temporary relation, named in {@link Classification#tempTablesCreated()}. */
    CREATES_TEMP_TABLE,
    /** {@code DROP TABLE} (or view, sequence, materialized or foreign table) of the relations in {@link Classification#tablesReferenced()}. */
    DROPS_TABLE,
    /** SQL {@code PREPARE name AS ...}; the name is {@link Classification#preparedName()}. */
    PREPARE,
    /** SQL {@code EXECUTE name}; the name is {@link Classification#preparedName()}. */
    EXECUTE,
    /** {@code DEALLOCATE name}; the name is {@link Classification#preparedName()}. */
    DEALLOCATE,
    /** {@code DEALLOCATE ALL}. */
    DEALLOCATE_ALL,
    /** {@code DISCARD ALL}. */
    DISCARD_ALL,
    /** {@code DISCARD TEMP}/{@code TEMPORARY}: every temporary table of the session is dropped. */
    DISCARD_TEMP,
    /** {@code LISTEN} or {@code UNLISTEN}. */
    LISTEN,
    /**
     * {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED} or {@code ROLLBACK PREPARED}. They run on the primary
     * only; after one succeeds Pgpool closes any transaction still open on the standbys.
     */
    TWO_PHASE_COMMIT,
    /** The query string holds more than one statement. */
    MULTI_STATEMENT,
    /** Changes session settings: {@code SET} (any form), {@code RESET}, {@code DISCARD}. */
    SESSION_STATE
}
