package org.povertyalleviation.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A benchmark's {@code --name=value} command line, the same for every benchmark under bench/. */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * The options given, by name.
     *
     * @throws Usage for {@code --help}, an argument that is not {@code --name=value}, or a name not in {@code known}
     */
    public static Map<String, String> options(String[] args, Set<String> known) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new Usage("");
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new Usage("Unknown argument " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new Usage("Unknown option --" + name);
            }
        }
        return options;
    }

    /** Whole seconds, with or without a trailing {@code s}; the default when not given. */
    public static Duration seconds(String value, int defaultSeconds) {
        if (value == null) {
            return Duration.ofSeconds(defaultSeconds);
        }
        String digits = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
        return Duration.ofSeconds(Long.parseLong(digits));
    }

    /**
     * The settings {@code parse} makes of the command line; on a wrong one prints the reason and the usage and exits
     * with 2 ({@code --help}: the usage, exit 0). Nothing has started yet then.
     */
    public static <S> S parseOrExit(String[] args, Function<String[], S> parse, String usage) {
        try {
            return parse.apply(args);
        } catch (Usage e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(usage);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            throw e;
        } catch (NumberFormatException e) {
            System.err.println("Not a number: " + e.getMessage());
            System.err.print(usage);
            System.exit(2);
            throw e;
        }
    }

    /** A wrong command line: the message and the usage are printed, nothing is started. */
    public static final class Usage extends RuntimeException {
        public Usage(String message) {
            super(message);
        }
    }
}
