/**
 * The paper's Section 6 experiments on MNIST (Figs. 4-7 and the linear check): the plan of tasks, sharding and
 * resuming, figures, and numerical verdicts written as results.
 */
package org.flatminima.experiments;
