/**
 * Case files: one network (layers, Sigma_x, target, or samples) as JSON, read at exact values and
 * written back, above the model they describe.
 */
package org.flatminima.cases;
