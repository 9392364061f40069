package org.flatminima.claims;

import org.flatminima.results.ClaimKind;
import java.util.List;

/** Holds the descriptive fields every claim has; subclasses implement {@link #decide}. */
public abstract class BaseClaim implements Claim {
    private final String id;
    private final String title;
    private final String statement;
    private final ClaimKind kind;
    private final String section;
    private final List<String> hypotheses;
    private final List<InstanceSource> families;

    protected BaseClaim(String id, String title, String statement, ClaimKind kind, String section,
            List<String> hypotheses, List<InstanceSource> families) {
        this.id = id;
        this.title = title;
        this.statement = statement;
        this.kind = kind;
        this.section = section;
        this.hypotheses = List.copyOf(hypotheses);
        this.families = List.copyOf(families);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String statement() {
        return statement;
    }

    @Override
    public ClaimKind kind() {
        return kind;
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public List<String> hypotheses() {
        return hypotheses;
    }

    @Override
    public List<InstanceSource> families() {
        return families;
    }
}
