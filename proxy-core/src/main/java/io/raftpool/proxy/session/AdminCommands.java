package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.raftpool.conf.ParamDef;
import io.raftpool.conf.Params;
import io.raftpool.conf.Setting;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.Messages;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL-level commands the proxy answers itself, as Pgpool-II does: SHOW pool_nodes, pool_version,
 * pool_processes, pool_pools, and PGPOOL SHOW.
 */
final class AdminCommands {
    private AdminCommands() {
    }

    /**
     * A result set, or an error.
     *
     * @param columns column names
     * @param rows    text values
     * @param tag     the CommandComplete tag
     * @param error   set when the command failed
     */
    record Result(List<String> columns, List<List<String>> rows, String tag, PgException error) {
        static Result rows(List<String> columns, List<List<String>> rows) {
            return new Result(columns, rows, "SELECT " + rows.size(), null);
        }

        static Result failed(PgException e) {
            return new Result(List.of(), List.of(), null, e);
        }
    }

    private static final Pattern PGPOOL_SHOW = Pattern.compile("pgpool\\s+show\\s+(\\w+)");
    private static final Pattern PGPOOL_SET = Pattern.compile(
            "\\s*pgpool\\s+set\\s+(\\w+)\\s*(?:=|\\s+to\\s+)\\s*(.*?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern PGPOOL_RESET = Pattern.compile("pgpool\\s+reset\\s+(\\w+)");

    /** True when sql is a command the proxy answers itself (PGPOOL ..., SHOW pool_*), known or not. */
    static boolean isAdmin(String sql) {
        if (!mayBeAdmin(sql)) {
            return false;
        }
        String s = normalize(sql);
        return s.startsWith("show pool_") || s.startsWith("pgpool ");
    }

    /** The result of an admin command, or null when sql is not one. */
    static Result run(String sql, ProxyContext context, java.util.function.Supplier<SessionInfo> self,
            SessionParameters params) {
        if (!isAdmin(sql)) {
            return null;
        }
        String s = normalize(sql);
        switch (s) {
            case "show pool_nodes":
                return PoolReports.nodes(context, self.get());
            case "show pool_version":
                return Result.rows(List.of("pool_version"), List.of(List.of(PoolReports.version())));
            case "show pool_processes":
                return PoolReports.processes(context);
            case "show pool_pools":
                return PoolReports.pools(context);
            default:
                break;
        }
        try {
            Matcher m = PGPOOL_SHOW.matcher(s);
            if (m.matches()) {
                String overridden = params.display(m.group(1));
                return overridden != null
                        ? new Result(List.of(m.group(1)), List.of(List.of(overridden)), "SHOW", null)
                        : pgpoolShow(m.group(1), context);
            }
            Matcher set = PGPOOL_SET.matcher(sql);
            if (set.matches()) {
                params.set(set.group(1), unquote(set.group(2)));
                return new Result(List.of(), List.of(), "SET", null);
            }
            Matcher reset = PGPOOL_RESET.matcher(s);
            if (reset.matches()) {
                params.reset(reset.group(1));
                return new Result(List.of(), List.of(), "RESET", null);
            }
        } catch (PgException e) {
            return Result.failed(e);
        }
        return Result.failed(PgException.error(SqlState.UNDEFINED_OBJECT,
                "unrecognized pool command \"" + sql.strip() + "\""));
    }

    private static Result pgpoolShow(String name, ProxyContext context) {
        List<Setting> all = context.config().effective();
        if (name.equals("all")) {
            List<List<String>> rows = new ArrayList<>();
            for (Setting st : all) {
                rows.add(List.of(st.name(), st.display(), st.def().support().name().toLowerCase(Locale.ROOT)));
            }
            return Result.rows(List.of("item", "value", "description"), rows);
        }
        for (Setting st : all) {
            if (st.name().equalsIgnoreCase(name)) {
                return new Result(List.of(st.name()), List.of(List.of(st.display())), "SHOW", null);
            }
        }
        for (ParamDef<?> def : Params.all()) {
            if (def.name().equalsIgnoreCase(name)) {
                return Result.failed(PgException.error(SqlState.UNDEFINED_OBJECT,
                        "configuration parameter \"" + name + "\" needs a node index"));
            }
        }
        return Result.failed(PgException.error(SqlState.UNDEFINED_OBJECT,
                "unrecognized configuration parameter \"" + name + "\""));
    }

    /** A cheap first look, run for every query: does it start with SHOW or PGPOOL at all? */
    private static boolean mayBeAdmin(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        char c = i < sql.length() ? (char) (sql.charAt(i) | 0x20) : ' ';
        return c == 's' && sql.regionMatches(true, i, "show", 0, 4) || c == 'p' && sql.regionMatches(true, i, "pgpool", 0, 6);
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    private static String normalize(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Answers a simple Query: RowDescription, DataRows, CommandComplete, ReadyForQuery. */
    static void writeSimple(Channel client, Result r, char txStatus) {
        if (r.error() != null) {
            client.write(Messages.errorResponse(client.alloc(), r.error()));
        } else {
            if (!r.columns().isEmpty()) {
                client.write(Messages.rowDescription(client.alloc(), r.columns()));
            }
            writeRows(client, r);
        }
        client.writeAndFlush(Messages.readyForQuery(client.alloc(), txStatus));
    }

    private static void writeRows(Channel client, Result r) {
        for (List<String> row : r.rows()) {
            client.write(Messages.dataRow(client.alloc(), row));
        }
        client.write(Messages.commandComplete(client.alloc(), r.tag()));
    }

    /** Answers an extended-protocol batch whose statement is an admin command, message by message. */
    static void writeExtended(Channel client, Result r, List<ByteBuf> frames, char txStatus, boolean sync) {
        boolean failed = false;
        for (ByteBuf f : frames) {
            byte type = Frames.type(f);
            if (failed && type != Frames.SYNC) {
                continue;
            }
            // the error ends the batch at its Parse, or at the Bind of a statement parsed earlier
            if (r.error() != null && type != Frames.CLOSE && type != Frames.SYNC) {
                client.write(Messages.errorResponse(client.alloc(), r.error()));
                failed = true;
                continue;
            }
            switch (type) {
                case Frames.PARSE -> client.write(Messages.empty(client.alloc(), Frames.PARSE_COMPLETE));
                case Frames.BIND -> client.write(Messages.empty(client.alloc(), Frames.BIND_COMPLETE));
                case Frames.DESCRIBE -> {
                    if (Frames.describeOrCloseTarget(f).charAt(0) == 'S') {
                        ByteBuf pd = client.alloc().buffer(7).writeByte('t').writeInt(6).writeShort(0);
                        client.write(pd);
                    }
                    client.write(r.columns().isEmpty() ? Messages.empty(client.alloc(), (byte) 'n')
                            : Messages.rowDescription(client.alloc(), r.columns()));
                }
                case Frames.EXECUTE -> writeRows(client, r);
                case Frames.CLOSE -> client.write(Messages.empty(client.alloc(), Frames.CLOSE_COMPLETE));
                case Frames.SYNC -> client.write(Messages.readyForQuery(client.alloc(), txStatus));
                default -> {
                }
            }
        }
        frames.forEach(ByteBuf::release);
        client.flush();
    }
}
