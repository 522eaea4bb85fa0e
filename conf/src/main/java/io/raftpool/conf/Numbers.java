package io.raftpool.conf;

import java.math.BigDecimal;
import java.util.Locale;

/** Number and unit parsing with PostgreSQL's and Pgpool-II's conventions. */
final class Numbers {
    private Numbers() {
    }

    /** A number split from its unit suffix: "10min" is 10 and "min". */
    record WithUnit(BigDecimal number, String unit) {
    }

    /**
     * Parses an integer the way strtol(base 0) does: decimal, {@code 0x} hex or leading-zero octal,
     * with an optional sign.
     */
    static long parseLong(String text) throws NumberFormatException {
        String s = text.strip();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        long magnitude;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            magnitude = Long.parseLong(s.substring(2), 16);
        } else if (s.length() > 1 && s.startsWith("0")) {
            magnitude = Long.parseLong(s.substring(1), 8);
        } else {
            magnitude = Long.parseLong(s, 10);
        }
        return negative ? -magnitude : magnitude;
    }

    /** Splits "30s" into 30 and "s"; a bare number has an empty unit. */
    static WithUnit splitUnit(String text) throws NumberFormatException {
        String s = text.strip();
        int end = s.length();
        while (end > 0 && Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        String number = s.substring(0, end).strip();
        String unit = s.substring(end);
        if (number.isEmpty()) {
            throw new NumberFormatException("no number");
        }
        BigDecimal value;
        if (unit.isEmpty() || !number.contains(".")) {
            value = BigDecimal.valueOf(parseLong(number));
        } else {
            value = new BigDecimal(number);
        }
        return new WithUnit(value, unit);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
