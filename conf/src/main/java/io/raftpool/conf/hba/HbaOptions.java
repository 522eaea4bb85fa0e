package io.raftpool.conf.hba;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks the {@code name=value} options after the method, which exist for {@code pam} and {@code ldap} only. */
final class HbaOptions {
    private static final List<String> PAM_OPTIONS = List.of("pamservice", "pam_use_hostname");
    private static final List<String> LDAP_OPTIONS = List.of("ldapurl", "ldaptls", "ldapscheme", "ldapserver",
            "ldapport", "ldapbinddn", "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter", "ldapbasedn",
            "ldapprefix", "ldapsuffix", "backend_use_passwd");
    private static final List<String> FLAG_OPTIONS = List.of("pam_use_hostname", "ldaptls", "backend_use_passwd");

    private final HbaLineParser line;
    private final AuthMethod method;
    private final Map<String, String> options = new LinkedHashMap<>();

    private HbaOptions(HbaLineParser line, AuthMethod method) {
        this.line = line;
        this.method = method;
    }

    /** The options of {@code tokens}, or {@code null} after reporting an error. */
    static Map<String, String> parse(HbaLineParser line, AuthMethod method, List<HbaToken> tokens) {
        HbaOptions parser = new HbaOptions(line, method);
        boolean ok = true;
        for (HbaToken token : tokens) {
            ok &= parser.add(token.text());
        }
        return ok && parser.checkLdapCombination() ? parser.options : null;
    }

    private boolean add(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            line.error("option \"" + text + "\"", "not in name=value form; options after the method are written"
                    + " like pamservice=pgpool");
            return false;
        }
        String name = text.substring(0, eq);
        String value = text.substring(eq + 1);
        String subject = "option \"" + name + "\"";
        List<String> allowed = method == AuthMethod.PAM ? PAM_OPTIONS : method == AuthMethod.LDAP ? LDAP_OPTIONS : List.of();
        if (!allowed.contains(name)) {
            String owner = PAM_OPTIONS.contains(name) ? "pam" : LDAP_OPTIONS.contains(name) ? "ldap" : null;
            if (owner != null) {
                line.error(subject, "is only valid for method \"" + owner + "\", not \"" + method.keyword() + "\"");
            } else {
                List<String> all = new java.util.ArrayList<>(PAM_OPTIONS);
                all.addAll(LDAP_OPTIONS);
                line.error(subject, "unknown option" + NearMiss.hint(name, all) + "; method \"" + method.keyword()
                        + "\" allows " + (allowed.isEmpty() ? "no options" : String.join(", ", allowed)));
            }
            return false;
        }
        if (options.containsKey(name)) {
            line.warning(subject, "given twice; the last value is used");
        }
        options.put(name, value);
        return checkValue(name, value, subject);
    }

    private boolean checkValue(String name, String value, String subject) {
        if (FLAG_OPTIONS.contains(name) && !value.equals("0") && !value.equals("1")) {
            line.warning(subject, "\"" + value + "\" is taken as 0 (off), as Pgpool-II does; allowed: 0 or 1");
        } else if (name.equals("ldapscheme") && !value.equals("ldap") && !value.equals("ldaps")) {
            line.error(subject, "invalid value \"" + value + "\"; allowed: ldap, ldaps");
            return false;
        } else if (name.equals("ldapport") && !isPort(value)) {
            line.error(subject, "invalid port \"" + value + "\"; allowed: a number from 1 to 65535");
            return false;
        }
        return true;
    }

    private static boolean isPort(String value) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535;
    }

    /** The same combination rules PostgreSQL applies to LDAP options. */
    private boolean checkLdapCombination() {
        if (method != AuthMethod.LDAP) {
            return true;
        }
        boolean simpleBind = options.containsKey("ldapprefix") || options.containsKey("ldapsuffix");
        List<String> searchOptions = List.of("ldapbasedn", "ldapbinddn", "ldapbindpasswd", "ldapsearchattribute",
                "ldapsearchfilter", "ldapurl");
        if (simpleBind && searchOptions.stream().anyMatch(options::containsKey)) {
            line.error("method \"ldap\"", "ldapprefix/ldapsuffix (simple bind) cannot be combined with "
                    + String.join(", ", searchOptions) + " (search and bind)");
            return false;
        }
        if (!simpleBind && !options.containsKey("ldapbasedn") && !options.containsKey("ldapurl")) {
            line.error("method \"ldap\"", "needs ldapbasedn (or ldapurl) for search and bind, or ldapprefix"
                    + " and/or ldapsuffix for simple bind");
            return false;
        }
        if (options.containsKey("ldapsearchattribute") && options.containsKey("ldapsearchfilter")) {
            line.error("method \"ldap\"", "ldapsearchattribute and ldapsearchfilter cannot both be given");
            return false;
        }
        return true;
    }
}
