/* SPDX-License-Identifier: MIT */
/* copula: the Gaussian copula of SPEC §12.3, per trial.
 *
 * The Cholesky factor is computed once per scenario; a trial costs n normals, n(n+1)/2
 * multiply-adds, n Phi and n inverse CDFs (a few hundred instructions an input: PERT's is a
 * table, tco/value.h).
 */
#include "tco/copula.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#include "tco/mirror.h"
#include "tco/xalloc.h"

double tco_copula_normal_correlation(double rank_correlation)
{
    const double pi = 3.14159265358979323846; /* M_PI is not C11 */
    return 2 * sin(pi * rank_correlation / 6);
}

bool tco_copula_cholesky(size_t n, const double *corr, double *lower)
{
    assert(n >= 1 && n <= TCO_COPULA_MAX_INPUTS);
    double a[TCO_COPULA_MAX_INPUTS * TCO_COPULA_MAX_INPUTS];
    memcpy(a, corr, n * n * sizeof *a);
    gsl_matrix_view m = gsl_matrix_view_array(a, n, n);
    /* GSL_EDOM when a pivot is not positive: not positive definite */
    if (gsl_linalg_cholesky_decomp1(&m.matrix) != GSL_SUCCESS)
        return false;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            lower[i * n + j] = j <= i ? a[i * n + j] : 0;
    return true;
}

void tco_copula_init(tco_copula *c, size_t n, const size_t *slot, const tco_value *const *cell,
                     const double *lo, const double *hi, const double *lower)
{
    assert(n >= 1 && n <= TCO_COPULA_MAX_INPUTS);
    c->n = n;
    c->inputs = tco_xcalloc(n, sizeof *c->inputs);
    c->lower = tco_xmalloc(n * n * sizeof *c->lower);
    memcpy(c->lower, lower, n * n * sizeof *c->lower);
    for (size_t k = 0; k < n; k++) {
        c->inputs[k].slot = slot[k];
        tco_value_inverse_init(&c->inputs[k].inv, cell[k]);
        c->inputs[k].lo = lo[k];
        c->inputs[k].hi = hi[k];
    }
}

void tco_copula_fini(tco_copula *c)
{
    if (!c)
        return;
    for (size_t k = 0; k < c->n; k++)
        tco_value_inverse_fini(&c->inputs[k].inv);
    free(c->inputs);
    free(c->lower);
    memset(c, 0, sizeof *c);
}

tco_copula *tco_copula_alloc(size_t n, const size_t *slot, const tco_value *const *cell,
                             const double *lo, const double *hi, const double *lower)
{
    tco_copula *c = tco_xmalloc(sizeof *c);
    tco_copula_init(c, n, slot, cell, lo, hi, lower);
    return c;
}

void tco_copula_free(tco_copula *c)
{
    tco_copula_fini(c);
    free(c);
}

void tco_copula_draw(const tco_copula *c, gsl_rng *r, double *draws)
{
    double normal[TCO_COPULA_MAX_INPUTS];
    const size_t n = c->n;
    for (size_t k = 0; k < n; k++)
        normal[k] = tco_mirror_normal(r); /* SPEC §11: -z in a mirrored pair's partner */
    for (size_t i = 0; i < n; i++) {
        const double *row = c->lower + i * n;
        double z = 0;
        for (size_t j = 0; j <= i; j++)
            z += row[j] * normal[j];
        const double u = gsl_cdf_ugaussian_P(z);
        const tco_copula_input *in = &c->inputs[i];
        const double x = tco_value_inverse_at(&in->inv, u);
        draws[in->slot] = x < in->lo ? in->lo : x > in->hi ? in->hi : x;
    }
}
