/* SPDX-License-Identifier: MIT */
/* sensitivity: equal-probability bins of every uncertain input (tco/sensitivity.h). */
#include "tco/sensitivity.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>

#include "tco/rng.h"
#include "tco/scenario.h"
#include "tco/value.h"
#include "tco/workload.h"
#include "tco/xalloc.h"

/* N_PADDED: the edges padded with +infinity to 31, for the branch-free search of bin_of (its
 * five probes reach index 26 at most) */
enum { B = TCO_SENSITIVITY_BINS, N_EDGES = TCO_SENSITIVITY_BINS - 1, N_PADDED = 31 };
_Static_assert(N_EDGES <= N_PADDED, "bin_of searches at most 31 edges");

/* A value of information below this share of the least mean TCO is the rounding of two sums
 * of the same trials in different orders (each ~1e-16 relative a term, over up to 1e9 trials),
 * not information. */
#define ROUNDING 1e-9

typedef enum input_kind {
    INPUT_SCENARIO,     /* workload->draws[index] */
    INPUT_SCHEDULE,     /* workload->step_draws[index] (SPEC §12.1) */
    INPUT_PRICE,        /* price_draws[index] */
    INPUT_SEAT_NOISE,
    INPUT_VOLUME_NOISE,
    INPUT_SPIKES
} input_kind;

typedef struct sens_input {
    input_kind kind;
    size_t index;
    char *name;
    double edges[N_PADDED]; /* ascending: a value x is in bin #{edges < x}; +inf past N_EDGES */
} sens_input;

struct tco_sensitivity {
    const tco_prices *prices;
    size_t n_inputs;
    sens_input *inputs;
    size_t n_offered;
    size_t *offered;       /* [n_offered]: option indices */
    size_t n_options;
    double *count;         /* [input * B + bin] */
    double *sum;           /* [(input * B + bin) * n_offered + k] */
    size_t n_pairs;
    /* (k < l) at l (l-1)/2 + k, over offered indices: the moments of TCO_l - TCO_k (scaled
     * moments: no square overflows, whatever the money) */
    tco_moments *pairs;
    double n_trials;       /* in this summary */
    double least_sum;      /* sum over trials of the least TCO of the trial */
};

/* ---- inputs -------------------------------------------------------------------------------- */

/* The quantiles k/B, k = 1..B-1, of a cell, by its inverse CDF. */
static void value_edges(const tco_value *v, double *edges)
{
    for (int k = 1; k < B; k++)
        edges[k - 1] = tco_value_quantile(v, (double)k / B);
}

/* Of a normal with mean 0 and standard deviation sd (0: every edge 0). */
static void normal_edges(double sd, double *edges)
{
    for (int k = 1; k < B; k++)
        edges[k - 1] = sd > 0 ? gsl_cdf_gaussian_Pinv((double)k / B, sd) : 0;
}

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* `spikes` has no closed-form distribution (a random number of spikes, each of a random
 * multiplier, with a spike probability that may itself be drawn): cut it at the quantiles of a
 * pilot sample drawn as tco_workload_sample draws it, from a stream of its own with a fixed
 * seed, so that the cut points depend on the scenario alone. */
static void spike_edges(const tco_scenario *s, double *edges)
{
    const bool spiky =
        !(tco_value_is_const(&s->v[TCO_SCN_SPIKE_PROBABILITY]) &&
          tco_value_mean(&s->v[TCO_SCN_SPIKE_PROBABILITY]) == 0);
    if (!spiky) {
        for (int k = 0; k < N_EDGES; k++)
            edges[k] = 0;
        return;
    }
    gsl_rng *r = tco_rng_alloc();
    tco_rng_seed_named(r, 0, tco_rng_name_key(s->name), tco_rng_name_key("sensitivity:spikes"), 0);
    double *x = tco_xcalloc(TCO_SENSITIVITY_PILOT, sizeof *x);
    double d[TCO_SCN_N_FIELDS];
    for (size_t t = 0; t < TCO_SENSITIVITY_PILOT; t++) {
        tco_scenario_draw(s, r, d);
        const double p = d[TCO_SCN_SPIKE_PROBABILITY];
        double sum = 0;
        for (int m = 0; p > 0 && m < s->months; m++)
            if (gsl_rng_uniform(r) < p)
                sum += tco_scenario_draw_spike(s, r) - 1;
        x[t] = sum;
    }
    qsort(x, TCO_SENSITIVITY_PILOT, sizeof *x, compare_doubles);
    for (int k = 1; k < B; k++) /* the lower quantile of the pilot: rank ceil(k n / B) - 1 */
        edges[k - 1] = x[(k * TCO_SENSITIVITY_PILOT + B - 1) / B - 1];
    free(x);
    gsl_rng_free(r);
}

/* The name of price cell `value` of the sheets (SPEC §10): price:Vendor/Plan/item, with the
 * tier's [from-to] when the item has several (an open last tier [from-]). */
static char *price_cell_name(const tco_prices *p, size_t value)
{
    for (size_t j = 0; j < p->n_plans; j++) {
        const tco_plan *plan = &p->plans[j];
        for (int item = 0; item < TCO_N_ITEMS; item++) {
            const tco_item_price *ip = &plan->items[item];
            for (size_t k = 0; k < ip->n_tiers; k++) {
                const tco_tier *t = &ip->tiers[k];
                if (t->price != value)
                    continue;
                if (ip->n_tiers == 1)
                    return tco_xasprintf("price:%s/%s", plan->name, tco_item_name((tco_item)item));
                if (isinf(t->hi))
                    return tco_xasprintf("price:%s/%s[%.15g-]", plan->name,
                                         tco_item_name((tco_item)item), t->lo);
                return tco_xasprintf("price:%s/%s[%.15g-%.15g]", plan->name,
                                     tco_item_name((tco_item)item), t->lo, t->hi);
            }
        }
    }
    return tco_xasprintf("price:#%zu", value); /* a cell no tier reads: not made by the loader */
}

static void add_input(tco_sensitivity *s, size_t *cap, input_kind kind, size_t index, char *name)
{
    if (s->n_inputs == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        s->inputs = tco_xreallocarray(s->inputs, *cap, sizeof *s->inputs);
    }
    sens_input *in = &s->inputs[s->n_inputs++];
    *in = (sens_input){kind, index, name, {0}};
    for (int k = N_EDGES; k < N_PADDED; k++)
        in->edges[k] = INFINITY;
}

/* Every uncertain input of scenario sc and the prices, with its bins. spike_multiplier is drawn
 * per spike, not per trial: `spikes` stands for it. */
static void inputs_build(tco_sensitivity *s, const tco_scenario *sc)
{
    size_t cap = 0;
    for (int f = 0; f < TCO_SCN_N_FIELDS; f++) {
        if (f == TCO_SCN_SPIKE_MULTIPLIER || tco_value_is_const(&sc->v[f]))
            continue;
        add_input(s, &cap, INPUT_SCENARIO, (size_t)f,
                  tco_xstrdup(tco_scenario_field_name((tco_scn_field)f)));
        value_edges(&sc->v[f], s->inputs[s->n_inputs - 1].edges);
    }
    for (size_t k = 0; k < sc->n_steps; k++) { /* a schedule's cells: schedule:COLUMN@MONTH */
        if (tco_value_is_const(&sc->steps[k].level))
            continue;
        add_input(s, &cap, INPUT_SCHEDULE, k, tco_xstrdup(sc->steps[k].input));
        value_edges(&sc->steps[k].level, s->inputs[s->n_inputs - 1].edges);
    }
    const tco_prices *p = s->prices;
    for (size_t v = 0; v < p->n_values; v++) {
        /* a cell that takes an identical earlier cell's draw (tco_prices.draw_from) is that
         * input again */
        if (tco_value_is_const(&p->values[v]) || (p->draw_from && p->draw_from[v] != v))
            continue;
        add_input(s, &cap, INPUT_PRICE, v, price_cell_name(p, v));
        value_edges(&p->values[v], s->inputs[s->n_inputs - 1].edges);
    }
    /* the mean of months - 1 standard normal shocks */
    const double shock_sd = sc->months > 1 ? 1 / sqrt((double)(sc->months - 1)) : 0;
    const bool seat_walk = !(tco_value_is_const(&sc->v[TCO_SCN_SEAT_VOLATILITY]) &&
                             tco_value_mean(&sc->v[TCO_SCN_SEAT_VOLATILITY]) == 0);
    const bool volume_walk = !(tco_value_is_const(&sc->v[TCO_SCN_VOLUME_VOLATILITY]) &&
                               tco_value_mean(&sc->v[TCO_SCN_VOLUME_VOLATILITY]) == 0);
    add_input(s, &cap, INPUT_SEAT_NOISE, 0, tco_xstrdup("seat_noise"));
    normal_edges(seat_walk ? shock_sd : 0, s->inputs[s->n_inputs - 1].edges);
    add_input(s, &cap, INPUT_VOLUME_NOISE, 0, tco_xstrdup("volume_noise"));
    normal_edges(volume_walk ? shock_sd : 0, s->inputs[s->n_inputs - 1].edges);
    add_input(s, &cap, INPUT_SPIKES, 0, tco_xstrdup("spikes"));
    spike_edges(sc, s->inputs[s->n_inputs - 1].edges);
}

static double input_value(const sens_input *in, const tco_trial_view *view)
{
    switch (in->kind) {
    case INPUT_SCENARIO: return view->workload->draws[in->index];
    case INPUT_SCHEDULE: return view->workload->step_draws[in->index];
    case INPUT_PRICE: return view->price_draws[in->index];
    case INPUT_SEAT_NOISE: return view->workload->seat_noise;
    case INPUT_VOLUME_NOISE: return view->workload->volume_noise;
    default: return view->workload->spikes;
    }
}

/* The bin of x: how many edges lie below it (a value on an edge is in the lower bin, so the
 * bins of a discrete input's values follow its CDF). A binary search without branches (each
 * probe adds its half when the edge is below x): a branching search's mispredictions were most
 * of the observer's time, and a count over every edge cost 60 instructions an input. */
static int bin_of(const double *edges, double x)
{
    int b = 0;
    b += (edges[b + 15] < x) << 4;
    b += (edges[b + 7] < x) << 3;
    b += (edges[b + 3] < x) << 2;
    b += (edges[b + 1] < x) << 1;
    b += edges[b] < x;
    return b;
}

/* ---- the observer ------------------------------------------------------------------------ */

static size_t pair_index(size_t k, size_t l)
{
    return l * (l - 1) / 2 + k;
}

static void sens_reset(void *summary)
{
    tco_sensitivity *s = summary;
    memset(s->count, 0, s->n_inputs * B * sizeof *s->count);
    memset(s->sum, 0, s->n_inputs * B * s->n_offered * sizeof *s->sum);
    for (size_t k = 0; k < s->n_pairs; k++)
        tco_moments_init(&s->pairs[k]);
    s->n_trials = 0;
    s->least_sum = 0;
}

static void *sens_alloc(void *ctx, const tco_scenario *sc, const tco_option_set *options,
                        int months)
{
    (void)months;
    tco_sensitivity *s = tco_xcalloc(1, sizeof *s);
    s->prices = ctx;
    s->n_options = options->n;
    s->offered = tco_xcalloc(options->n + 1, sizeof *s->offered);
    for (size_t o = 0; o < options->n; o++)
        if (options->items[o].offered)
            s->offered[s->n_offered++] = o;
    inputs_build(s, sc);
    s->count = tco_xcalloc(s->n_inputs * B + 1, sizeof *s->count);
    s->sum = tco_xcalloc(s->n_inputs * B * s->n_offered + 1, sizeof *s->sum);
    s->n_pairs = s->n_offered * (s->n_offered - (s->n_offered > 0)) / 2;
    s->pairs = tco_xcalloc(s->n_pairs + 1, sizeof *s->pairs);
    sens_reset(s);
    return s;
}

static void sens_free(void *summary)
{
    tco_sensitivity *s = summary;
    if (!s)
        return;
    for (size_t i = 0; i < s->n_inputs; i++)
        free(s->inputs[i].name);
    free(s->inputs);
    free(s->offered);
    free(s->count);
    free(s->sum);
    free(s->pairs);
    free(s);
}

/* The per-thread scratch: the trial's TCO of each offered option. */
static void *sens_scratch_alloc(void *ctx, const tco_option_set *options, int months)
{
    (void)ctx, (void)months;
    return tco_xcalloc(options->n + 1, sizeof(double));
}

static void sens_trial(void *summary, const tco_trial_view *view)
{
    tco_sensitivity *s = summary;
    const size_t n = s->n_offered;
    if (n == 0)
        return;
    double *y = view->scratch;
    double least = INFINITY;
    for (size_t k = 0; k < n; k++) {
        y[k] = view->cost->total[s->offered[k]];
        if (y[k] < least)
            least = y[k];
    }
    s->least_sum += least;
    for (size_t i = 0; i < s->n_inputs; i++) {
        const sens_input *in = &s->inputs[i];
        const size_t cell = i * B + (size_t)bin_of(in->edges, input_value(in, view));
        s->count[cell] += 1;
        double *row = s->sum + cell * n;
        for (size_t k = 0; k < n; k++)
            row[k] += y[k];
    }
    for (size_t l = 1; l < n; l++)
        for (size_t k = 0; k < l; k++)
            tco_moments_add(&s->pairs[pair_index(k, l)], y[l] - y[k]);
    s->n_trials += 1;
}

static void sens_merge(void *dst, const void *src)
{
    tco_sensitivity *a = dst;
    const tco_sensitivity *b = src;
    for (size_t c = 0; c < a->n_inputs * B; c++)
        a->count[c] += b->count[c];
    for (size_t c = 0; c < a->n_inputs * B * a->n_offered; c++)
        a->sum[c] += b->sum[c];
    for (size_t k = 0; k < a->n_pairs; k++)
        tco_moments_merge(&a->pairs[k], &b->pairs[k]);
    a->n_trials += b->n_trials;
    a->least_sum += b->least_sum;
}

/* SPEC §13: a summary's counts and sums for another process; the inputs and their cut points
 * are not sent, every process makes the same from the same scenario. */
static void sens_pack(const void *summary, tco_packer *w)
{
    const tco_sensitivity *s = summary;
    tco_pack_u64(w, s->n_inputs);
    tco_pack_u64(w, s->n_offered);
    tco_pack_bytes(w, s->count, s->n_inputs * B * sizeof *s->count);
    tco_pack_bytes(w, s->sum, s->n_inputs * B * s->n_offered * sizeof *s->sum);
    for (size_t k = 0; k < s->n_pairs; k++)
        tco_moments_pack(w, &s->pairs[k]);
    tco_pack_f64(w, s->n_trials);
    tco_pack_f64(w, s->least_sum);
}

static void sens_unpack(void *summary, tco_unpacker *r)
{
    tco_sensitivity *s = summary;
    if (!tco_unpack_check(r, tco_unpack_u64(r) == s->n_inputs) ||
        !tco_unpack_check(r, tco_unpack_u64(r) == s->n_offered))
        return;
    tco_unpack_bytes(r, s->count, s->n_inputs * B * sizeof *s->count);
    tco_unpack_bytes(r, s->sum, s->n_inputs * B * s->n_offered * sizeof *s->sum);
    for (size_t k = 0; k < s->n_pairs && r->ok; k++)
        tco_moments_unpack(r, &s->pairs[k]);
    s->n_trials = tco_unpack_f64(r);
    s->least_sum = tco_unpack_f64(r);
}

tco_observer tco_sensitivity_observer(const tco_prices *prices)
{
    /* ctx is only read back as const (sens_alloc) */
    return (tco_observer){sens_alloc, sens_reset,         sens_trial, sens_merge,
                          sens_free,  sens_scratch_alloc, free,       (void *)prices,
                          sens_pack,  sens_unpack};
}

const tco_sensitivity *tco_sensitivity_find(const tco_result *r)
{
    for (size_t k = 0; r->observed && k < r->n_observers; k++)
        if (r->observers[k].trial == sens_trial)
            return r->observed[k];
    return NULL;
}

size_t tco_sensitivity_n_inputs(const tco_sensitivity *s)
{
    return s->n_inputs;
}

const char *tco_sensitivity_input_name(const tco_sensitivity *s, size_t input)
{
    return s->inputs[input].name;
}

/* ---- the figures -------------------------------------------------------------------------- */

bool tco_sensitivity_leaders(const tco_result *r, size_t *leader, size_t *runner_up)
{
    size_t best[2] = {(size_t)-1, (size_t)-1};
    double best_p[2] = {0, 0};
    for (size_t o = 0; o < r->options.n; o++) {
        if (!r->options.items[o].offered || r->per_option[o].tco.n == 0)
            continue;
        const double p = tco_result_p_cheapest(r, o, NULL);
        for (int slot = 0; slot < 2; slot++) {
            bool better = best[slot] == (size_t)-1 || p > best_p[slot];
            if (!better && p == best_p[slot]) {
                const double m = r->per_option[o].tco.mean, mb = r->per_option[best[slot]].tco.mean;
                better = m < mb || (m == mb && strcmp(r->options.items[o].name,
                                                      r->options.items[best[slot]].name) < 0);
            }
            if (better) {
                if (slot == 0) {
                    best[1] = best[0];
                    best_p[1] = best_p[0];
                }
                best[slot] = o;
                best_p[slot] = p;
                break;
            }
        }
    }
    *leader = best[0];
    *runner_up = best[1];
    return best[1] != (size_t)-1;
}

/* The offered slot of option o, or n_offered. */
static size_t slot_of(const tco_sensitivity *s, size_t o)
{
    for (size_t k = 0; k < s->n_offered; k++)
        if (s->offered[k] == o)
            return k;
    return s->n_offered;
}

/* The mean of target (a slot, or delta: the slots l minus k) over the trials of cell c. */
static double cell_mean(const tco_sensitivity *s, size_t c, size_t slot, size_t l, size_t k)
{
    const double *row = s->sum + c * s->n_offered;
    const double n = s->count[c];
    return slot != s->n_offered ? row[slot] / n : (row[l] - row[k]) / n;
}

/* The mean of the target over the trials of bins [from, to) of input i, NAN when none; *trials
 * gets how many. */
static double range_mean(const tco_sensitivity *s, size_t i, int from, int to, size_t slot,
                         size_t l, size_t k, double *trials)
{
    double n = 0, sum = 0;
    for (int b = from; b < to; b++) {
        const size_t c = i * B + (size_t)b;
        if (s->count[c] == 0)
            continue;
        n += s->count[c];
        sum += cell_mean(s, c, slot, l, k) * s->count[c];
    }
    *trials = n;
    return n > 0 ? sum / n : NAN;
}

bool tco_sensitivity_effect(const tco_sensitivity *s, const tco_result *r, size_t input,
                            size_t target, tco_input_effect *out)
{
    *out = (tco_input_effect){NAN, NAN, NAN, NAN, NAN};
    const double N = s->n_trials;
    size_t slot = s->n_offered, k = 0, l = 0;
    double mean, sd;
    if (target == TCO_SENSITIVITY_DELTA) {
        size_t leader, runner;
        if (!tco_sensitivity_leaders(r, &leader, &runner))
            return false;
        k = slot_of(s, leader);
        l = slot_of(s, runner);
        if (k == s->n_offered || l == s->n_offered)
            return false;
        /* delta = TCO_runner - TCO_leader; the pair holds TCO_hi - TCO_lo of the slots */
        const tco_moments *m = &s->pairs[pair_index(k < l ? k : l, k < l ? l : k)];
        mean = l > k ? m->mean : -m->mean;
        sd = tco_moments_sd(m);
    } else {
        slot = slot_of(s, target);
        if (slot == s->n_offered)
            return false;
        const tco_moments *m = &r->per_option[target].tco;
        mean = m->mean;
        sd = tco_moments_sd(m);
    }
    if (!(N > 0))
        return false;
    /* r = SSB / SST with SST = (N - 1) sd^2, from deviations in units of sd, so that no
     * square of money overflows */
    double ratio = 0;
    int used = 0;
    for (int b = 0; b < B; b++) {
        const size_t c = input * B + (size_t)b;
        if (s->count[c] == 0)
            continue;
        used++;
        const double z = sd > 0 ? (cell_mean(s, c, slot, l, k) - mean) / sd : 0;
        ratio += s->count[c] * z * z;
    }
    double first = 0;
    if (used > 1 && sd > 0 && N > used) {
        ratio /= N - 1;
        /* S = (SSB - (B' - 1) MSW) / SST with MSW = (SST - SSB) / (N - B') */
        const double within = ratio < 1 ? (1 - ratio) / (N - used) : 0;
        first = ratio - (used - 1) * within;
        first = first < 0 ? 0 : first > 1 ? 1 : first;
    }
    out->first_order = first;
    /* the tornado's ends: the lowest and highest 10%, or a discrete input's lowest and highest
     * bin with trials when its ends hold none */
    const int tail = TCO_SENSITIVITY_TAIL_BINS;
    double n_low, n_high;
    out->low_mean = range_mean(s, input, 0, tail, slot, l, k, &n_low);
    out->high_mean = range_mean(s, input, B - tail, B, slot, l, k, &n_high);
    for (int b = 0; isnan(out->low_mean) && b < B; b++)
        out->low_mean = range_mean(s, input, b, b + 1, slot, l, k, &n_low);
    for (int b = B - 1; isnan(out->high_mean) && b >= 0; b--)
        out->high_mean = range_mean(s, input, b, b + 1, slot, l, k, &n_high);
    out->swing_se = sd * sqrt(1 / n_low + 1 / n_high);
    if (target == TCO_SENSITIVITY_DELTA) {
        /* SPEC §10: the least mean overall minus the mean over bins of the least bin mean */
        double least = INFINITY;
        for (size_t j = 0; j < s->n_offered; j++) {
            const double m = r->per_option[s->offered[j]].tco.mean;
            least = m < least ? m : least;
        }
        double informed = 0;
        for (int b = 0; b < B; b++) {
            const size_t c = input * B + (size_t)b;
            if (s->count[c] == 0)
                continue;
            double bin_least = INFINITY;
            for (size_t j = 0; j < s->n_offered; j++) {
                const double m = s->sum[c * s->n_offered + j] / s->count[c];
                bin_least = m < bin_least ? m : bin_least;
            }
            informed += s->count[c] / N * bin_least;
        }
        /* >= 0 in exact arithmetic (a mean of minima is at most the minimum of means); what
         * is left of sums of the same money in another order is rounding, not value */
        const double evppi = least - informed;
        out->evppi = evppi > ROUNDING * fabs(least) ? evppi : 0;
    }
    return true;
}

double tco_sensitivity_evpi(const tco_sensitivity *s, const tco_result *r)
{
    if (s->n_offered < 2 || !(s->n_trials > 0))
        return NAN;
    double least = INFINITY;
    for (size_t j = 0; j < s->n_offered; j++) {
        const double m = r->per_option[s->offered[j]].tco.mean;
        least = m < least ? m : least;
    }
    const double evpi = least - s->least_sum / s->n_trials;
    return evpi > ROUNDING * fabs(least) ? evpi : 0;
}
