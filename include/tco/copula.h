/* SPDX-License-Identifier: MIT */
/* copula: correlated draws of a few cells of one trial through a Gaussian copula (SPEC §12.3).
 *
 * Per trial: n independent standard normals from the copula's own stream, z = L n with L the
 * Cholesky factor of the inputs' normal correlation matrix, u = Phi(z), and each input
 * x = F^-1(u) by its inverse CDF (tco_value_inverse), clamped into its column's range as
 * tco_scenario_draw clamps. So every marginal is the cell's own distribution, and the rank
 * (Spearman) correlation of two continuous inputs is (6/pi) asin(r/2) for normal correlation r:
 * r = 2 sin(pi rho / 6) gives the rank correlation rho asked for. Streaming, one trial at a
 * time, so it keeps the engine's determinism for any thread count.
 */
#ifndef TCO_COPULA_H
#define TCO_COPULA_H

#include <stdbool.h>
#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "tco/value.h"

/* At most this many inputs in one copula (a scenario has 25 columns drawn per trial). */
#define TCO_COPULA_MAX_INPUTS 32

/* The normal correlation whose Gaussian copula gives rank correlation rho: 2 sin(pi rho / 6)
 * (Pearson 1907; rho = 0.5 gives 0.5176, rho = 1 gives 1). */
double tco_copula_normal_correlation(double rank_correlation);

/* The lower Cholesky factor of the n x n correlation matrix corr (row-major, symmetric) into
 * lower (row-major, zeros above the diagonal), by GSL (gsl_linalg_cholesky_decomp1). Returns
 * false when the matrix is not positive definite (lower is then undefined). n <= 
 * TCO_COPULA_MAX_INPUTS. Needs GSL's error handler off (main does it). */
bool tco_copula_cholesky(size_t n, const double *corr, double *lower);

/* One correlated input: where its draw goes in the trial's array of draws, its cell, and the
 * range its draw is clamped into. */
typedef struct tco_copula_input {
    size_t slot;
    tco_value_inverse inv;
    double lo, hi;
} tco_copula_input;

typedef struct tco_copula {
    size_t n;
    tco_copula_input *inputs; /* [n] */
    double *lower;            /* [n * n]: the Cholesky factor */
} tco_copula;

/* A copula of n inputs (n <= TCO_COPULA_MAX_INPUTS): slot[k], cell[k] (its inverse CDF is
 * tabulated here, once), lo[k] and hi[k] of input k, and the Cholesky factor `lower` (copied).
 * Out of memory exits 70. */
void tco_copula_init(tco_copula *c, size_t n, const size_t *slot, const tco_value *const *cell,
                     const double *lo, const double *hi, const double *lower);
/* Accepts NULL. */
void tco_copula_fini(tco_copula *c);

/* A heap copula (tco_copula_init); tco_copula_free finis and frees it, and accepts NULL. */
tco_copula *tco_copula_alloc(size_t n, const size_t *slot, const tco_value *const *cell,
                             const double *lo, const double *hi, const double *lower);
void tco_copula_free(tco_copula *c);

/* One trial: draws n standard normals from r (GSL's ziggurat, in input order) and writes each
 * input's correlated draw into draws[slot]. Nothing else of draws is touched. Thread-safe for
 * distinct r. */
void tco_copula_draw(const tco_copula *c, gsl_rng *r, double *draws);

#endif
