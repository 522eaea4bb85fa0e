package io.raftpool.conf.hba;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.raftpool.conf.ConfigProblem;

/** Turns the fields of one pool_hba.conf line into a rule, reporting every problem it finds. */
final class HbaLineParser {
    /** PostgreSQL methods that Pgpool-II 4.3 does not offer. */
    private static final Set<String> POSTGRESQL_ONLY_METHODS = Set.of("ident", "peer", "gss", "sspi", "radius", "bsd");

    private final Path file;
    private final int lineNo;
    private final List<ConfigProblem> problems;
    private final List<List<HbaToken>> fields;
    private boolean failed;
    private int next;

    HbaLineParser(Path file, int lineNo, List<List<HbaToken>> fields, List<ConfigProblem> problems) {
        this.file = file;
        this.lineNo = lineNo;
        this.fields = fields;
        this.problems = problems;
    }

    void error(String subject, String message) {
        problems.add(ConfigProblem.error(file, lineNo, subject, message));
        failed = true;
    }

    void warning(String subject, String message) {
        problems.add(ConfigProblem.warning(file, lineNo, subject, message));
    }

    /** The rule, or {@code null} if the line has errors (all of them reported). */
    HbaRule parse() {
        HbaToken typeToken = single(fields.get(0), "record type");
        next = 1;
        Optional<HbaRecordType> type = HbaRecordType.fromKeyword(typeToken.text());
        if (type.isEmpty()) {
            error("record type \"" + typeToken.text() + "\"", "unknown record type"
                    + NearMiss.hint(typeToken.text(), HbaRecordType.keywords()) + "; allowed: "
                    + String.join(", ", HbaRecordType.keywords()));
            return null;
        }
        String form = type.get() == HbaRecordType.LOCAL ? "local DATABASE USER METHOD [OPTIONS]"
                : type.get().keyword() + " DATABASE USER ADDRESS [NETMASK] METHOD [OPTIONS]";
        List<HbaToken> databases = field("database", form);
        List<HbaToken> users = databases == null ? null : field("user", form);
        if (users == null) {
            return null;
        }
        checkNames(databases, true);
        checkNames(users, false);
        AddressMatch address = null;
        if (type.get() == HbaRecordType.LOCAL) {
            rejectLocalAddress();
        } else {
            address = address(form);
        }
        if (failed) {
            return null;
        }
        List<HbaToken> methodField = field("authentication method", form);
        if (methodField == null) {
            return null;
        }
        AuthMethod method = method(single(methodField, "authentication method"));
        if (method == null) {
            return null;
        }
        List<HbaToken> optionTokens = fields.subList(next, fields.size()).stream().flatMap(List::stream).toList();
        Map<String, String> options = HbaOptions.parse(this, method, optionTokens);
        return failed ? null : new HbaRule(lineNo, type.get(), databases, users, address, method, options);
    }

    /** The next field, or null after reporting that the line ended too early. */
    private List<HbaToken> field(String what, String form) {
        if (next >= fields.size()) {
            error(null, "the line ends before the " + what + " field; expected: " + form);
            return null;
        }
        return fields.get(next++);
    }

    private HbaToken single(List<HbaToken> field, String what) {
        if (field.size() > 1) {
            error(what + " \"" + field.get(0).text() + "," + field.get(1).text() + "\"",
                    "only one " + what + " is allowed per line; write one line for each");
        }
        return field.get(0);
    }

    private void checkNames(List<HbaToken> tokens, boolean database) {
        String kind = database ? "database" : "user";
        for (HbaToken t : tokens) {
            String subject = kind + " \"" + t.text() + "\"";
            if (!t.quoted() && t.text().startsWith("@") && t.text().length() > 1) {
                error(subject, "including names from a file (@file) is not supported by raftpool;"
                        + " list the names on the line, separated by commas");
            } else if (database && (t.isKeyword("samerole") || t.isKeyword("samegroup"))) {
                warning(subject, "not supported by Pgpool-II, which does not know group membership: when the"
                        + " database list is searched up to this entry, the line does not match");
            } else if (!database && !t.quoted() && t.text().startsWith("+")) {
                warning(subject, "group membership (+group) is not supported by Pgpool-II: when the user list"
                        + " is searched up to this entry, the line does not match");
            }
        }
    }

    /** Catches {@code local all all 127.0.0.1/32 trust}: a field where the method should be, then a method. */
    private void rejectLocalAddress() {
        if (next + 1 < fields.size() && AuthMethod.fromKeyword(fields.get(next).get(0).text()).isEmpty()
                && AuthMethod.fromKeyword(fields.get(next + 1).get(0).text()).isPresent()) {
            error("address \"" + fields.get(next).get(0).text() + "\"", "local records (Unix-domain sockets)"
                    + " take no address; write local DATABASE USER METHOD, or use host for TCP/IP");
        }
    }

    private AddressMatch address(String form) {
        List<HbaToken> field = field("address", form);
        if (field == null) {
            return null;
        }
        HbaToken token = single(field, "address");
        if (AuthMethod.fromKeyword(token.text()).isPresent() && next >= fields.size() && !token.quoted()) {
            error(null, "the line ends before the authentication method; \"" + token.text() + "\" stands where"
                    + " the address belongs; expected: " + form);
            return null;
        }
        AddressParser.Result result = AddressParser.parse(token, next < fields.size() ? fields.get(next) : null);
        if (result.error() != null) {
            error("address \"" + result.subject() + "\"", result.error());
            return null;
        }
        if (result.warning() != null) {
            warning("address \"" + result.subject() + "\"", result.warning());
        }
        next += result.fieldsUsed() - 1;
        return result.match();
    }

    private AuthMethod method(HbaToken token) {
        Optional<AuthMethod> method = AuthMethod.fromKeyword(token.text());
        if (method.isPresent()) {
            return method.get();
        }
        String subject = "authentication method \"" + token.text() + "\"";
        String allowed = "; allowed: " + String.join(", ", AuthMethod.keywords());
        if (POSTGRESQL_ONLY_METHODS.contains(token.text())) {
            error(subject, "a PostgreSQL method that Pgpool-II does not support" + allowed);
        } else {
            error(subject, "unknown method" + NearMiss.hint(token.text(), AuthMethod.keywords()) + allowed);
        }
        return null;
    }
}
