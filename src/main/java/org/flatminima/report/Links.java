package org.flatminima.report;

import org.flatminima.results.Figure;
import org.flatminima.results.InstanceResult;

/** Where a report links to for files outside it: figures and saved cases. Null means "no link". */
interface Links {
    /** The href of a figure of claim {@code claimId}, relative to the report directory, or null. */
    String figure(String claimId, Figure figure);

    /** The href of the saved case of an instance, relative to the report directory, or null. */
    String savedCase(String claimId, InstanceResult instance);

    /** The figure as a {@code data:} URI to embed in a self-contained page, or null to link instead. */
    default String figureData(String claimId, Figure figure) {
        return null;
    }

    /** Links to nothing. */
    Links NONE = new Links() {
        @Override
        public String figure(String claimId, Figure figure) {
            return null;
        }

        @Override
        public String savedCase(String claimId, InstanceResult instance) {
            return null;
        }
    };
}
