package org.flatminima.experiments;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.flatminima.data.Dataset;
import org.flatminima.data.Digits;
import org.flatminima.nn.LossScale;

/**
 * The data of one experiment plan: the denoising set the ReLU networks train on, its whitened
 * version for the linear check, and the linear regression problem the data define (Section 2 of
 * the paper): T = Sigma_yx Sigma_x^{-1} with second-moment (uncentred) matrices, and after whitening
 * x -> Sigma_x^{-1/2} x the matrix T_w = Sigma_yx Sigma_x^{-1/2}, for which Theorem 1's hypothesis
 * Sigma_x = I holds. Everything here is computed in double precision (numerical, not exact).
 *
 * @param denoising the training set of Figs. 4 to 7
 * @param whitened the same targets with whitened inputs (linear check)
 * @param sigmaMaxWhitened sigma_max(T_w), the top singular value of the whitened regression matrix
 * @param linearLossSample the least-squares loss min_T (1/n) sum ||y - T x||^2 (sample scale)
 */
public record ExperimentData(Dataset denoising, Dataset whitened, double sigmaMaxWhitened, double linearLossSample) {

    /** Builds the data of {@code plan} from {@code digits} (at any resolution; downsampled here). */
    public static ExperimentData of(ExperimentPlan plan, Digits digits) {
        Digits small = digits.side() == plan.side() ? digits : digits.downsample(plan.side());
        Dataset data = small.denoising(plan.samples(), plan.noiseStd(), plan.noiseSeed());
        return of(data);
    }

    /** Derives the whitened set and the regression facts from {@code data} (inputs and outputs d-dimensional). */
    public static ExperimentData of(Dataset data) {
        int n = data.n();
        int dx = data.inputDim();
        int dy = data.outputDim();
        DMatrixRMaj x = new DMatrixRMaj(n, dx, true, data.inputs());
        DMatrixRMaj y = new DMatrixRMaj(n, dy, true, data.targets());
        DMatrixRMaj sx = new DMatrixRMaj(dx, dx);
        CommonOps_DDRM.multTransA(x, x, sx);
        CommonOps_DDRM.scale(1.0 / n, sx);
        DMatrixRMaj syx = new DMatrixRMaj(dy, dx);
        CommonOps_DDRM.multTransA(y, x, syx);
        CommonOps_DDRM.scale(1.0 / n, syx);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dx, true, true);
        if (!eig.decompose(sx.copy())) {
            throw new IllegalStateException("eigen-decomposition of Sigma_x failed");
        }
        DMatrixRMaj invSqrt = new DMatrixRMaj(dx, dx);
        for (int k = 0; k < dx; k++) {
            double lambda = eig.getEigenvalue(k).getReal();
            if (!(lambda > 0)) {
                throw new IllegalArgumentException("Sigma_x is singular (need more samples than input dimensions)");
            }
            DMatrixRMaj v = eig.getEigenVector(k);
            double w = 1 / Math.sqrt(lambda);
            for (int i = 0; i < dx; i++) {
                for (int j = 0; j < dx; j++) {
                    invSqrt.add(i, j, w * v.get(i) * v.get(j));
                }
            }
        }
        DMatrixRMaj xw = new DMatrixRMaj(n, dx);
        CommonOps_DDRM.mult(x, invSqrt, xw);
        DMatrixRMaj tw = new DMatrixRMaj(dy, dx);
        CommonOps_DDRM.mult(syx, invSqrt, tw);
        DMatrixRMaj ttt = new DMatrixRMaj(dy, dy);
        CommonOps_DDRM.multTransB(tw, tw, ttt);
        EigenDecomposition_F64<DMatrixRMaj> eig2 = DecompositionFactory_DDRM.eig(dy, false, true);
        if (!eig2.decompose(ttt.copy())) {
            throw new IllegalStateException("eigen-decomposition of T T^T failed");
        }
        double top = 0;
        for (int k = 0; k < dy; k++) {
            top = Math.max(top, eig2.getEigenvalue(k).getReal());
        }
        double traceSy = 0;
        for (double v : data.targets()) {
            traceSy += v * v;
        }
        traceSy /= n;
        double lossLin = traceSy - CommonOps_DDRM.elementSumAbs(elementSquare(tw));
        Map<String, Object> prov = new LinkedHashMap<>(data.provenance());
        prov.put("whitened", "inputs multiplied by Sigma_x^{-1/2} (second-moment matrix of the inputs)");
        Dataset whitened = new Dataset(n, dx, dy, xw.getData(), data.targets().clone(),
                data.description() + ", inputs whitened", prov);
        return new ExperimentData(data, whitened, Math.sqrt(top), lossLin);
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj a) {
        DMatrixRMaj b = a.copy();
        CommonOps_DDRM.elementMult(b, a);
        return b;
    }

    /** The least-squares loss in {@code scale}. */
    public double linearLoss(LossScale scale) {
        return linearLossSample * scale.factor(denoising.n(), denoising.outputDim()) * denoising.n();
    }

    /**
     * Theorem 1 for the whitened problem: the flattest minimum of an m-layer linear network has
     * sharpness 2 m sigma_max(T_w)^{2 (1 - 1/m)}, in the loss normalisation {@code scale}.
     */
    public double theorem1(int m, LossScale scale) {
        double s = scale.factor(denoising.n(), denoising.outputDim()) * denoising.n();
        return 2.0 * m * Math.pow(sigmaMaxWhitened, 2.0 * (1.0 - 1.0 / m)) * s;
    }
}
