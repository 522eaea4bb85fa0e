package io.raftpool.conf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The parameter types of pgpool.conf. */
public final class ParamTypes {
    private ParamTypes() {
    }

    /** on/off, true/false, yes/no, 1/0 and their unique prefixes, case-insensitive. */
    public static final ParamType<Boolean> BOOLEAN = new ParamType<>() {
        @Override
        public Boolean parse(String text) throws InvalidValueException {
            String s = Numbers.lower(text.strip());
            if (!s.isEmpty()) {
                if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on") || s.equals("1")) {
                    return true;
                }
                if ("false".startsWith(s) || "no".startsWith(s) || (s.length() >= 2 && "off".startsWith(s))
                        || s.equals("0")) {
                    return false;
                }
            }
            throw new InvalidValueException("invalid boolean \"" + text + "\"; expected " + allowed());
        }

        @Override
        public String format(Boolean value) {
            return value ? "on" : "off";
        }

        @Override
        public String allowed() {
            return "on, off, true, false, yes, no, 1 or 0";
        }
    };

    /** Free text. */
    public static final ParamType<String> STRING = new ParamType<>() {
        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public String allowed() {
            return "a string";
        }
    };

    /** An integer within [min, max], written in decimal, 0x-hex or 0-octal. */
    public static ParamType<Integer> integer(int min, int max) {
        return new IntType(min, max);
    }

    /** A time in a base unit, written with an optional unit: us, ms, s, min, h, d. */
    public static ParamType<Duration> time(TimeBase base, long min, long max) {
        return new TimeType(base, min, max);
    }

    /** A size in a base unit, written with an optional unit: B, kB, MB, GB, TB. Values are bytes. */
    public static ParamType<Long> size(SizeBase base, long min, long max) {
        return new SizeType(base, min, max);
    }

    /** A floating-point number within [min, max]. */
    public static ParamType<Double> real(double min, double max) {
        return new RealType(min, max);
    }

    /** A list of strings split on a separator, each item trimmed, empty items dropped. */
    public static ParamType<List<String>> list(String separator) {
        return new ListType(separator);
    }

    /** One of the constants of an enum, matched case-insensitively on {@link ConfigEnum#configName()}. */
    public static <E extends Enum<E> & ConfigEnum> ParamType<E> enumeration(Class<E> type) {
        return new EnumType<>(type);
    }

    /** The unit a time parameter counts in when a value has none. */
    public enum TimeBase {
        MILLISECONDS(1), SECONDS(1000), MINUTES(60_000);

        final long millis;

        TimeBase(long millis) {
            this.millis = millis;
        }
    }

    /** The unit a size parameter counts in when a value has none. */
    public enum SizeBase {
        BYTES(1), KILOBYTES(1024);

        final long bytes;

        SizeBase(long bytes) {
            this.bytes = bytes;
        }
    }

    record IntType(int min, int max) implements ParamType<Integer> {
        @Override
        public Integer parse(String text) throws InvalidValueException {
            long v;
            try {
                v = Numbers.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("invalid integer \"" + text + "\"; expected " + allowed());
            }
            if (v < min || v > max) {
                throw new InvalidValueException(v + " is out of range; expected " + allowed());
            }
            return (int) v;
        }

        @Override
        public String allowed() {
            return max == Integer.MAX_VALUE
                    ? "an integer of at least " + min
                    : "an integer from " + min + " to " + max;
        }
    }

    private static final Map<String, Double> TIME_UNITS_MS = Map.of(
            "us", 0.001, "ms", 1.0, "s", 1000.0, "min", 60_000.0, "h", 3_600_000.0, "d", 86_400_000.0);

    record TimeType(TimeBase base, long min, long max) implements ParamType<Duration> {
        @Override
        public Duration parse(String text) throws InvalidValueException {
            Numbers.WithUnit n;
            try {
                n = Numbers.splitUnit(text);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("invalid time \"" + text + "\"; expected " + allowed());
            }
            long inBase;
            if (n.unit().isEmpty()) {
                inBase = n.number().longValue();
            } else {
                Double unitMs = TIME_UNITS_MS.get(n.unit());
                if (unitMs == null) {
                    throw new InvalidValueException("invalid unit \"" + n.unit() + "\" in \"" + text
                            + "\"; valid units are us, ms, s, min, h and d");
                }
                inBase = n.number().multiply(BigDecimal.valueOf(unitMs))
                        .divide(BigDecimal.valueOf(base.millis), 0, RoundingMode.HALF_UP).longValue();
            }
            if (inBase < min || inBase > max) {
                throw new InvalidValueException("\"" + text + "\" is out of range; expected " + allowed());
            }
            return Duration.ofMillis(inBase * base.millis);
        }

        @Override
        public String format(Duration value) {
            return (value.toMillis() / base.millis) + suffix();
        }

        private String suffix() {
            return switch (base) {
                case MILLISECONDS -> "ms";
                case SECONDS -> "s";
                case MINUTES -> "min";
            };
        }

        @Override
        public String allowed() {
            String range = max >= Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
            return "a time " + range + " (in " + suffix() + " unless a unit is given: us, ms, s, min, h, d)";
        }
    }

    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "B", 1L, "kB", 1024L, "MB", 1024L * 1024, "GB", 1024L * 1024 * 1024, "TB", 1024L * 1024 * 1024 * 1024);

    record SizeType(SizeBase base, long min, long max) implements ParamType<Long> {
        @Override
        public Long parse(String text) throws InvalidValueException {
            Numbers.WithUnit n;
            try {
                n = Numbers.splitUnit(text);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("invalid size \"" + text + "\"; expected " + allowed());
            }
            long bytes;
            if (n.unit().isEmpty()) {
                bytes = n.number().longValue() * base.bytes;
            } else {
                Long unit = SIZE_UNITS.get(n.unit());
                if (unit == null) {
                    throw new InvalidValueException("invalid unit \"" + n.unit() + "\" in \"" + text
                            + "\"; valid units are B, kB, MB, GB and TB");
                }
                bytes = n.number().multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.HALF_UP).longValue();
            }
            long inBase = bytes / base.bytes;
            if (inBase < min || inBase > max) {
                throw new InvalidValueException("\"" + text + "\" is out of range; expected " + allowed());
            }
            return bytes;
        }

        @Override
        public String format(Long value) {
            return base == SizeBase.BYTES ? String.valueOf(value) : (value / base.bytes) + "kB";
        }

        @Override
        public String allowed() {
            String unit = base == SizeBase.BYTES ? "bytes" : "kB";
            String range = max >= Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
            return "a size " + range + " (in " + unit + " unless a unit is given: B, kB, MB, GB, TB)";
        }
    }

    record RealType(double min, double max) implements ParamType<Double> {
        @Override
        public Double parse(String text) throws InvalidValueException {
            double v;
            try {
                v = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new InvalidValueException("invalid number \"" + text + "\"; expected " + allowed());
            }
            if (!(v >= min && v <= max)) {
                throw new InvalidValueException(text.strip() + " is out of range; expected " + allowed());
            }
            return v;
        }

        @Override
        public String format(Double value) {
            return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
        }

        @Override
        public String allowed() {
            return "a number from " + format(min) + " to " + format(max);
        }
    }

    record ListType(String separator) implements ParamType<List<String>> {
        @Override
        public List<String> parse(String text) {
            List<String> items = new ArrayList<>();
            for (String item : text.split(java.util.regex.Pattern.quote(separator), -1)) {
                String trimmed = item.strip();
                if (!trimmed.isEmpty()) {
                    items.add(trimmed);
                }
            }
            return List.copyOf(items);
        }

        @Override
        public String format(List<String> value) {
            return String.join(separator, value);
        }

        @Override
        public String allowed() {
            return "a list separated by '" + separator + "'";
        }
    }

    record EnumType<E extends Enum<E> & ConfigEnum>(Class<E> type) implements ParamType<E> {
        @Override
        public E parse(String text) throws InvalidValueException {
            String s = text.strip();
            for (E constant : type.getEnumConstants()) {
                if (constant.configName().equalsIgnoreCase(s)) {
                    return constant;
                }
            }
            throw new InvalidValueException("invalid value \"" + text + "\"; expected one of " + allowed());
        }

        @Override
        public String format(E value) {
            return value.configName();
        }

        @Override
        public String allowed() {
            return Arrays.stream(type.getEnumConstants()).map(ConfigEnum::configName)
                    .collect(Collectors.joining(", "));
        }
    }

    /** Lower-case form of a constant name, the spelling most pgpool.conf enum values use. */
    static String configNameOf(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
