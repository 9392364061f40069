package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import java.util.List;
import org.flatminima.exact.PowerBracket;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;

/**
 * Eq. (13): min over Omega of lambda_max(H) = 2m sigma_x^2 |tau|^(2(1-1/m)). Every scalar global minimum
 * has lambda_max at least this value, with equality on the flattest points. PROVED when |tau|^(1/m) is
 * rational, CERTIFIED through an exact-power enclosure otherwise. The control uses 2(m+1) for 2m.
 */
public final class ScalarFlattestSharpness extends BaseClaim {
    private final int offset;
    private final boolean dropSigma;

    public ScalarFlattestSharpness() {
        this(0, false);
    }

    private ScalarFlattestSharpness(int offset, boolean dropSigma) {
        super(dropSigma ? "control.scalar.eq13-no-sigma" : offset == 0 ? "scalar.eq13" : "control.scalar.eq13-constant",
                dropSigma ? "Control: eq. (13) without sigma_x^2"
                        : offset == 0 ? "Eq. (13): sharpness of the flattest scalar minima" : "Control: eq. (13) with 2(m+1) for 2m",
                dropSigma ? "FALSE: lambda_max(H_w) >= 2m |tau|^(2(1-1/m)) on Omega, with equality on (12)"
                        : offset == 0 ? "min over Omega of lambda_max(H_w) = 2m sigma_x^2 |tau|^(2(1-1/m))"
                        : "FALSE: lambda_max(H_w) >= 2(m+1) sigma_x^2 |tau|^(2(1-1/m)) on Omega, with equality on (12)",
                offset == 0 && !dropSigma ? ClaimKind.EQUATION : ClaimKind.CONTROL, "Sec. 3, eq. (13)",
                List.of("d_j = 1 for all j", "w in Omega"),
                offset == 0 && !dropSigma ? List.of(InstanceSource.SCALAR_FLATTEST, InstanceSource.SCALAR_MINIMUM)
                        : dropSigma ? List.of(InstanceSource.SCALAR_SIGMA) : List.of(InstanceSource.SCALAR_FLATTEST));
        this.offset = offset;
        this.dropSigma = dropSigma;
    }

    /** Control: eq. (13) with the factor sigma_x^2 dropped. */
    public static ScalarFlattestSharpness noSigmaControl() {
        return new ScalarFlattestSharpness(0, true);
    }

    public static ScalarFlattestSharpness wrongConstantControl() {
        return new ScalarFlattestSharpness(1, false);
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome p = ScalarSupport.premise(in);
        if (p != null) {
            return p;
        }
        int m = in.depth();
        Rational tau = ScalarSupport.tau(in.network());
        Rational c = Rational.of(2L * (m + offset)).multiply(dropSigma ? Rational.ONE : ScalarSupport.sigma2(in.network()));
        PowerBracket value = PowerBracket.of(c, tau.pow(2), tau.pow(2), m - 1, m, settings.digits());
        Matrix<Rational> h = Loss.hessian(in.network());
        org.flatminima.exact.CertificateLog.name(h, "hessian");
        Rational root = tau.abs().exactRoot(m);
        boolean flattest = root != null;
        if (flattest) {
            for (Rational w : ScalarSupport.weights(in.network())) {
                flattest &= w.abs().equals(root);
            }
        }
        return flattest ? Decisions.topEigenvalueEquals(h, value, "eq. (13)")
                : Decisions.topEigenvalueAtLeast(h, value, "eq. (13)");
    }
}
