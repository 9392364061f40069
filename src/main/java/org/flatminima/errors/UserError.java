package org.flatminima.errors;

/**
 * A problem with what the user asked for or supplied: bad input, a missing file, an option out of
 * range. The command line prints {@link #getMessage()} as one line on stderr and exits with
 * {@link #EXIT_CODE}; it never prints a stack trace for this exception.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit status for every user error. */
    public static final int EXIT_CODE = 2;

    private final Problem problem;

    public UserError(Problem problem, Object... args) {
        super(problem.format(args), null, false, false);
        this.problem = problem;
    }

    public UserError(Throwable cause, Problem problem, Object... args) {
        super(problem.format(args), cause, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
