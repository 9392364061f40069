package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.flatminima.numbers.Rational;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * An immutable matrix of Symja expressions. Products and sums build each entry as one Symja
 * expression and expand it, so entries are always in expanded (canonical polynomial) form when
 * the inputs are polynomials. No method modifies its arguments.
 */
public final class SymbolicMatrix {
    private final IExpr[][] entries;

    private SymbolicMatrix(IExpr[][] entries) {
        this.entries = entries;
    }

    /** A matrix of the given entries (copied). */
    public static SymbolicMatrix of(IExpr[][] entries) {
        IExpr[][] copy = new IExpr[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            copy[i] = entries[i].clone();
        }
        return new SymbolicMatrix(copy);
    }

    /** A rows x cols matrix whose entry (i,j) is the symbol {@code name.apply(i+1, j+1)}. */
    public static SymbolicMatrix symbols(int rows, int cols, java.util.function.BiFunction<Integer, Integer, String> name) {
        SymjaEngine engine = SymjaEngine.instance();
        IExpr[][] e = new IExpr[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                e[i][j] = engine.parse(name.apply(i + 1, j + 1));
            }
        }
        return new SymbolicMatrix(e);
    }

    /** A symmetric n x n matrix whose entries (i,j), i <= j, are the symbols {@code name(i,j)}. */
    public static SymbolicMatrix symmetricSymbols(int n, java.util.function.BiFunction<Integer, Integer, String> name) {
        SymjaEngine engine = SymjaEngine.instance();
        IExpr[][] e = new IExpr[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                e[i][j] = engine.parse(name.apply(i + 1, j + 1));
                e[j][i] = e[i][j];
            }
        }
        return new SymbolicMatrix(e);
    }

    /** The n x n identity. */
    public static SymbolicMatrix identity(int n) {
        IExpr[][] e = new IExpr[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                e[i][j] = i == j ? F.C1 : F.C0;
            }
        }
        return new SymbolicMatrix(e);
    }

    /** A rows x cols matrix with {@code diagonal[k]} at (k,k) and zeros elsewhere. */
    public static SymbolicMatrix diagonal(int rows, int cols, IExpr[] diagonal) {
        IExpr[][] e = new IExpr[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                e[i][j] = i == j && i < diagonal.length ? diagonal[i] : F.C0;
            }
        }
        return new SymbolicMatrix(e);
    }

    /** The exact rational matrix {@code values}. */
    public static SymbolicMatrix ofRationals(Rational[][] values) {
        IExpr[][] e = new IExpr[values.length][];
        for (int i = 0; i < values.length; i++) {
            e[i] = new IExpr[values[i].length];
            for (int j = 0; j < values[i].length; j++) {
                e[i][j] = rational(values[i][j]);
            }
        }
        return new SymbolicMatrix(e);
    }

    /** The Symja number equal to {@code r}. */
    public static IExpr rational(Rational r) {
        return F.QQ(F.ZZ(r.numerator()), F.ZZ(r.denominator()));
    }

    public int rows() {
        return entries.length;
    }

    public int cols() {
        return entries.length == 0 ? 0 : entries[0].length;
    }

    /** Entry (i,j), 0-based. */
    public IExpr get(int i, int j) {
        return entries[i][j];
    }

    /** This times {@code o}, entries expanded. */
    public SymbolicMatrix times(SymbolicMatrix o) {
        if (cols() != o.rows()) {
            throw new IllegalArgumentException("shape mismatch " + rows() + "x" + cols() + " . " + o.rows() + "x" + o.cols());
        }
        SymjaEngine engine = SymjaEngine.instance();
        IExpr[][] e = new IExpr[rows()][o.cols()];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < o.cols(); j++) {
                IExpr[] terms = new IExpr[cols()];
                for (int k = 0; k < cols(); k++) {
                    terms[k] = F.Times(entries[i][k], o.entries[k][j]);
                }
                e[i][j] = engine.expand(terms.length == 1 ? terms[0] : F.Plus(terms));
            }
        }
        return new SymbolicMatrix(e);
    }

    /** This plus {@code o}, entries expanded. */
    public SymbolicMatrix plus(SymbolicMatrix o) {
        return combine(o, false);
    }

    /** This minus {@code o}, entries expanded. */
    public SymbolicMatrix minus(SymbolicMatrix o) {
        return combine(o, true);
    }

    private SymbolicMatrix combine(SymbolicMatrix o, boolean subtract) {
        if (rows() != o.rows() || cols() != o.cols()) {
            throw new IllegalArgumentException("shape mismatch");
        }
        SymjaEngine engine = SymjaEngine.instance();
        IExpr[][] e = new IExpr[rows()][cols()];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < cols(); j++) {
                e[i][j] = engine.expand(subtract ? F.Subtract(entries[i][j], o.entries[i][j])
                        : F.Plus(entries[i][j], o.entries[i][j]));
            }
        }
        return new SymbolicMatrix(e);
    }

    /** {@code factor} times this, entries expanded. */
    public SymbolicMatrix scale(IExpr factor) {
        return map(x -> SymjaEngine.instance().expand(F.Times(factor, x)));
    }

    /** The transpose. */
    public SymbolicMatrix transpose() {
        IExpr[][] e = new IExpr[cols()][rows()];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < cols(); j++) {
                e[j][i] = entries[i][j];
            }
        }
        return new SymbolicMatrix(e);
    }

    /** The Kronecker product {@code this ⊗ o}, entries expanded. */
    public SymbolicMatrix kronecker(SymbolicMatrix o) {
        SymjaEngine engine = SymjaEngine.instance();
        IExpr[][] e = new IExpr[rows() * o.rows()][cols() * o.cols()];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < cols(); j++) {
                for (int p = 0; p < o.rows(); p++) {
                    for (int q = 0; q < o.cols(); q++) {
                        e[i * o.rows() + p][j * o.cols() + q] = engine.expand(F.Times(entries[i][j], o.entries[p][q]));
                    }
                }
            }
        }
        return new SymbolicMatrix(e);
    }

    /** The rows of this stacked above the rows of {@code below}. */
    public SymbolicMatrix stack(SymbolicMatrix below) {
        IExpr[][] e = new IExpr[rows() + below.rows()][];
        for (int i = 0; i < rows(); i++) {
            e[i] = entries[i].clone();
        }
        for (int i = 0; i < below.rows(); i++) {
            e[rows() + i] = below.entries[i].clone();
        }
        return new SymbolicMatrix(e);
    }

    /** The sub-matrix of rows [r0, r1) and columns [c0, c1). */
    public SymbolicMatrix block(int r0, int r1, int c0, int c1) {
        IExpr[][] e = new IExpr[r1 - r0][c1 - c0];
        for (int i = r0; i < r1; i++) {
            for (int j = c0; j < c1; j++) {
                e[i - r0][j - c0] = entries[i][j];
            }
        }
        return new SymbolicMatrix(e);
    }

    /** vec(this): the columns stacked into one column (column-major), as a list. */
    public List<IExpr> vec() {
        List<IExpr> out = new ArrayList<>();
        for (int j = 0; j < cols(); j++) {
            for (int i = 0; i < rows(); i++) {
                out.add(entries[i][j]);
            }
        }
        return out;
    }

    /** The column vector with the given entries. */
    public static SymbolicMatrix column(List<IExpr> values) {
        IExpr[][] e = new IExpr[values.size()][1];
        for (int i = 0; i < values.size(); i++) {
            e[i][0] = values.get(i);
        }
        return new SymbolicMatrix(e);
    }

    /** The square of the Frobenius norm, expanded. */
    public IExpr frobeniusSquared() {
        List<IExpr> terms = new ArrayList<>();
        for (IExpr[] row : entries) {
            for (IExpr x : row) {
                terms.add(F.Power(x, F.C2));
            }
        }
        return SymjaEngine.instance().expand(F.Plus(terms.toArray(new IExpr[0])));
    }

    /** The trace, expanded. */
    public IExpr trace() {
        IExpr[] terms = new IExpr[Math.min(rows(), cols())];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = entries[i][i];
        }
        return SymjaEngine.instance().expand(F.Plus(terms));
    }

    /** The matrix with {@code f} applied to each entry. */
    public SymbolicMatrix map(UnaryOperator<IExpr> f) {
        IExpr[][] e = new IExpr[rows()][cols()];
        for (int i = 0; i < rows(); i++) {
            for (int j = 0; j < cols(); j++) {
                e[i][j] = f.apply(entries[i][j]);
            }
        }
        return new SymbolicMatrix(e);
    }

    /** The matrix as a Symja list of lists. */
    public IExpr toList() {
        IExpr[] rowsList = new IExpr[rows()];
        for (int i = 0; i < rows(); i++) {
            rowsList[i] = F.List(entries[i]);
        }
        return F.List(rowsList);
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
