package org.flatminima.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.flatminima.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * The product counts that {@code bench float} reads its timings against are the gemm calls the float path
 * really makes: counted through an arithmetic that forwards every call and counts the gemms.
 */
class ProductCountTest {
    @SuppressWarnings("unchecked")
    private static ArrayArithmetic<double[]> counting(AtomicInteger gemms) {
        ArrayArithmetic<double[]> real = new Float64Arithmetic();
        return (ArrayArithmetic<double[]>) Proxy.newProxyInstance(ArrayArithmetic.class.getClassLoader(),
                new Class<?>[] {ArrayArithmetic.class}, (proxy, method, args) -> {
                    if (method.getName().equals("gemm")) {
                        gemms.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void gradientCacheAndProductUseTheCountedNumberOfProducts() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int m = 1; m <= 5; m++) {
            int w = 4;
            int n = 7;
            Network net = Network.uniform(w, m, Activation.RELU, false);
            Dataset data = HessianTest.randomData(rnd, n, w, w);
            AtomicInteger gemms = new AtomicInteger();
            TrainingLoss<double[]> loss = new TrainingLoss<>(net, data, counting(gemms), LossScale.SAMPLE, n);
            double[] p = net.heParameters(m);
            double[] g = new double[p.length];
            loss.valueAndGradient(p, g);
            assertEquals(FloatBenchmark.products("gradient", false, m, 0), gemms.getAndSet(0), "gradient, m = " + m);
            TrainingLoss<double[]>.Hessian h = loss.hessian(p);
            double[] v = HessianTest.randomVector(rnd, p.length);
            double[] hv = new double[p.length];
            h.apply(v, hv);
            int first = gemms.getAndSet(0);
            assertEquals(FloatBenchmark.products("hvp", false, m, 0), first, "cache and one HVP, m = " + m);
            int k = 3;
            for (int i = 0; i < k; i++) {
                h.apply(v, hv);
            }
            assertEquals(FloatBenchmark.products("power", false, m, 1 + k), first + gemms.get(),
                    "cache and 1 + k products at cached activations, m = " + m);
            assertEquals(FloatBenchmark.products("power", false, m, 1 + k), FloatBenchmark.products("powerRecompute", false, m, 1 + k));
        }
    }
}
