package org.flatminima.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatminima bench ...}: benchmark commands that print times and ratios against a named reference. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: print measured times and the ratio against the named reference.",
        subcommands = {
            // One line per benchmark subcommand.
            SymbolicBenchCommand.class,
            InertiaBenchCommand.class,
            HessianBenchCommand.class,
            Theorem1BenchCommand.class,
            InspectBenchCommand.class,
            BenchEigenCommand.class,
            FloatBenchCommand.class,
            SharpnessBenchCommand.class,
            CheckBenchCommand.class,
            CertificatesBenchCommand.class,
        })
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a benchmark is required");
    }
}
