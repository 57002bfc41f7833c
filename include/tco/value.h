/* SPDX-License-Identifier: MIT */
/* value: a numeric cell of a scenario file or price sheet (SPEC §3), parsed once into a compact
 * form and drawn once per trial from a caller-supplied GSL generator.
 *
 * Grammar (spaces allowed between tokens; every number may carry a leading `$` and a trailing
 * `%`, which divides it by 100):
 *   number                    120   0.007   1.5e4   2%   $20   -5%
 *   uniform(a,b)  |  a..b     a <= b
 *   normal(mean,sd)           sd >= 0
 *   lognormal(mean,sd)        mean and sd of the value itself; mean > 0, sd >= 0
 *   triangular(min,mode,max)  min <= mode <= max
 *   pert(min,mode,max)        min <= mode <= max (Beta-PERT, lambda 4)
 *   ci90(lo,hi)               lo < hi: 5th/95th percentiles; lognormal when 0 < lo, else normal
 *   poisson(mean)             mean >= 0
 * Names are case-insensitive. NaN, infinities and numbers that overflow a double are refused.
 */
#ifndef TCO_VALUE_H
#define TCO_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <gsl/gsl_rng.h>

typedef enum tco_dist {
    TCO_DIST_CONST,
    TCO_DIST_UNIFORM,
    TCO_DIST_NORMAL,
    TCO_DIST_LOGNORMAL,
    TCO_DIST_TRIANGULAR,
    TCO_DIST_PERT,
    TCO_DIST_CI90_NORMAL,
    TCO_DIST_CI90_LOGNORMAL,
    TCO_DIST_POISSON
} tco_dist;

/* A parsed cell. a, b, c are the parameters as written (after `%` and `$`); p, q are derived
 * once at parse time so a draw does no setup (e.g. mu and sigma of a lognormal). */
typedef struct tco_value {
    tco_dist dist;
    double a, b, c;
    double p, q;
} tco_value;

/* Parses `cell` into *out. Returns NULL on success; else a static message of the form
 * "a number or a distribution" / "a second parameter" / "sd >= 0" suitable after
 * "expected ", and sets *err_pos to the 1-based character offset in the cell where the problem
 * was found (for "uniform(15,,40)" the second comma, 12). An empty cell is an error. */
const char *tco_value_parse(const char *cell, tco_value *out, size_t *err_pos);

/* The likely cause of a cell that tco_value_parse refused (a thousands separator, a decimal
 * comma, a space before `%`, a suffix such as k: tco/cellhint.h) with what to write instead,
 * as the text after "expected " in expected (size >= 1): `a decimal point, not a comma (write
 * 0.0079)`. False when no known cause fits or what it would say to write does not parse. */
bool tco_value_explain(const char *cell, char *expected, size_t size);

/* A constant value. */
tco_value tco_value_const(double x);

/* One draw. Constants return their number without touching r. Thread-safe for distinct r. */
double tco_value_draw(const tco_value *v, gsl_rng *r);

/* The expected value of the distribution (SPEC §7 reads rules from means). */
double tco_value_mean(const tco_value *v);

/* The support: [*lo, *hi], infinite where unbounded (normal tails). */
void tco_value_support(const tco_value *v, double *lo, double *hi);

/* Where 99.9% of the draws fall: the support for bounded distributions (uniform, triangular,
 * pert, constants), the central 99.9% (0.05% to 99.95%) for unbounded ones. Loaders check a
 * column's range against this, so clamping a draw into the range moves at most 0.1% of them. */
void tco_value_bulk(const tco_value *v, double *lo, double *hi);

/* True when the support is unbounded on either side (tco_value_bulk is then narrower). */
bool tco_value_unbounded(const tco_value *v);

/* True when the value is the number 0, or a distribution that can only be 0 (SPEC §5:
 * usage a workload "has" is a cell that is not constantly zero). */
bool tco_value_is_zero(const tco_value *v);

/* True for TCO_DIST_CONST. */
bool tco_value_is_const(const tco_value *v);

/* ============================================================================================
 * Inverse CDFs: x = F^-1(u), so that x of a uniform u has the distribution tco_value_draw
 * draws (the same clamping into the support, the same degenerate cases as constants). For u in
 * [0, 1]: u <= 0 and u >= 1 are read as the smallest and largest u a double can hold inside
 * (0, 1), so the ends of an unbounded distribution are finite (a normal's are about -37.5 and
 * +8.2 sd); a bounded one stays inside its support. Uniform and triangular give exactly what
 * tco_value_draw gives for the same uniform.
 * ========================================================================================== */

/* F^-1(u) without tables: closed forms (uniform, triangular), GSL's normal and lognormal Pinv,
 * GSL's beta Pinv for PERT (about 1.3 us a call), and for Poisson the smallest k with
 * CDF(k) >= u, CDF(k) being gsl_cdf_poisson_P. For per-trial use, see tco_value_inverse. */
double tco_value_quantile(const tco_value *v, double u);

/* F^-1 of one cell, ready for per-trial use: built once (at load time), then read by any
 * number of threads. PERT reads a table (two halves of 256 cubic Hermite intervals in
 * s = u^(1/alpha) and s = (1-u)^(1/beta), in which the beta quantile is smooth; 8 KiB a cell):
 * |F(x) - u| <= 1e-9 and |x - F^-1(u)| <= 1e-9 (max - min) for every u (measured 2.3e-10 and
 * 1.1e-10; tests/test_value.c checks 1e-9 on a grid). Poisson with a CDF that reaches
 * 1 - 2^-53 by k = 4096 (means up to about 3,700) searches a table of CDF(0..k) and gives
 * exactly tco_value_quantile's k; larger means search the CDF from a normal guess. Every other
 * kind is tco_value_quantile. A plain struct: copy it only to read it. */
typedef struct tco_value_inverse {
    tco_value v;
    double *table; /* owned; NULL when the kind needs none */
    size_t n;      /* doubles in table */
} tco_value_inverse;

/* Builds the inverse of *v (copied). Out of memory exits 70 (tco_xmalloc). */
void tco_value_inverse_init(tco_value_inverse *inv, const tco_value *v);

/* Frees the table; accepts NULL. */
void tco_value_inverse_fini(tco_value_inverse *inv);

/* F^-1(u) as tco_value_quantile, to the accuracy stated above. Thread-safe. */
double tco_value_inverse_at(const tco_value_inverse *inv, double u);

#endif
