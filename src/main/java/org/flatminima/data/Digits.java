package org.flatminima.data;

/**
 * Grey-scale digit images with labels: {@code count} images of {@code side x side} pixels in
 * [0, 1], stored image after image in row-major pixel order.
 *
 * @param count number of images
 * @param side image height and width in pixels
 * @param pixels {@code count * side * side} values in [0, 1]
 * @param labels the digit shown in each image (0 to 9)
 * @param source where the images came from, for provenance
 */
public record Digits(int count, int side, float[] pixels, int[] labels, String source) {
    public Digits {
        if ((long) count * side * side != pixels.length || labels.length != count) {
            throw new IllegalArgumentException("pixels or labels do not match " + count + " images of "
                    + side + "x" + side);
        }
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return side * side;
    }

    /**
     * Downsamples to {@code newSide x newSide} by averaging non-overlapping blocks; {@code newSide}
     * must divide {@link #side()}. Returns this object when the size is unchanged.
     */
    public Digits downsample(int newSide) {
        if (newSide == side) {
            return this;
        }
        if (newSide <= 0 || side % newSide != 0) {
            throw new IllegalArgumentException("cannot downsample " + side + "x" + side + " to " + newSide
                    + "x" + newSide + ": the new side must divide " + side);
        }
        int f = side / newSide;
        float[] out = new float[count * newSide * newSide];
        for (int i = 0; i < count; i++) {
            int in = i * side * side;
            int o = i * newSide * newSide;
            for (int r = 0; r < newSide; r++) {
                for (int c = 0; c < newSide; c++) {
                    double sum = 0;
                    for (int dr = 0; dr < f; dr++) {
                        for (int dc = 0; dc < f; dc++) {
                            sum += pixels[in + (r * f + dr) * side + c * f + dc];
                        }
                    }
                    out[o + r * newSide + c] = (float) (sum / (f * f));
                }
            }
        }
        return new Digits(count, newSide, out, labels, source + ", averaged to " + newSide + "x" + newSide);
    }

    /**
     * Image indices in a class-balanced order: the first image of each digit 0..9, then the second
     * of each, and so on (digits that run out are skipped). Taking a prefix of this order gives a
     * fixed, balanced subset without a random seed.
     */
    public int[] balancedOrder() {
        java.util.List<java.util.List<Integer>> byDigit = new java.util.ArrayList<>();
        for (int d = 0; d < 10; d++) {
            byDigit.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            int l = labels[i];
            byDigit.get(l >= 0 && l < 10 ? l : 0).add(i);
        }
        int[] order = new int[count];
        int k = 0;
        for (int round = 0; k < count; round++) {
            for (int d = 0; d < 10; d++) {
                if (round < byDigit.get(d).size()) {
                    order[k++] = byDigit.get(d).get(round);
                }
            }
        }
        return order;
    }

    /**
     * The paper's denoising task: targets are the clean images, inputs are the clean images plus
     * white Gaussian noise of standard deviation {@code noiseStd}, drawn once per sample from a
     * generator seeded with {@code noiseSeed}, so that the training loss is a fixed function.
     * Uses the first {@code n} images of {@link #balancedOrder()}.
     */
    public Dataset denoising(int n, double noiseStd, long noiseSeed) {
        if (n <= 0 || n > count) {
            throw new IllegalArgumentException("n must be in 1.." + count + ", got " + n);
        }
        int d = pixelsPerImage();
        int[] order = balancedOrder();
        double[] x = new double[n * d];
        double[] y = new double[n * d];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(noiseSeed);
        for (int i = 0; i < n; i++) {
            int src = order[i] * d;
            for (int p = 0; p < d; p++) {
                double clean = pixels[src + p];
                y[i * d + p] = clean;
                x[i * d + p] = clean + noiseStd * rnd.nextGaussian();
            }
        }
        java.util.Map<String, Object> prov = new java.util.LinkedHashMap<>();
        prov.put("task", "denoising");
        prov.put("source", source);
        prov.put("n", n);
        prov.put("image_side", side);
        prov.put("subset", "first " + n + " of " + count + " in class-balanced order");
        prov.put("noise_std", noiseStd);
        prov.put("noise_seed", noiseSeed);
        String description = String.format(java.util.Locale.ROOT,
                "MNIST denoising (%s; %d images %dx%d, class-balanced first %d of %d; noise std %s, seed %d)",
                source, n, side, side, n, count, noiseStd, noiseSeed);
        return new Dataset(n, d, d, x, y, description, prov);
    }
}
