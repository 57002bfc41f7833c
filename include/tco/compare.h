/* SPDX-License-Identifier: MIT */
/* compare: pairwise statistics of a run's options (issue 5: which plan wins, how surely, and
 * by how much a new sheet moves an option).
 *
 * An engine observer (tco_observer, engine.h) keeps, for every unordered pair (i < j) of
 * options, the paired difference d = TCO_j - TCO_i of each trial in which both are offered:
 * its moments (mean and standard error) and a signed quantile summary. d gives the pairwise
 * counts by the half-cent rule of SPEC §6 (TCO_TIE_DOLLARS, the rule p_cheapest uses): d > $0.005
 * is "i cheaper than j", d < -$0.005 "j cheaper than i", |d| <= $0.005 a tie, so
 * P(i < j) + P(j < i) + P(tie) = 1 exactly in counts. Because all options of a trial share the
 * workload and the price draws (SPEC §6, common random numbers), the difference is paired: its
 * spread is that of the difference, not of the two TCOs.
 *
 * A difference can be negative: its quantiles come from a tco_signed_sketch (stats). Memory
 * per summary is O(options^2), independent of the trial count; the sketches allocate on first
 * use, so a pair that never differs costs no buckets.
 *
 * The sheet diff's pairs of options (sheet_diff) are differences like any other: the report
 * reads their statistics here; the observer keeps the run's prices for it (tco_compare_prices).
 */
#ifndef TCO_COMPARE_H
#define TCO_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tco/engine.h"
#include "tco/option.h"
#include "tco/pricesheet.h"
#include "tco/stats.h"

/* ---- the observer ---------------------------------------------------------------------- */

/* The summary of one run (opaque): what the observer left in tco_result.observed. */
typedef struct tco_compare tco_compare;

/* The observer to pass to the engine (tco_cmd_simulate). `prices` is the run's price set; it
 * must outlive the results (the sheet diff reads its plans). Thread-safe as the engine needs. */
tco_observer tco_compare_observer(const tco_prices *prices);

/* The compare summary of r, found among r's observers; NULL when the run had none. */
const tco_compare *tco_compare_find(const tco_result *r);

/* The paired difference TCO_b - TCO_a of options a != b over the trials where both were
 * offered. In words of option a against b: `n_cheaper` trials where a cost less by more than
 * half a cent, `n_dearer` where it cost more by more than half a cent, `n_tie` where the two are
 * within half a cent (SPEC §6; n = the three added). */
typedef struct tco_difference {
    uint64_t n, n_cheaper, n_dearer, n_tie;
    double p_cheaper, p_cheaper_se; /* n_cheaper / n and sqrt(p (1-p) / n) */
    double p_cheaper_lo, p_cheaper_hi; /* its Wilson 95% interval (tco_proportion_interval95) */
    double p_tie;
    double mean, mean_se;           /* of TCO_b - TCO_a */
    double min, max;                /* exact extremes of TCO_b - TCO_a */
} tco_difference;

/* Fills *out for options a and b (indices into the result's options). Returns false, with
 * out->n == 0, when either is not offered or a == b. */
bool tco_compare_difference(const tco_compare *c, size_t a, size_t b, tco_difference *out);
/* Quantile q of TCO_b - TCO_a (tco_signed_sketch_quantile); NAN when there is none. */
double tco_compare_difference_quantile(const tco_compare *c, size_t a, size_t b, double q);

/* The prices the compare summary of a run was made with. */
const tco_prices *tco_compare_prices(const tco_compare *c);

#endif
