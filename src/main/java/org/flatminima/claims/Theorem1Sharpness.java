package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import java.util.List;
import org.flatminima.exact.PowerBracket;
import org.flatminima.numbers.Rational;

/**
 * Theorem 1, eq. (17)/(28): at a flattest minimum lambda_max(H) = 2m sigma_max(T)^(2(1-1/m)). Decided by
 * the exact inertia of lambda* I - H (H from the loss), PROVED when lambda* is rational. The negative
 * controls reuse it with a wrong constant, or skip the flatness premise on non-flattest minima.
 */
public final class Theorem1Sharpness extends BaseClaim {
    private final int constantOffset;
    private final boolean skipFlatnessPremise;
    private final boolean wrongExponent;

    /** The theorem itself. */
    public Theorem1Sharpness() {
        this("theorem1.sharpness", "Theorem 1: sharpness of flattest minima",
                "w in Omega_0 => lambda_max(H_w) = 2m sigma_max(T)^(2(1-1/m))", ClaimKind.THEOREM,
                List.of(InstanceSource.FLATTEST_EQ27, InstanceSource.FLATTEST_GAUGED), 0, false);
    }

    private Theorem1Sharpness(String id, String title, String statement, ClaimKind kind, List<InstanceSource> families,
            int constantOffset, boolean skipFlatnessPremise) {
        this(id, title, statement, kind, families, constantOffset, skipFlatnessPremise, false);
    }

    private Theorem1Sharpness(String id, String title, String statement, ClaimKind kind, List<InstanceSource> families,
            int constantOffset, boolean skipFlatnessPremise, boolean wrongExponent) {
        super(id, title, statement, kind, "Sec. 4, eq. (17); Sec. 5, eq. (28)",
                List.of("A1", "A2", "w in Omega (P = T)",
                        "premise: w in Omega_0 certified without eq. (17), by " + Premises.THEOREM4_BASIS),
                families);
        this.constantOffset = constantOffset;
        this.skipFlatnessPremise = skipFlatnessPremise;
        this.wrongExponent = wrongExponent;
    }

    /** Control: the exponent 2 in place of 2(1-1/m). */
    public static Theorem1Sharpness wrongExponentControl() {
        return new Theorem1Sharpness("control.theorem1.exponent", "Control: Theorem 1 with exponent 2 for 2(1-1/m)",
                "FALSE: w in Omega_0 => lambda_max(H_w) = 2m sigma_max(T)^2", ClaimKind.CONTROL,
                List.of(InstanceSource.FLATTEST_EQ27, InstanceSource.FLATTEST_GAUGED), 0, false, true);
    }

    /** Control: the constant 2(m+1) in place of 2m. */
    public static Theorem1Sharpness wrongConstantControl() {
        return new Theorem1Sharpness("control.theorem1.wrong-constant", "Control: Theorem 1 with 2(m+1) for 2m",
                "FALSE: w in Omega_0 => lambda_max(H_w) = 2(m+1) sigma_max(T)^(2(1-1/m))", ClaimKind.CONTROL,
                List.of(InstanceSource.SQUARE_FLATTEST), 1, false);
    }

    /** Control: a non-flattest global minimum passed as flattest. */
    public static Theorem1Sharpness nonFlattestControl() {
        return new Theorem1Sharpness("control.theorem1.non-flattest", "Control: a non-flattest minimum passed as flattest",
                "FALSE: every global minimum has lambda_max(H_w) = 2m sigma_max(T)^(2(1-1/m))", ClaimKind.CONTROL,
                List.of(InstanceSource.NON_FLATTEST), 0, true);
    }

    @Override
    public Outcome decide(Instance in, CheckSettings settings) {
        Outcome premise = Premises.whiteGlobalMinimum(in);
        if (premise != null) {
            return premise;
        }
        Premises.Target t = Premises.target(in, settings.digits());
        if (!skipFlatnessPremise) {
            premise = Premises.structurallyFlattest(in, t);
            if (premise != null) {
                return premise;
            }
        }
        int m = in.depth();
        PowerBracket value = wrongExponent
                ? PowerBracket.of(Rational.of(2L * m), t.top().lo(), t.top().hi(), 1, 1, settings.digits())
                : PowerBracket.flattestSharpness(Rational.of(2L * (m + constantOffset)), t.top(), m, settings.digits());
        HessianSpectrum hs = HessianSpectrum.of(in.network());
        return Decisions.topEigenvalueEquals(hs.matrix(), value, wrongExponent ? "2m sigma^2" : constantOffset == 0 ? "lambda*" : "2(m+1) sigma^(2(1-1/m))")
                .withReduction(hs.how())
                .withDetail("sigma_max_squared", t.top().isExact() ? t.top().sigmaSquared() : "irrational")
                .withDetail("parameters", in.network().parameterCount())
                .withDetail("premise", skipFlatnessPremise ? Premises.Flatness.NONE.basis() : Premises.THEOREM4_BASIS);
    }
}
