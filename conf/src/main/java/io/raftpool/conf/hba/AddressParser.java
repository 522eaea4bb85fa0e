package io.raftpool.conf.hba;

import java.util.List;

/**
 * Reads the address field of a host rule: {@code all}, {@code samehost}, {@code samenet}, an IP address
 * with a CIDR length, an IP address followed by a netmask field, or a host name.
 */
final class AddressParser {

    /**
     * What the field means, or why it is wrong.
     *
     * @param match      the address match, or null on error
     * @param fieldsUsed 1, or 2 when a separate netmask field was read
     * @param subject    the text to name in a problem
     * @param error      what is wrong, or null
     * @param warning    a remark on a usable address, or null
     */
    record Result(AddressMatch match, int fieldsUsed, String subject, String error, String warning) {
        static Result ok(AddressMatch match, int fieldsUsed, String subject, String warning) {
            return new Result(match, fieldsUsed, subject, null, warning);
        }

        static Result error(String subject, String error) {
            return new Result(null, 1, subject, error, null);
        }
    }

    private AddressParser() {
    }

    /**
     * Parses {@code token}; {@code maskField} is the field after it (or null at the end of the line), read
     * as a netmask when the address is a bare IP address.
     */
    static Result parse(HbaToken token, List<HbaToken> maskField) {
        String text = token.text();
        if (token.isKeyword("all")) {
            return Result.ok(new AddressMatch.All(), 1, text, null);
        } else if (token.isKeyword("samehost")) {
            return Result.ok(new AddressMatch.SameHost(), 1, text, null);
        } else if (token.isKeyword("samenet")) {
            return Result.ok(new AddressMatch.SameNet(), 1, text, null);
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] address = IpLiterals.parse(host);
        if (address == null) {
            return hostname(text, host, slash >= 0);
        }
        String family = address.length == 4 ? "IPv4" : "IPv6";
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            int max = address.length * 8;
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(bits) > max) {
                return Result.error(text, "invalid CIDR mask length \"" + bits + "\"; allowed: 0 to " + max
                        + " for an " + family + " address");
            }
            return range(text, address, IpRange.maskOfLength(address.length, Integer.parseInt(bits)), 1);
        }
        if (maskField == null || AuthMethod.fromKeyword(maskField.get(0).text()).isPresent()) {
            return Result.error(text, "an IP address needs a mask: write " + text + "/" + address.length * 8
                    + " for this one host, a CIDR range such as " + (address.length == 4 ? "10.0.0.0/8" : "fe80::/10")
                    + ", or the netmask in the next field");
        }
        if (maskField.size() > 1) {
            return Result.error(text, "only one netmask is allowed, found \"" + maskField.get(0).text() + ","
                    + maskField.get(1).text() + "\"");
        }
        String maskText = maskField.get(0).text();
        byte[] mask = IpLiterals.parse(maskText);
        if (mask == null) {
            return Result.error(text, "invalid netmask \"" + maskText + "\"; allowed: an " + family
                    + " netmask such as " + (address.length == 4 ? "255.255.255.0" : "ffff:ffff:ffff:ffff::"));
        }
        if (mask.length != address.length) {
            return Result.error(text, "the netmask \"" + maskText + "\" is not an " + family
                    + " address; the address and its netmask must be of the same family");
        }
        return range(text + " " + maskText, address, mask, 2);
    }

    private static Result range(String subject, byte[] address, byte[] mask, int fieldsUsed) {
        IpRange range = new IpRange(address, mask);
        String warning = null;
        if (range.prefixLength().isEmpty()) {
            warning = "the netmask is not a run of leading one bits; it is applied bit by bit, as Pgpool-II does";
        } else if (range.hasHostBits()) {
            byte[] network = address.clone();
            for (int i = 0; i < network.length; i++) {
                network[i] &= mask[i];
            }
            warning = "the address has bits set outside the mask, which are ignored; this matches "
                    + new IpRange(network, mask);
        }
        return Result.ok(range, fieldsUsed, subject, warning);
    }

    private static Result hostname(String text, String host, boolean hasSlash) {
        if (host.indexOf(':') >= 0) {
            return Result.error(text, "invalid IPv6 address \"" + host + "\"");
        }
        if (!host.isEmpty() && host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return Result.error(text, "invalid IPv4 address \"" + host + "\"; allowed: four numbers from 0 to 255"
                    + " without leading zeros, such as 192.168.0.1");
        }
        if (hasSlash) {
            return Result.error(text, "a host name cannot have a CIDR mask; use an IP address range such as"
                    + " 10.0.0.0/8, or the host name alone");
        }
        boolean valid = !host.isEmpty() && !host.equals(".") && host.chars()
                .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_');
        if (!valid) {
            return Result.error(text, "not an IP address, a host name, all, samehost or samenet");
        }
        return Result.ok(new AddressMatch.Hostname(host), 1, text, null);
    }
}
