package org.flatminima.exact;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * Collects the witness of one decision while it runs, on the deciding thread. The shared exact decision
 * points ({@code Decisions}, {@code TopSingular}, {@code Premises}, {@code HessianSpectrum}) report here;
 * when no log is open on the thread every call is a no-op, so decisions cost nothing extra outside
 * {@code check}.
 *
 * <p>Matrices are named by identity: a matrix the checker can rebuild from the case ("hessian",
 * "hessian_gram", "target", "layer_gram:k", ...) is registered with {@link #name}; an inertia fact about a
 * named matrix records only the name, so the checker compares the witness with its own rebuilt matrix.
 * A fact about an unnamed matrix records the matrix itself (the arithmetic can still be checked, but not
 * its link to the case).
 */
public final class CertificateLog {
    private static final ThreadLocal<CertificateLog> CURRENT = new ThreadLocal<>();

    private final IdentityHashMap<Object, String> names = new IdentityHashMap<>();
    private final List<InertiaFact> facts = new ArrayList<>();
    private final Map<String, Object> witness = new LinkedHashMap<>();
    private final List<String> unsupported = new ArrayList<>();

    /**
     * The inertia of shift I - M, with its LDL^T witness.
     *
     * @param matrix the name of M (rebuilt by the checker from the case), or null when M is given explicitly
     * @param explicit M itself when it has no name, else null
     * @param shift the shift c of c I - M
     * @param inertia {negative, zero, positive} of c I - M
     * @param ldl the witness
     */
    public record InertiaFact(String matrix, Rational[][] explicit, Rational shift, int[] inertia, LdlCertificate ldl) {}

    private CertificateLog() {}

    /** Opens a fresh log on this thread (replacing any open one) and returns it. */
    public static CertificateLog open() {
        CertificateLog log = new CertificateLog();
        CURRENT.set(log);
        return log;
    }

    /** Closes the log open on this thread, if any. */
    public static void close() {
        CURRENT.remove();
    }

    /** True when a log is open on this thread. */
    public static boolean active() {
        return CURRENT.get() != null;
    }

    /** Registers {@code matrix} under {@code name} (a name the checker rebuilds from the case). */
    public static void name(Object matrix, String name) {
        CertificateLog log = CURRENT.get();
        if (log != null && matrix != null) {
            log.names.put(matrix, name);
        }
    }

    /** The registered name of {@code matrix}, or null. */
    public static String nameOf(Object matrix) {
        CertificateLog log = CURRENT.get();
        return log == null || matrix == null ? null : log.names.get(matrix);
    }

    /** Records a named witness value (a Rational, a Rational[], an integer or a string). */
    public static void witness(String key, Object value) {
        CertificateLog log = CURRENT.get();
        if (log != null) {
            log.witness.put(key, value);
        }
    }

    /** Records that part of the decision has no witness the checker can confirm, and why. */
    public static void unsupported(String reason) {
        CertificateLog log = CURRENT.get();
        if (log != null && !log.unsupported.contains(reason)) {
            log.unsupported.add(reason);
        }
    }

    /**
     * Records the inertia of c I - M with its LDL^T witness (M symmetric, not modified) and returns that
     * inertia {negative, zero, positive}; null (and nothing computed) when no log is open. When
     * {@code expected} is not null the witness must agree with it, else an {@link IllegalStateException}
     * reports the inconsistency (the decision then fails rather than pass with a wrong witness).
     */
    public static int[] inertia(Matrix<Rational> m, Rational c, int[] expected) {
        CertificateLog log = CURRENT.get();
        if (log == null) {
            return null;
        }
        int n = m.rows();
        Rational[][] shifted = new Rational[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Rational x = m.get(i, j).negate();
                shifted[i][j] = i == j ? c.add(x) : x;
            }
        }
        LdlCertificate ldl = LdlCertificate.of(shifted);
        int[] in = ldl.inertia();
        if (expected != null && !java.util.Arrays.equals(in, expected)) {
            throw new IllegalStateException("the LDL^T witness gives inertia " + java.util.Arrays.toString(in)
                    + " where the decision found " + java.util.Arrays.toString(expected));
        }
        String name = log.names.get(m);
        if (name == null) {
            unsupported("a fact about a matrix the checker cannot rebuild from the case (given explicitly)");
        }
        log.facts.add(new InertiaFact(name, name == null ? m.toArray() : null, c, in, ldl));
        return in;
    }

    /** The facts recorded so far. */
    public List<InertiaFact> facts() {
        return List.copyOf(facts);
    }

    /** The witness values recorded so far. */
    public Map<String, Object> witnessValues() {
        return new LinkedHashMap<>(witness);
    }

    /** The reasons recorded by {@link #unsupported}. */
    public List<String> unsupportedReasons() {
        return List.copyOf(unsupported);
    }
}
