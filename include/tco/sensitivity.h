/* SPDX-License-Identifier: MIT */
/* sensitivity: what drives the decision (SPEC §10), from the run's own trials.
 *
 * An engine observer. For every uncertain input of a scenario (each scenario cell and price
 * cell that is a distribution, and the grouped month-to-month inputs seat_noise, volume_noise
 * and spikes) it cuts the input's own distribution into TCO_SENSITIVITY_BINS bins of equal
 * probability, once, before the first trial (the cut points are the input's quantiles from its
 * CDF; `spikes`, which has no closed form, is cut at the quantiles of a fixed pilot sample), and
 * keeps per (input, bin) the trial count and the sum of every offered option's TCO. These are
 * integer counts and block-ordered sums, so the result is the same for any thread count.
 *
 * The decision quantity delta = TCO(runner_up) - TCO(leader) is known only when the run ends
 * (the leader has the highest p_cheapest): its bin means are differences of two options' bin
 * means, and its variance comes from per-pair moments of TCO differences, which the observer
 * also keeps (O(options^2), as compare does). From these, for a target T and an input X:
 *
 *   first_order = (SSB - (B' - 1) MSW) / SST, clamped to [0, 1]: the correlation ratio
 *                 Var(E[T | X]) / Var(T) with the ANOVA correction for within-bin noise
 *                 (SSB = sum_b n_b (mean_b - mean)^2, SST = sum (T - mean)^2,
 *                 MSW = (SST - SSB) / (N - B'), B' the bins that hold trials);
 *   low_mean, high_mean: T's mean over the trials whose input lies in its lowest and highest
 *                 10% (the first and last TCO_SENSITIVITY_TAIL_BINS bins; a discrete input
 *                 whose lowest values hold more than 10% gives its lowest value's bin);
 *   evppi (delta): min_o mean_o - sum_b (n_b / N) min_o mean_ob;
 *   evpi: min_o mean_o - mean over trials of min_o TCO_o.
 *
 * Memory per summary: inputs x bins x (offered options + 1) doubles plus a tco_moments a pair of
 * options; independent of the trial count.
 */
#ifndef TCO_SENSITIVITY_H
#define TCO_SENSITIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "tco/engine.h"
#include "tco/pricesheet.h"

/* At least 10 bins (SPEC §10); 20 puts the tornado's 10% ends on two whole bins each. */
#define TCO_SENSITIVITY_BINS 20
#define TCO_SENSITIVITY_TAIL_BINS 2

/* The pilot sample that cuts `spikes` into bins: its size, and its stream's fixed seed (the
 * cut points depend on the scenario only, not on --seed). */
#define TCO_SENSITIVITY_PILOT 4096

/* The summary of one run (opaque): what the observer left in tco_result.observed. */
typedef struct tco_sensitivity tco_sensitivity;

/* The observer to pass to the engine. `prices` must outlive the results (input names). */
tco_observer tco_sensitivity_observer(const tco_prices *prices);

/* The sensitivity summary of r among its observers; NULL when the run had none. */
const tco_sensitivity *tco_sensitivity_find(const tco_result *r);

/* Its inputs, in row order: the scenario's columns (in SPEC §4 order), the schedule's cells
 * (schedule:COLUMN@MONTH, in the scenario's step order), the price cells (plans in sheet
 * order, items, tiers), then seat_noise, volume_noise, spikes. */
size_t tco_sensitivity_n_inputs(const tco_sensitivity *s);
/* "seats", "price:Vendor/Plan/sms[0-150000]", "spikes"; valid while the summary lives. */
const char *tco_sensitivity_input_name(const tco_sensitivity *s, size_t input);

/* SPEC §10: the leader (highest p_cheapest; ties by the lower mean TCO, then the name) and
 * the runner_up among the offered options of r. False when fewer than two are offered. */
bool tco_sensitivity_leaders(const tco_result *r, size_t *leader, size_t *runner_up);

/* What one input does to one target. */
typedef struct tco_input_effect {
    double first_order;
    double low_mean, high_mean;
    double evppi;           /* NAN but on delta */
    /* the standard error of high_mean - low_mean, from the target's sd (an upper bound of the
     * within-bin spread) and the trials at each end: a swing within a few of them is noise */
    double swing_se;
} tco_input_effect;

/* The target: an option's index, or TCO_SENSITIVITY_DELTA. */
#define TCO_SENSITIVITY_DELTA ((size_t)-1)

/* The effect of `input` on `target` (an offered option of r, or delta when r has a leader and a
 * runner-up). False, with *out all NAN, when the target has no trials. */
bool tco_sensitivity_effect(const tco_sensitivity *s, const tco_result *r, size_t input,
                            size_t target, tco_input_effect *out);

/* The expected value of perfect information about everything, in $ (>= 0); NAN when fewer
 * than two options are offered. */
double tco_sensitivity_evpi(const tco_sensitivity *s, const tco_result *r);

#endif
