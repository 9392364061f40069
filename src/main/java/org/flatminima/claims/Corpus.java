package org.flatminima.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.io.SafeFiles;

/**
 * The regression corpus under {@code test-cases/corpus/}: exact cases, each with the claim it exercises,
 * the family and seed that drew it and the verdict recorded when it was made. The test suite replays
 * every file and requires the same verdict. Regenerate with
 * {@code java -cp target/flatminima.jar:target/lib/* org.flatminima.claims.Corpus test-cases/corpus}.
 */
public final class Corpus {
    private Corpus() {}

    /** One corpus entry: a claim decided on one family's instance. */
    public record Entry(String claimId, InstanceSource family, long seed, int maxDim, int maxDepth) {}

    /** The entries, one or two per claim and control, at sizes that replay in well under a second each. */
    public static List<Entry> entries() {
        List<Entry> e = new ArrayList<>();
        ClaimRegistry reg = ClaimRegistry.standard();
        long seed = 1000;
        for (Claim c : reg.all()) {
            if (c.id().startsWith("lemma1") || c.id().startsWith("stability") || c.id().startsWith("conjecture")
                    || c.id().startsWith("control.lemma1") || c.id().startsWith("control.stability")) {
                continue; // numerical claims: their runs are not exact replays
            }
            for (InstanceSource f : c.families()) {
                e.add(new Entry(c.id(), f, seed++, 3, 4));
                if (e.stream().filter(x -> x.claimId().equals(c.id())).count() >= 2) {
                    break;
                }
            }
        }
        return e;
    }

    /** File name of an entry. */
    public static String fileName(Entry e) {
        return e.claimId() + "--" + e.family().id() + "-" + e.seed() + ".json";
    }

    /** Writes every entry's case with its recorded verdict into {@code dir}. */
    public static void write(Path dir) {
        ClaimRegistry reg = ClaimRegistry.standard();
        for (Entry e : entries()) {
            Claim c = reg.get(e.claimId());
            CheckSettings s = new CheckSettings(30, e.maxDim(), e.maxDepth());
            Instance in = InstanceFamilies.generate(e.family(), e.seed(), c.limits(s));
            Outcome o = c.decide(in, s);
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("description", "regression case for " + c.id() + " drawn by org.flatminima.claims.Corpus");
            root.put("claim", c.id());
            root.put("family", e.family().id());
            root.put("seed", Long.toString(e.seed()));
            root.put("max_dim", e.maxDim());
            root.put("max_depth", e.maxDepth());
            root.put("expect", o.verdict().name());
            root.setAll(CaseFile.toJson(in.network(), true, true));
            try {
                SafeFiles.writeString(dir.resolve(fileName(e)), Json.mapper().writeValueAsString(root) + "\n");
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    public static void main(String[] args) {
        write(Path.of(args.length > 0 ? args[0] : "test-cases/corpus"));
    }
}
