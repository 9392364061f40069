/**
 * Report writers for results files (Markdown, self-contained HTML, JUnit XML, LaTeX) and the comparison with a
 * baseline that flags regressions.
 */
package org.flatminima.report;
