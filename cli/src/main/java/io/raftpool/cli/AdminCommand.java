package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminCallException;
import io.raftpool.watchdog.admin.AdminClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * What every admin subcommand does around its one call: check the options, find the password, call raftpool
 * with a deadline, and on failure print "ERROR: ..." on standard error and exit with status 1 (with
 * {@code --json}, also {@code {"ok":false,"error":{...}}} on standard output). Usage errors exit with 2.
 */
abstract class AdminCommand implements Callable<Integer> {
    /** The deadline of a call that only reads, or acts at once. */
    static final Duration QUICK = Duration.ofSeconds(30);

    @Mixin
    AdminOptions options;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Makes the call and prints its result on {@code out}. */
    abstract void run(AdminClient client, PrintWriter out);

    /** How long the call may take unless --timeout says otherwise. */
    Duration defaultTimeout() {
        return QUICK;
    }

    /** Checks the subcommand's own options before anything is sent; throws a ParameterException. */
    void validate() {
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (options.port < 1 || options.port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid port number \"" + options.port + "\": it must be between 1 and 65535");
        }
        if (options.timeoutSeconds != null && options.timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid timeout \"" + options.timeoutSeconds + "\": it must be a positive number of seconds");
        }
        validate();
        try {
            char[] password = options.password(err);
            try (AdminClient client = AdminClient.open(options.host, options.port, options.user(), password,
                    options.timeout(defaultTimeout()))) {
                Arrays.fill(password, '\0');
                run(client, out);
            }
            return 0;
        } catch (AdminCallException e) {
            return fail(out, err, e.reason().name(), e.getMessage());
        } catch (AdminUsageException e) {
            return fail(out, err, "NO_PASSWORD", e.getMessage());
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Prints {@code document} as one line of JSON. */
    static void printJson(PrintWriter out, Map<String, Object> document) {
        out.println(Json.write(document));
    }

    private int fail(PrintWriter out, PrintWriter err, String reason, String message) {
        err.println("ERROR: " + message);
        if (options.json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("reason", reason.toLowerCase(Locale.ROOT));
            error.put("message", message);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("ok", false);
            document.put("error", error);
            printJson(out, document);
        }
        return 1;
    }
}
