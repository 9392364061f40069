package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The closing exercise of a derivation: an exact numeric instance on the set of global minima,
 * with its answer computed from the derived Hessian by substitution (exact rational arithmetic).
 */
final class CheckYourself {
    /** Small integer weights, cycled through the parameters: a fixed, easy point to work by hand. */
    private static final long[] WEIGHTS = {1, 2, -1, 1, 0, 1, 1, -1, 2, 1, -1, 1};

    private CheckYourself() {}

    static void add(DerivationDocument doc, HessianDerivation d) {
        SymjaEngine e = SymjaEngine.instance();
        SymbolicNetwork net = d.network();
        List<IExpr> params = net.parameters();
        List<IExpr> rules = new ArrayList<>();
        for (int p = 0; p < params.size(); p++) {
            rules.add(F.Rule(params.get(p), F.ZZ(WEIGHTS[p % WEIGHTS.length])));
        }
        SymbolicMatrix half = net.sigmaKind() == SymbolicNetwork.SigmaKind.SYMBOLIC ? net.sigmaHalf() : null;
        if (half != null) {
            for (int i = 0; i < half.rows(); i++) {
                for (int j = i; j < half.cols(); j++) {
                    // R = Sigma_x^(1/2): ones on and off the diagonal, 2 further down, so R is positive definite.
                    rules.add(F.Rule(half.get(i, j), F.ZZ(i == j ? i + 1 : 1)));
                }
            }
        }
        IExpr ruleList = F.List(rules.toArray(new IExpr[0]));
        SymbolicMatrix h = d.hessianOnMinima().map(x -> e.eval(F.ReplaceAll(x, ruleList)));
        doc.add(new DerivationDocument.Heading("Check yourself"));
        if (net.isScalar()) {
            scalar(doc, d, e, h, ruleList);
        } else {
            general(doc, d, e, h, ruleList);
        }
    }

    private static void scalar(DerivationDocument doc, HessianDerivation d, SymjaEngine e, SymbolicMatrix h,
            IExpr ruleList) {
        SymbolicNetwork net = d.network();
        int m = net.depth();
        List<String> w = new ArrayList<>();
        long tau = 1;
        for (int j = 0; j < m; j++) {
            w.add(Long.toString(WEIGHTS[j]));
            tau *= WEIGHTS[j];
        }
        String sigma = net.sigmaKind() == SymbolicNetwork.SigmaKind.SYMBOLIC ? "$\\sigma_x = 1$ and " : "";
        IExpr one = F.Rule(e.parse(SymbolNames.scalar("sigma")), F.C1);
        SymbolicMatrix h1 = h.map(x -> e.eval(F.ReplaceAll(x, one)));
        IExpr lambda = e.eval(F.ReplaceAll(F.ReplaceAll(d.scalar().sharpness(), ruleList), one));
        IExpr flattest = e.eval(F.Times(F.ZZ(2L * m), F.Power(F.ZZ(Math.abs(tau)), F.QQ(2L * m - 2, m))));
        doc.add(new DerivationDocument.Text("Take " + sigma + "$w = (" + String.join(", ", w) + ")$, a global "
                + "minimum with $\\tau = " + tau + "$. Write down $H$ from eq. (9), its largest eigenvalue from eq. "
                + "(10), and the sharpness of the flattest minima of the same valley from eq. (13). Answer:"));
        doc.add(new DerivationDocument.Display(List.of("H = " + DerivationDocument.pmatrix(h1)
                + ", \\quad \\lambda_{\\max}(H) = " + TexPrinter.tex(lambda) + ", \\quad 2 \\cdot " + m
                + " \\, \\lvert " + tau + " \\rvert^{2(1 - 1/" + m + ")} = " + TexPrinter.tex(flattest)
                + (lambda.equals(flattest) ? "" : " < " + TexPrinter.tex(lambda)))));
        doc.add(new DerivationDocument.Text("The point is " + (lambda.equals(flattest) ? "" : "not ")
                + "one of the flattest: "
                + (lambda.equals(flattest) ? "its weights all have magnitude $|\\tau|^{1/" + m + "}$."
                        : "its weights do not all have magnitude $|\\tau|^{1/" + m + "}$, eq. (12).")));
    }

    private static void general(DerivationDocument doc, HessianDerivation d, SymjaEngine e, SymbolicMatrix h,
            IExpr ruleList) {
        SymbolicNetwork net = d.network();
        int m = net.depth();
        List<String> given = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            SymbolicMatrix wk = net.weight(k);
            given.add("W_{" + k + "} = " + DerivationDocument.pmatrix(wk.map(x -> e.eval(F.ReplaceAll(x, ruleList)))));
        }
        StringBuilder sigmaText = new StringBuilder();
        if (net.sigmaKind() == SymbolicNetwork.SigmaKind.SYMBOLIC) {
            SymbolicMatrix r = net.sigmaHalf().map(x -> e.eval(F.ReplaceAll(x, ruleList)));
            given.add("\\Sigma_x^{1/2} = " + DerivationDocument.pmatrix(r));
            sigmaText.append(" and $\\Sigma_x^{1/2}$ as given");
        } else if (net.sigmaKind() == SymbolicNetwork.SigmaKind.IDENTITY) {
            sigmaText.append(" and $\\Sigma_x = I$");
        }
        int n1 = net.dims()[1] * net.dims()[0];
        SymbolicMatrix h11 = h.block(0, n1, 0, n1);
        IExpr trace = e.eval(h.trace());
        IExpr rank = e.eval(F.unaryAST1(S.MatrixRank, h.toList()));
        doc.add(new DerivationDocument.Text("Take the weights below, with $T = " + DerivationDocument.chain("W", m) + "$ (so $w$ is a "
                + "global minimum)" + sigmaText + ". Use eq. (19), $H_{ij} = 2 \\Phi_i \\Phi_j^T$, to compute the "
                + "block $H_{11}$, then $\\operatorname{tr} H = 2 \\|\\Phi\\|_F^2$ and the rank of $H$."));
        doc.add(new DerivationDocument.Display(DerivationDocument.packRow(given)));
        doc.add(new DerivationDocument.Text("Answer:"));
        doc.add(new DerivationDocument.Display(DerivationDocument.packRow(List.of(
                "H_{11} = " + DerivationDocument.pmatrix(h11), "\\operatorname{tr} H = " + TexPrinter.tex(trace),
                "\\operatorname{rank} H = " + rank))));
    }
}
