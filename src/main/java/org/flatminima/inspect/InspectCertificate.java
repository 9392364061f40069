package org.flatminima.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flatminima.certificates.Certificate;
import org.flatminima.exact.CertificateLog;
import org.flatminima.claims.HessianSpectrum;
import org.flatminima.exact.PowerBracket;
import org.flatminima.exact.TopSingular;
import org.flatminima.cases.CaseFile;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;

/**
 * The certificate of an inspection's exact verdicts ({@code inspect --certificate FILE}): the Hessian's
 * inertia (an LDL^T of -H), whether the point is a global minimum (re-decided by the checker from the case),
 * and an exact or certified is_flattest (sigma_max(T)^2 with its inertia witnesses, and the inertia of
 * q I - H, or of its Gram form 2 Phi^T Phi at a white global minimum, at lambda* or at the upper end of its
 * enclosure). The verdicts are decided again through the same shared decision code the claims use, with
 * witnesses; a verdict they cannot confirm is listed as unsupported, never silently passed.
 */
public final class InspectCertificate {
    /** Largest parameter count for which the N x N inertia of H gets an LDL^T witness. */
    public static final int WITNESS_LIMIT = 100;

    private InspectCertificate() {}

    /** The certificate of {@code result}, the inspection of case {@code c}. */
    public static Certificate of(CaseFile.Case c, String name, ObjectNode result, int digits) {
        LinearNetwork<Rational> net = c.network();
        CertificateLog log = CertificateLog.open();
        boolean bracket = false;
        try {
            boolean onMinimum = result.path("on_global_minimum").asBoolean();
            CertificateLog.witness("on_global_minimum", onMinimum);
            int n = net.parameterCount();
            if (result.has("hessian_inertia")) {
                JsonNode in = result.get("hessian_inertia");
                if (n <= WITNESS_LIMIT) {
                    Matrix<Rational> h = Loss.hessian(net);
                    CertificateLog.name(h, "hessian");
                    // 0 I - H: its negatives are H's positives
                    CertificateLog.inertia(h, Rational.ZERO, new int[] {in.get("positive").asInt(), in.get("zero").asInt(),
                            in.get("negative").asInt()});
                    CertificateLog.witness("hessian_inertia", in.get("negative").asInt() + "," + in.get("zero").asInt()
                            + "," + in.get("positive").asInt());
                } else {
                    CertificateLog.unsupported("the Hessian's inertia: N = " + n + " is above the witness limit " + WITNESS_LIMIT);
                }
            }
            JsonNode flat = result.path("is_flattest");
            String method = result.path("verdicts").path("is_flattest").path("method").asText();
            if (flat.isBoolean() && (method.equals("exact") || method.equals("certified"))) {
                CertificateLog.witness("is_flattest", flat.asBoolean());
                if (onMinimum) {
                    bracket = flattest(net, flat.asBoolean(), digits);
                }
            } else {
                CertificateLog.witness("is_flattest", "not certified (" + (method.isEmpty() ? "not decided" : method) + ")");
            }
            return Certificate.of("inspect", name, 0, bracket ? "CERTIFIED" : "PROVED",
                    "inspect: the Hessian's inertia, on_global_minimum and an exact or certified is_flattest", net, log);
        } finally {
            CertificateLog.close();
        }
    }

    /** Re-decides is_flattest with witnesses; true when an enclosure was needed. */
    private static boolean flattest(LinearNetwork<Rational> net, boolean flat, int digits) {
        int m = net.depth();
        CertificateLog.name(net.target(), "target");
        TopSingular top = TopSingular.of(net.target(), digits);
        // Sigma_x = a I (a > 0) scales the loss, H and the flattest sharpness by a (inspect decides such cases by scaling)
        Rational a = net.sigmaX().get(0, 0);
        Rational scale = a.signum() > 0 && net.sigmaX().equals(Matrix.identity(net.arithmetic(), net.dims()[0]).scale(a)) ? a : Rational.ONE;
        PowerBracket star = PowerBracket.flattestSharpness(Rational.of(2L * m).multiply(scale), top, m, digits);
        HessianSpectrum hs = HessianSpectrum.of(net);
        if (flat) {
            int[] in = star.isExact() ? CertificateLog.inertia(hs.matrix(), star.exact(), null) : null;
            if (in == null || in[0] != 0 || in[1] == 0) {
                CertificateLog.unsupported("is_flattest = true: lambda_max(H) = lambda* was not confirmed with a witness");
            }
            return false;
        }
        Rational q = star.isExact() ? star.exact() : star.hi();
        int[] in = CertificateLog.inertia(hs.matrix(), q, null);
        if (in[0] == 0) {
            CertificateLog.unsupported("is_flattest = false: no eigenvalue of H above lambda* was found with a witness");
        }
        return !star.isExact();
    }
}
