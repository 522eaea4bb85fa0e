package io.raftpool.conf.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command line from the configuration ({@code failover_command = '/etc/pgpool2/failover.sh %d %h ...'}),
 * turned into a process to run without ever building a shell string from runtime values.
 *
 * <p>The template is the operator's own text and may use shell syntax (redirections, pipes, quotes), as
 * with Pgpool-II, so it runs under {@code /bin/sh -c}. But each placeholder is replaced by a reference to a
 * positional parameter ({@code "${1}"}) and its value is passed as a separate argument: a host name, a
 * directory or an IP address can never be read by the shell as code. A placeholder inside single quotes
 * closes and reopens the quotes around the reference, so it expands as Pgpool-II would expand it.
 * {@code %%} stands for a literal {@code %}; a {@code %} followed by a letter that is not a placeholder is
 * kept as it is.
 */
public final class CommandTemplate {

    private static final String SHELL = "/bin/sh";
    private static final String PERCENT_LETTERS = "dhpDmHMPrRNS";

    private final String name;
    private final String template;

    private CommandTemplate(String name, String template) {
        this.name = Objects.requireNonNull(name);
        this.template = Objects.requireNonNull(template);
    }

    /**
     * A template.
     *
     * @param name     what the command is, for logs: usually the parameter's name ("failover_command")
     * @param template the command line as configured
     */
    public static CommandTemplate of(String name, String template) {
        return new CommandTemplate(name, template);
    }

    public String name() {
        return name;
    }

    public String template() {
        return template;
    }

    /** True when nothing is configured (an empty or blank template): there is nothing to run. */
    public boolean isEmpty() {
        return template.isBlank();
    }

    /** The process to run with these values. */
    public PreparedCommand prepare(Placeholders placeholders) {
        Map<String, String> values = placeholders.values();
        // Commands with no %-placeholders (if_up_cmd, the escalation commands) keep every % as written, as
        // Pgpool-II does: "date +%H:%M" in an if_up_cmd script line stays what it says.
        boolean percents = values.keySet().stream().anyMatch(k -> k.startsWith("%"));
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        StringBuilder display = new StringBuilder();
        char quote = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            String token = tokenAt(i, percents);
            if (token != null && !token.equals("%%")) {
                Integer pos = positions.get(token);
                if (pos == null) {
                    args.add(values.getOrDefault(token, ""));
                    pos = args.size();
                    positions.put(token, pos);
                }
                String ref = "${" + pos + "}";
                script.append(switch (quote) {
                    case '\'' -> "'\"" + ref + "\"'";
                    case '"' -> ref;
                    default -> "\"" + ref + "\"";
                });
                display.append(values.getOrDefault(token, ""));
                i += token.length();
                continue;
            }
            if (token != null) {
                script.append('%');
                display.append('%');
                i += 2;
                continue;
            }
            if (c == '\\' && quote != '\'' && i + 1 < template.length()) {
                script.append(c).append(template.charAt(i + 1));
                display.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if ((c == '\'' || c == '"') && (quote == 0 || quote == c)) {
                quote = quote == 0 ? c : 0;
            }
            script.append(c);
            display.append(c);
            i++;
        }
        List<String> argv = new ArrayList<>(List.of(SHELL, "-c", script.toString(), name));
        argv.addAll(args);
        return new PreparedCommand(name, argv, display.toString());
    }

    private String tokenAt(int i, boolean percents) {
        char c = template.charAt(i);
        if (percents && c == '%' && i + 1 < template.length()) {
            char next = template.charAt(i + 1);
            if (next == '%' || PERCENT_LETTERS.indexOf(next) >= 0) {
                return "%" + next;
            }
        }
        if (c == '$' && template.startsWith(Placeholders.DELEGATE_IP, i)) {
            return Placeholders.DELEGATE_IP;
        }
        return null;
    }

    @Override
    public String toString() {
        return name + " = '" + template + "'";
    }
}
