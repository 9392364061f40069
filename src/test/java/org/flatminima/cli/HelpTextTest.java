package org.flatminima.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.testing.QuietTest;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** Help text is never cut in the middle of a sentence, and shared options read the same everywhere. */
class HelpTextTest extends QuietTest {
    private static void walk(CommandLine c, List<CommandLine> all) {
        all.add(c);
        c.getSubcommands().values().forEach(s -> walk(s, all));
    }

    private static List<CommandLine> all() {
        List<CommandLine> all = new ArrayList<>();
        walk(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), all);
        return all;
    }

    @Test
    void everyDescriptionParagraphAndCommandSummaryIsAWholeSentence() {
        for (CommandLine c : all()) {
            for (String p : c.getCommandSpec().usageMessage().description()) {
                assertTrue(p.matches("(?s).*[.!?]$"), c.getCommandName() + ": paragraph cut mid-sentence: " + p);
            }
            String summary = Main.firstSentence(String.join(" ", c.getCommandSpec().usageMessage().description()));
            assertTrue(summary.endsWith("."), c.getCommandName() + ": " + summary);
        }
        // negative control: lines broken mid-sentence are joined, and a Figs. abbreviation does not end one
        assertArrayEquals(new String[] {"a b c.", "d."}, Main.paragraphs(new String[] {"a b", "c.", "d."}));
        assertEquals("Run the experiments (Figs. 4-7) and more.",
                Main.firstSentence("Run the experiments (Figs. 4-7) and more. Then stop."));
    }

    @Test
    void sharedOptionsHaveOneHelpAndRangeEverywhere() {
        for (String name : new String[] {"--force", "--quiet", "--seed", "--digits"}) {
            java.util.Set<String> texts = new java.util.HashSet<>();
            for (CommandLine c : all()) {
                CommandLine.Model.OptionSpec o = c.getCommandSpec().findOption(name);
                if (o != null && !c.getCommandSpec().qualifiedName().contains("bench")) {
                    texts.add(String.join(" ", o.description()).replaceAll("\\(default: [^)]*\\)", ""));
                }
            }
            assertEquals(1, texts.size(), name + " reads differently across commands: " + texts);
        }
    }
}
