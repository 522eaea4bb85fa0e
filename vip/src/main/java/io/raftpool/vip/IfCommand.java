package io.raftpool.vip;

import io.raftpool.conf.command.CommandTemplate;

/**
 * Turns if_up_cmd, if_down_cmd or arping_cmd, as configured, into a command template, following Pgpool-II
 * 4.3 (wd_if.c):
 *
 * <ul>
 * <li>The program is the first word of the command, words being separated by spaces. When it does not start
 * with {@code /}, it is looked up in the configured directory (if_cmd_path or arping_path): the directory, a
 * {@code /}, and the word. Nothing else is searched (no PATH).</li>
 * <li>{@code $_IP_$} stands for delegate_IP wherever it occurs. No other placeholder exists in these
 * commands, so a {@code %} is an ordinary character (Pgpool-II's %-placeholders belong to other commands).</li>
 * <li>An empty command cannot be run: Pgpool-II reports it as a command it cannot parse, and so does
 * {@link #template}, by returning {@code null}.</li>
 * </ul>
 *
 * <p>One difference: Pgpool-II splits these commands on spaces and executes them without a shell, while
 * raftpool runs every external command under {@code /bin/sh -c}. A command written for Pgpool-II works
 * unchanged unless it relies on shell characters (quotes, {@code $}, {@code ;}) being passed literally.
 */
final class IfCommand {

    private IfCommand() {
    }

    /**
     * The command to run.
     *
     * @param name       the parameter, for logs ("if_up_cmd")
     * @param configured the command as configured
     * @param directory  where a program given without a leading {@code /} is looked up (if_cmd_path)
     * @return the template, or {@code null} when the command is empty
     */
    static CommandTemplate template(String name, String configured, String directory) {
        int start = 0;
        while (start < configured.length() && configured.charAt(start) == ' ') {
            start++;
        }
        if (start == configured.length()) {
            return null;
        }
        String command = configured.substring(start);
        String line = command.startsWith("/") ? command : shellWord(directory + "/") + command;
        return CommandTemplate.of(name, line);
    }

    /** The directory as one shell word: quoted only when it holds characters the shell would read. */
    private static String shellWord(String text) {
        if (text.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-+:@,".indexOf(c) >= 0)) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
