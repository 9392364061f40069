/**
 * The results model: claims, instances, verdicts and run metadata as records, and their JSON form
 * ({@code results.json}, validated against {@code results.schema.json}). Checkers, experiments and
 * renderers all depend on it; it depends on none of them.
 */
package org.flatminima.results;
