package org.flatminima.cli;

import org.flatminima.results.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code flatminima} command; each capability is a subcommand. */
@Command(
        name = "flatminima",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Checks the theory of flat minima in deep linear networks (Mulayoff & Michaeli, ICML 2020):",
            "exact where it can, certified where it cannot, and plainly numerical only where nothing better exists."
        },
        subcommands = {
            // One line per subcommand; keep them in this order.
            CheckCommand.class,
            InspectCommand.class,
            GenerateCommand.class,
            DeriveCommand.class,
            ProveCommand.class,
            ReportCommand.class,
            TrainCommand.class,
            SharpnessCommand.class,
            ExperimentCommand.class,
            FlatnessCommand.class,
            RegressionSweepCommand.class,
            MarginFlatnessCommand.class,
            BenchCommand.class,
        })
public final class FlatminimaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
