package org.flatminima.cli;

import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import picocli.CommandLine.Option;

/**
 * The options every command spells the same way, as picocli mixins: the same names, ranges and help
 * wherever they appear. A command declares {@code @Mixin ForceOption force = new ForceOption();}.
 */
final class SharedOptions {
    private SharedOptions() {}

    /** How the loss-scale defaults differ between commands, stated in each command's help. */
    static final String LOSS_SCALE_NOTE = " The defaults differ: train, sharpness and flatness use sample; experiment "
            + "uses element, the scale its step sizes were tuned for, so measure an experiment's weights with "
            + "--loss-scale element.";

    /** {@code --force}: replace an existing output, but only one the tool wrote. */
    static final class ForceOption {
        @Option(names = "--force", description = "Replace an existing output: a file, or a directory that flatminima "
                + "wrote (it carries a .flatminima marker) or that is empty. A directory holding anything else, and a "
                + "file where a directory is expected (or the reverse), are refused.")
        boolean force;
    }

    /** {@code --out FILE}: a command's single output file instead of standard output. */
    static final class OutFileOption {
        @Option(names = "--out", paramLabel = "FILE", description = "Write the output to FILE instead of standard "
                + "output; an existing FILE is replaced only with --force.")
        java.nio.file.Path out;
    }

    /** {@code --out DIR}: a command's output directory, written whole. */
    static final class OutDirOption {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory, written whole; an "
                + "existing one is replaced only with --force, and only if flatminima wrote it.")
        java.nio.file.Path out;
    }

    /** {@code --quiet}: no progress line. */
    static final class QuietOption {
        @Option(names = "--quiet", description = "No progress line on stderr.")
        boolean quiet;
    }

    /** {@code --seed}: the seed of every random draw. */
    static final class SeedOption {
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "Seed of every random draw (default: ${DEFAULT-VALUE}); the same seed replays the run.")
        long seed;
    }

    /** {@code --digits}: significant digits of the D-digit numerical steps, one range everywhere. */
    static final class DigitsOption {
        /** The range of {@code --digits} in every command. */
        static final int MIN = 16;
        static final int MAX = 2000;

        @Option(names = "--digits", paramLabel = "D", description = "Significant decimal digits of the numerical "
                + "(D-digit) steps, " + MIN + " to " + MAX + " (default: ${DEFAULT-VALUE}).")
        int digits;

        DigitsOption() {
            this(40);
        }

        DigitsOption(int defaultDigits) {
            this.digits = defaultDigits;
        }

        /** The value, checked against the range. */
        int value() {
            if (digits < MIN || digits > MAX) {
                throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--digits", "between " + MIN + " and " + MAX, digits);
            }
            return digits;
        }
    }
}
