package io.raftpool.conf.hba;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.raftpool.conf.ConfigProblem;
import io.raftpool.conf.TextFile;

/**
 * Reads pool_hba.conf, Pgpool-II's copy of PostgreSQL's pg_hba.conf format, collecting every problem
 * rather than stopping at the first. Never throws for bad content.
 */
public final class HbaFile {
    private HbaFile() {
    }

    /** Reads and checks {@code file}; a file that cannot be read is one error problem. */
    public static HbaLoadResult load(Path file) {
        TextFile.Read read = TextFile.read(file);
        return read.ok() ? parse(read.text(), file) : unreadable(file, read.whyNot());
    }

    /**
     * Checks the text of a pool_hba.conf file.
     *
     * @param text            the file's content
     * @param nameForMessages the file name to give in problems
     */
    public static HbaLoadResult parse(String text, Path nameForMessages) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<HbaRule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            HbaTokenizer.Fields fields = HbaTokenizer.split(lines[i]);
            if (fields.error() != null) {
                problems.add(ConfigProblem.error(nameForMessages, i + 1, null, fields.error()));
            } else if (!fields.fields().isEmpty()) {
                HbaRule rule = new HbaLineParser(nameForMessages, i + 1, fields.fields(), problems).parse();
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        boolean errors = problems.stream().anyMatch(ConfigProblem::isError);
        if (!errors && rules.isEmpty()) {
            problems.add(ConfigProblem.error(nameForMessages, 0, null,
                    "the file contains no rules, so every connection would be rejected"));
            errors = true;
        }
        return new HbaLoadResult(errors ? null : HbaRules.of(rules), problems);
    }

    private static HbaLoadResult unreadable(Path file, String why) {
        return new HbaLoadResult(null, List.of(ConfigProblem.error(file, 0, null,
                "cannot read pool_hba.conf \"" + file + "\": " + why)));
    }
}
