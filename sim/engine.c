/* SPDX-License-Identifier: MIT */
/* engine: trials x options on one sampled workload per trial, summarised block by block.
 *
 * Determinism for any thread count (SPEC §2 reproducibility): a block's trials depend only on
 * (seed, scenario key, block index); a block's summary depends only on its trials; summaries
 * are merged into the total strictly in block order, whatever order the workers finish in. A
 * worker may run ahead of the merge by at most `window` blocks, which bounds memory.
 *
 * Streams keyed by names (SPEC §6: adding a sheet re-draws nothing else): in block b the
 * workload of every trial comes from the stream named "workload", and the price cells of each
 * plan from the stream named by the plan's name ("Vendor/Plan", or "Vendor/Plan@sheet"), each
 * keyed (seed, scenario, name, b) by tco_rng_seed_named. A plan name always holds a '/', so it
 * never meets "workload". A hybrid draws its two plans' cells from their two streams, as the
 * plans' own options do, so it too keeps its numbers when an unrelated sheet comes or goes.
 * A scenario with correlated inputs (s->copula) draws the copula's normals from the stream
 * named "correlations", so that every other draw is what it is without them.
 *
 * SPEC §11. --precision: tco_engine_run runs the blocks up to a check point (1, 2, 4, ... blocks,
 * then the cap) and, once all of them are merged, in order as always, the total decides
 * whether the run stops there, so the stop depends on the merged statistics alone, never on
 * threads. --antithetic: each stream is read through a mirror (tco/mirror.h) that records trial
 * 2i's draws and hands trial 2i+1 their mirror images; the summaries add the moments of the
 * pairs' means, from which the standard errors come (tco_result_mean_se,
 * tco_result_p_cheapest).
 */
#include "tco/engine.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tco/cost.h"
#include "tco/defaults.h"
#include "tco/mirror.h"
#include "tco/rng.h"
#include "tco/workload.h"
#include "tco/xalloc.h"

/* ---- summaries ------------------------------------------------------------------------- */

/* Month-by-month sketches are kept per worker and in the total, not per block: their bucket
 * counts are integers, so they merge to the same bits in any order, and a block summary without
 * them is small (at 600 months x 11 options they were most of the memory). */
static void option_result_init(tco_option_result *r, int months, bool monthly_sketches)
{
    memset(r, 0, sizeof *r);
    tco_moments_init(&r->tco);
    tco_moments_init(&r->pair_tco);
    tco_sketch_init_capped(&r->tco_q, TCO_TOTAL_QUANTILE_REL_ACCURACY,
                           TCO_TOTAL_SKETCH_MAX_KEYS);
    tco_sketch_init_capped(&r->max_bill_q, TCO_TOTAL_QUANTILE_REL_ACCURACY,
                           TCO_TOTAL_SKETCH_MAX_KEYS);
    r->month_sum = tco_xcalloc((size_t)months, sizeof *r->month_sum);
    if (!monthly_sketches)
        return;
    r->month_q = tco_xcalloc((size_t)months, sizeof *r->month_q);
    r->cum_q = tco_xcalloc((size_t)months, sizeof *r->cum_q);
    for (int m = 0; m < months; m++) {
        tco_sketch_init(&r->month_q[m], TCO_QUANTILE_REL_ACCURACY);
        tco_sketch_init(&r->cum_q[m], TCO_QUANTILE_REL_ACCURACY);
    }
}

static void option_result_fini(tco_option_result *r, int months)
{
    tco_sketch_fini(&r->tco_q);
    tco_sketch_fini(&r->max_bill_q);
    if (r->month_q)
        for (int m = 0; m < months; m++) {
            tco_sketch_fini(&r->month_q[m]);
            tco_sketch_fini(&r->cum_q[m]);
        }
    free(r->month_sum);
    free(r->month_q);
    free(r->cum_q);
    memset(r, 0, sizeof *r);
}

static void option_result_reset(tco_option_result *r, int months)
{
    tco_moments_init(&r->tco);
    tco_moments_init(&r->pair_tco);
    tco_sketch_reset(&r->tco_q);
    tco_sketch_reset(&r->max_bill_q);
    r->cheapest_sum = r->cheapest_sumsq = 0;
    r->over_budget = 0;
    r->pair_cheapest_sum = r->pair_cheapest_sumsq = 0;
    for (int m = 0; m < months; m++)
        r->month_sum[m] = 0;
    for (int c = 0; c < TCO_N_COMPONENTS; c++)
        r->component_sum[c] = 0;
}

static void option_result_merge(tco_option_result *dst, const tco_option_result *src, int months)
{
    tco_moments_merge(&dst->tco, &src->tco);
    tco_sketch_merge(&dst->tco_q, &src->tco_q);
    tco_sketch_merge(&dst->max_bill_q, &src->max_bill_q);
    dst->over_budget += src->over_budget;
    dst->cheapest_sum += src->cheapest_sum;
    dst->cheapest_sumsq += src->cheapest_sumsq;
    tco_moments_merge(&dst->pair_tco, &src->pair_tco);
    dst->pair_cheapest_sum += src->pair_cheapest_sum;
    dst->pair_cheapest_sumsq += src->pair_cheapest_sumsq;
    for (int m = 0; m < months; m++)
        dst->month_sum[m] += src->month_sum[m];
    for (int c = 0; c < TCO_N_COMPONENTS; c++)
        dst->component_sum[c] += src->component_sum[c];
}

/* dst's month-by-month sketches += src's (any order gives the same result). */
static void monthly_sketches_merge(tco_option_result *dst, const tco_option_result *src,
                                   int months)
{
    for (int m = 0; m < months; m++) {
        tco_sketch_merge(&dst->month_q[m], &src->month_q[m]);
        tco_sketch_merge(&dst->cum_q[m], &src->cum_q[m]);
    }
}

/* ---- the run --------------------------------------------------------------------------- */

/* One scenario's run (tco_engine): what run_block reads, and the thread pool of the range of
 * blocks being run. */
typedef struct tco_engine {
    const tco_scenario *s;
    const tco_prices *p;
    const tco_engine_config *cfg;
    const tco_option_set *set;
    int months;
    uint64_t key;               /* the scenario's (tco_engine_scenario_key) */
    uint64_t workload_key;      /* tco_rng_name_key("workload") */
    uint64_t *plan_keys;        /* [n_plans]: tco_rng_name_key of each plan's name */
    unsigned long n_trials;     /* cfg->n_trials, rounded up to a whole pair when antithetic */
    unsigned long n_blocks;
    tco_result *out;
    unsigned long merged;       /* blocks merged into total, in order (tco_engine_merge) */

    /* the range being run (tco_engine_run_blocks) */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned long next_block;   /* next block to hand out */
    unsigned long emitted;      /* blocks handed to emit, in order */
    unsigned long end_block;    /* the range's end */
    bool (*emit)(void *ctx, const tco_block *block);
    void *emit_ctx;
    size_t window;
    tco_option_result **slots;  /* [window][n_options] */
    void ***observed_slots;     /* [window][n_observers] */
    bool *slot_done;
    tco_option_result *total;
    void **observed_total;      /* [n_observers] */
    bool cancelled;
    bool monthly_taken;         /* a worker's month-by-month sketches became the total's (once in
                                 * the run, whatever its ranges) */
} run_state;

/* Per-thread workspace, allocated before the first trial (nothing is allocated per trial). */
typedef struct worker_ws {
    gsl_rng *rng;       /* the workload's stream */
    gsl_rng **plan_rng; /* [n_plans]: each plan's price stream */
    tco_workload w;
    tco_cost_ws cost;
    double *price_draws;
    /* Month-by-month values of recent trials, as sketch keys: keys[series][t], a series being
     * (option, monthly or cumulative, month), series = (2 option + kind) months + month; and
     * the exact extremes of each series over the batch, lo[series] and hi[series]. */
    uint32_t *keys;
    double *lo, *hi;
    size_t n_series;
    size_t batch_len;
    void **scratch; /* [n_observers] */
    tco_option_result *monthly; /* [n_options]: this worker's month-by-month sketches */
    /* --antithetic: mirrors (tco/mirror.h) of rng, plan_rng and the workload's schedule and
     * copula streams, which the draws read (the streams themselves without pairs); the
     * workload's own streams while the mirrors stand in for them; and the first trial of the
     * current pair: its TCO and cheapest share per option */
    gsl_rng *draw_rng;
    gsl_rng **plan_draw;
    gsl_rng *schedule_base, *copula_base;
    double *first_tco, *first_share;
} worker_ws;

/* Month-by-month values are kept as keys for a batch of trials and then added series by series,
 * so one sketch's buckets stay in cache for a whole batch instead of being evicted by the
 * other options x months x 2 sketches between two of its adds (measured: the adds were 55% of
 * the run, nearly all of it cache misses). Keys rather than values halve the bytes, and the
 * batch is as long as BATCH_BYTES allows, which keeps it in the L2 cache (measured: series by
 * series reads beat a row per trial by ~8%). */
#define BATCH_BYTES (256u << 10)
#define BATCH_MIN 16u

static void batch_extremes_reset(worker_ws *ws)
{
    for (size_t i = 0; i < ws->n_series; i++) {
        ws->lo[i] = INFINITY;
        ws->hi[i] = -INFINITY;
    }
}

/* Adds the buffered month-by-month values of `count` trials to the worker's sketches. */
static void flush_batch(const run_state *st, worker_ws *ws, size_t count)
{
    const size_t months = (size_t)st->months;
    for (size_t o = 0; o < st->set->n; o++) {
        if (!st->set->items[o].offered)
            continue;
        for (size_t kind = 0; kind < 2; kind++) {
            tco_sketch *sk = kind ? ws->monthly[o].cum_q : ws->monthly[o].month_q;
            for (size_t m = 0; m < months; m++) {
                const size_t series = (2 * o + kind) * months + m;
                tco_sketch_add_keys(&sk[m], ws->keys + series * ws->batch_len, count, 1,
                                    ws->lo[series], ws->hi[series]);
            }
        }
    }
    batch_extremes_reset(ws);
}

/* Records one trial's month-by-month costs of option o: their keys into this trial's column
 * col of the batch, the series' extremes, and month_sum. */
static void record_months(worker_ws *ws, size_t o, int months, const double *monthly,
                          double *restrict month_sum, uint32_t *restrict col)
{
    const tco_sketch *sk = &ws->monthly[o].month_q[0]; /* every sketch has the same mapping */
    const size_t base = 2 * o * (size_t)months, B = ws->batch_len;
    uint32_t *restrict km = col + base * B, *restrict kc = km + (size_t)months * B;
    double *restrict lo_m = ws->lo + base, *restrict hi_m = ws->hi + base;
    double *restrict lo_c = lo_m + months, *restrict hi_c = hi_m + months;
    double cum = 0;
    for (int m = 0; m < months; m++) {
        const double c = monthly[m];
        cum += c;
        month_sum[m] += c;
        km[(size_t)m * B] = tco_sketch_key(sk, c);
        kc[(size_t)m * B] = tco_sketch_key(sk, cum);
        lo_m[m] = c < lo_m[m] ? c : lo_m[m];
        hi_m[m] = c > hi_m[m] ? c : hi_m[m];
        lo_c[m] = cum < lo_c[m] ? cum : lo_c[m];
        hi_c[m] = cum > hi_c[m] ? cum : hi_c[m];
    }
}

static bool cancel_requested(const run_state *st)
{
    /* relaxed: a late look only costs one more block */
    return st->cfg->cancel && atomic_load_explicit(st->cfg->cancel, memory_order_relaxed) != 0;
}

/* Runs block b into summary `out` (already reset). Returns false when cancelled. */
static bool run_block(run_state *st, worker_ws *ws, unsigned long b, tco_option_result *out,
                      void **observed)
{
    const unsigned long first = b * TCO_BLOCK_TRIALS;
    unsigned long n = st->n_trials - first;
    if (n > TCO_BLOCK_TRIALS)
        n = TCO_BLOCK_TRIALS;
    const size_t n_opt = st->set->n;
    const int months = st->months;
    const size_t BATCH = ws->batch_len;
    const uint64_t seed = st->cfg->seed;
    tco_rng_seed_named(ws->rng, seed, st->key, st->workload_key, b);
    /* SPEC §12.1: a schedule's levels, from the stream "schedule" (no plan name: no '/') */
    if (st->s->n_steps)
        tco_workload_seed_schedule(&ws->w, seed, st->key, b);
    for (size_t j = 0; j < st->p->n_plans; j++)
        tco_rng_seed_named(ws->plan_rng[j], seed, st->key, st->plan_keys[j], b);
    if (ws->w.copula_rng) /* the copula's normals: a stream of their own (SPEC §12.3) */
        tco_rng_seed_named(ws->copula_base, seed, st->key, tco_rng_name_key("correlations"), b);
    const bool paired = st->cfg->antithetic;
    for (unsigned long t = 0; t < n; t++) {
        if ((t & 63) == 0 && cancel_requested(st))
            return false;
        /* SPEC §11: trial 2i records its draws, trial 2i+1 mirrors them (a block starts a pair:
         * TCO_BLOCK_TRIALS is even) */
        const bool second = paired && (t & 1);
        if (paired) {
            const tco_mirror_mode mode = second ? TCO_MIRROR_MIRROR : TCO_MIRROR_RECORD;
            tco_mirror_set_mode(ws->draw_rng, mode);
            for (size_t j = 0; j < st->p->n_plans; j++)
                tco_mirror_set_mode(ws->plan_draw[j], mode);
            tco_mirror_set_mode(ws->w.schedule_rng, mode);
            if (ws->w.copula_rng)
                tco_mirror_set_mode(ws->w.copula_rng, mode);
        }
        tco_workload_sample(&ws->w, st->s, ws->draw_rng);
        /* in index order: a paired cell takes an earlier plan's draw (tco_prices_draw_plan) */
        for (size_t j = 0; j < st->p->n_plans; j++)
            tco_prices_draw_plan(st->p, j, ws->plan_draw[j], ws->price_draws);
        tco_cost_trial_components(&ws->cost, st->p, st->set, ws->price_draws, &ws->w);
        for (size_t k = 0; k < st->cfg->n_observers; k++) {
            const tco_trial_view view = {st->s, st->p, st->set, ws->price_draws, &ws->w,
                                         &ws->cost, ws->scratch[k], paired ? 1 + second : 0};
            st->cfg->observers[k].trial(observed[k], &view);
        }

        /* SPEC §6 p_cheapest: the k options within half a cent of the lowest TCO tie with it
         * and get 1/k of the trial each */
        double best = INFINITY;
        for (size_t o = 0; o < n_opt; o++)
            if (st->set->items[o].offered && ws->cost.total[o] < best)
                best = ws->cost.total[o];
        unsigned ties = 0;
        for (size_t o = 0; o < n_opt; o++)
            ties += st->set->items[o].offered && tco_ties_with_lowest(ws->cost.total[o], best);
        const double share = ties ? 1.0 / ties : 0;
        for (size_t o = 0; o < n_opt; o++) {
            if (!st->set->items[o].offered)
                continue;
            tco_option_result *r = &out[o];
            const double x = ws->cost.total[o];
            tco_moments_add(&r->tco, x);
            tco_sketch_add(&r->tco_q, x);
            const double *comp = ws->cost.components + o * TCO_N_COMPONENTS;
            for (int c = 0; c < TCO_N_COMPONENTS; c++)
                r->component_sum[c] += comp[c];
            const double bill = ws->cost.max_bill[o];
            tco_sketch_add(&r->max_bill_q, bill);
            r->over_budget += st->cfg->has_budget && bill > st->cfg->budget;
            const double mine = tco_ties_with_lowest(x, best) ? share : 0;
            if (mine != 0) {
                r->cheapest_sum += mine;
                r->cheapest_sumsq += mine * mine;
            }
            if (second) {
                const double pair_share = (ws->first_share[o] + mine) / 2;
                tco_moments_add(&r->pair_tco, (ws->first_tco[o] + x) / 2);
                r->pair_cheapest_sum += pair_share;
                r->pair_cheapest_sumsq += pair_share * pair_share;
            } else if (paired) {
                ws->first_tco[o] = x;
                ws->first_share[o] = mine;
            }
            record_months(ws, o, months, ws->cost.monthly + o * (size_t)months, r->month_sum,
                          ws->keys + t % BATCH);
        }
        if (t % BATCH == BATCH - 1 || t + 1 == n)
            flush_batch(st, ws, t % BATCH + 1);
    }
    return true;
}

static void *worker(void *arg)
{
    run_state *st = arg;
    worker_ws ws;
    ws.rng = tco_rng_alloc();
    ws.plan_rng = tco_xcalloc(st->p->n_plans + 1, sizeof *ws.plan_rng);
    for (size_t j = 0; j < st->p->n_plans; j++)
        ws.plan_rng[j] = tco_rng_alloc();
    tco_workload_init(&ws.w, st->months);
    ws.w.copula_rng = st->s->copula ? tco_rng_alloc() : NULL; /* SPEC §12.3 */
    /* without --antithetic the draws come from the streams themselves */
    const bool paired = st->cfg->antithetic;
    ws.draw_rng = paired ? tco_mirror_alloc(ws.rng) : ws.rng;
    ws.plan_draw = tco_xcalloc(st->p->n_plans + 1, sizeof *ws.plan_draw);
    for (size_t j = 0; j < st->p->n_plans; j++)
        ws.plan_draw[j] = paired ? tco_mirror_alloc(ws.plan_rng[j]) : ws.plan_rng[j];
    ws.schedule_base = ws.w.schedule_rng;
    ws.copula_base = ws.w.copula_rng;
    if (paired) { /* the workload reads its own streams through mirrors too */
        ws.w.schedule_rng = tco_mirror_alloc(ws.schedule_base);
        if (ws.copula_base)
            ws.w.copula_rng = tco_mirror_alloc(ws.copula_base);
    }
    ws.first_tco = tco_xcalloc(st->set->n + 1, sizeof *ws.first_tco);
    ws.first_share = tco_xcalloc(st->set->n + 1, sizeof *ws.first_share);
    tco_cost_ws_init(&ws.cost, st->p->n_plans, st->set->n, st->months);
    ws.price_draws = tco_xcalloc(st->p->n_values + 1, sizeof *ws.price_draws);
    ws.n_series = st->set->n * (size_t)st->months * 2;
    ws.batch_len = BATCH_BYTES / (ws.n_series * sizeof *ws.keys);
    if (ws.batch_len < BATCH_MIN)
        ws.batch_len = BATCH_MIN;
    if (ws.batch_len > TCO_BLOCK_TRIALS)
        ws.batch_len = TCO_BLOCK_TRIALS;
    ws.keys = tco_xcalloc(ws.n_series * ws.batch_len, sizeof *ws.keys);
    ws.lo = tco_xcalloc(ws.n_series, sizeof *ws.lo);
    ws.hi = tco_xcalloc(ws.n_series, sizeof *ws.hi);
    batch_extremes_reset(&ws);
    ws.monthly = tco_xcalloc(st->set->n + 1, sizeof *ws.monthly);
    for (size_t o = 0; o < st->set->n; o++)
        option_result_init(&ws.monthly[o], st->months, true);
    ws.scratch = tco_xcalloc(st->cfg->n_observers + 1, sizeof *ws.scratch);
    for (size_t k = 0; k < st->cfg->n_observers; k++)
        if (st->cfg->observers[k].scratch_alloc)
            ws.scratch[k] = st->cfg->observers[k].scratch_alloc(st->cfg->observers[k].ctx,
                                                                st->set, st->months);

    for (;;) {
        pthread_mutex_lock(&st->mu);
        while (!st->cancelled && st->next_block < st->end_block &&
               st->next_block >= st->emitted + st->window)
            pthread_cond_wait(&st->cv, &st->mu);
        if (st->cancelled || st->next_block >= st->end_block) {
            pthread_mutex_unlock(&st->mu);
            break;
        }
        const unsigned long b = st->next_block++;
        const size_t slot = b % st->window;
        pthread_mutex_unlock(&st->mu);

        tco_option_result *sum = st->slots[slot];
        for (size_t o = 0; o < st->set->n; o++)
            option_result_reset(&sum[o], st->months);
        for (size_t k = 0; k < st->cfg->n_observers; k++)
            st->cfg->observers[k].reset(st->observed_slots[slot][k]);
        const bool done = run_block(st, &ws, b, sum, st->observed_slots[slot]);

        pthread_mutex_lock(&st->mu);
        if (!done) {
            st->cancelled = true;
        } else {
            st->slot_done[slot] = true;
            /* hand every finished block that is next in order to emit */
            while (st->emitted < st->end_block && st->slot_done[st->emitted % st->window]) {
                const size_t s = st->emitted % st->window;
                const tco_block block = {st->emitted, st->slots[s], st->observed_slots[s]};
                st->slot_done[s] = false;
                if (!st->emit(st->emit_ctx, &block)) {
                    st->cancelled = true;
                    break;
                }
                st->emitted++;
            }
        }
        pthread_cond_broadcast(&st->cv);
        pthread_mutex_unlock(&st->mu);
    }

    /* this worker's month-by-month sketches into the total: integer counts, so the order in
     * which workers get here does not matter. The first to get here hands its sketches over
     * instead of copying them (the total's are still empty and unallocated): one set fewer in
     * memory (measured: 600 months x 11 options, 2 threads, 408 -> 270 MB). */
    pthread_mutex_lock(&st->mu);
    for (size_t o = 0; o < st->set->n; o++) {
        tco_option_result *total = &st->total[o];
        if (!st->monthly_taken) {
            tco_sketch *q = total->month_q, *c = total->cum_q;
            total->month_q = ws.monthly[o].month_q;
            total->cum_q = ws.monthly[o].cum_q;
            ws.monthly[o].month_q = q;
            ws.monthly[o].cum_q = c;
        } else {
            monthly_sketches_merge(total, &ws.monthly[o], st->months);
        }
    }
    st->monthly_taken = true;
    pthread_mutex_unlock(&st->mu);
    for (size_t o = 0; o < st->set->n; o++)
        option_result_fini(&ws.monthly[o], st->months);
    free(ws.monthly);

    if (paired) {
        tco_mirror_free(ws.draw_rng);
        for (size_t j = 0; j < st->p->n_plans; j++)
            tco_mirror_free(ws.plan_draw[j]);
        tco_mirror_free(ws.w.schedule_rng);
        if (ws.copula_base)
            tco_mirror_free(ws.w.copula_rng);
        ws.w.schedule_rng = ws.schedule_base; /* the workload frees its own */
        ws.w.copula_rng = ws.copula_base;
    }
    free(ws.plan_draw);
    free(ws.first_tco);
    free(ws.first_share);
    gsl_rng_free(ws.rng);
    for (size_t j = 0; j < st->p->n_plans; j++)
        gsl_rng_free(ws.plan_rng[j]);
    free(ws.plan_rng);
    gsl_rng_free(ws.w.copula_rng);
    tco_workload_fini(&ws.w);
    tco_cost_ws_fini(&ws.cost);
    free(ws.price_draws);
    free(ws.keys);
    free(ws.lo);
    free(ws.hi);
    for (size_t k = 0; k < st->cfg->n_observers; k++)
        if (st->cfg->observers[k].scratch_free)
            st->cfg->observers[k].scratch_free(ws.scratch[k]);
    free(ws.scratch);
    return NULL;
}

uint64_t tco_engine_scenario_key(const tco_scenario *s)
{
    return tco_rng_name_key(s->name);
}

tco_engine *tco_engine_begin(const tco_scenario *s, const tco_prices *p,
                             const tco_engine_config *cfg, tco_result *out)
{
    memset(out, 0, sizeof *out);
    out->scenario = s;
    out->months = s->months;
    /* SPEC §11: an odd --trials rounds up to a whole pair */
    const unsigned long n_trials = cfg->n_trials + (cfg->antithetic && (cfg->n_trials & 1));
    out->n_trials = out->trials_cap = n_trials;
    out->precision = cfg->precision;
    out->antithetic = cfg->antithetic;
    out->seed = cfg->seed;
    out->has_budget = cfg->has_budget;
    out->budget = cfg->budget;
    tco_options_build(&out->options, p, s);
    const size_t n_opt = out->options.n;
    out->per_option = tco_xcalloc(n_opt + 1, sizeof *out->per_option);
    for (size_t o = 0; o < n_opt; o++)
        option_result_init(&out->per_option[o], s->months, true);

    const size_t n_obs = cfg->n_observers;
    out->observers = cfg->observers;
    out->n_observers = n_obs;
    out->observed = tco_xcalloc(n_obs + 1, sizeof *out->observed);
    for (size_t k = 0; k < n_obs; k++)
        out->observed[k] = cfg->observers[k].alloc(cfg->observers[k].ctx, s, &out->options, s->months);

    run_state *e = tco_xcalloc(1, sizeof *e);
    run_state st;
    memset(&st, 0, sizeof st);
    st.out = out;
    st.observed_total = out->observed;
    st.s = s;
    st.p = p;
    st.cfg = cfg;
    st.set = &out->options;
    st.months = s->months;
    st.key = tco_engine_scenario_key(s);
    st.workload_key = tco_rng_name_key("workload");
    st.plan_keys = tco_xcalloc(p->n_plans + 1, sizeof *st.plan_keys);
    for (size_t j = 0; j < p->n_plans; j++)
        st.plan_keys[j] = tco_rng_name_key(p->plans[j].name);
    st.n_trials = n_trials;
    st.n_blocks = (n_trials + TCO_BLOCK_TRIALS - 1) / TCO_BLOCK_TRIALS;
    unsigned threads = cfg->n_threads ? cfg->n_threads : 1;
    if (threads > st.n_blocks)
        threads = (unsigned)st.n_blocks;
    st.window = 2 * (size_t)threads;
    st.total = out->per_option;
    st.slots = tco_xcalloc(st.window, sizeof *st.slots);
    st.slot_done = tco_xcalloc(st.window, sizeof *st.slot_done);
    st.observed_slots = tco_xcalloc(st.window, sizeof *st.observed_slots);
    for (size_t w = 0; w < st.window; w++) {
        st.slots[w] = tco_xcalloc(n_opt + 1, sizeof **st.slots);
        for (size_t o = 0; o < n_opt; o++)
            option_result_init(&st.slots[w][o], s->months, false);
        st.observed_slots[w] = tco_xcalloc(n_obs + 1, sizeof **st.observed_slots);
        for (size_t k = 0; k < n_obs; k++)
            st.observed_slots[w][k] =
                cfg->observers[k].alloc(cfg->observers[k].ctx, s, &out->options, s->months);
    }
    *e = st;
    pthread_mutex_init(&e->mu, NULL);
    pthread_cond_init(&e->cv, NULL);
    return e;
}

unsigned long tco_engine_n_blocks(const tco_engine *e)
{
    return e->n_blocks;
}

tco_status tco_engine_run_blocks(tco_engine *e, unsigned long b0, unsigned long b1,
                                 bool (*emit)(void *ctx, const tco_block *block), void *ctx)
{
    run_state *st = e;
    if (b1 > st->n_blocks)
        b1 = st->n_blocks;
    if (b0 > b1)
        b0 = b1;
    st->next_block = st->emitted = b0;
    st->end_block = b1;
    st->emit = emit;
    st->emit_ctx = ctx;
    unsigned threads = st->cfg->n_threads ? st->cfg->n_threads : 1;
    if (threads > b1 - b0)
        threads = (unsigned)(b1 - b0);
    if (threads <= 1 || st->cancelled) {
        worker(st);
    } else {
        pthread_t *tid = tco_xcalloc(threads, sizeof *tid);
        unsigned started = 0;
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, worker, st) != 0)
                break;
        if (started == 0)
            worker(st); /* no thread could start: run here, same result */
        for (unsigned i = 0; i < started; i++)
            pthread_join(tid[i], NULL);
        free(tid);
    }
    return st->cancelled ? TCO_EINTERRUPTED : TCO_OK;
}

bool tco_engine_merge(tco_engine *e, const tco_block *block)
{
    run_state *st = e;
    if (block->index != st->merged || st->merged >= st->n_blocks)
        return false;
    for (size_t o = 0; o < st->set->n; o++)
        option_result_merge(&st->total[o], &block->options[o], st->months);
    for (size_t k = 0; k < st->cfg->n_observers; k++)
        st->cfg->observers[k].merge(st->observed_total[k], block->observed[k]);
    st->merged++;
    if (st->cfg->progress) {
        unsigned long trials = st->merged * TCO_BLOCK_TRIALS;
        if (trials > st->n_trials)
            trials = st->n_trials;
        st->cfg->progress(st->cfg->progress_ctx, trials, st->n_trials);
    }
    return true;
}

tco_status tco_engine_end(tco_engine *e)
{
    run_state *st = e;
    const size_t n_opt = st->set->n, n_obs = st->cfg->n_observers;
    pthread_mutex_destroy(&st->mu);
    pthread_cond_destroy(&st->cv);
    for (size_t w = 0; w < st->window; w++) {
        for (size_t o = 0; o < n_opt; o++)
            option_result_fini(&st->slots[w][o], st->months);
        free(st->slots[w]);
        for (size_t k = 0; k < n_obs; k++)
            st->cfg->observers[k].free(st->observed_slots[w][k]);
        free(st->observed_slots[w]);
    }
    free(st->slots);
    free(st->observed_slots);
    free(st->slot_done);
    free(st->plan_keys);
    const tco_status status = st->cancelled ? TCO_EINTERRUPTED : TCO_OK;
    free(st);
    return status;
}

/* The thread pool's emit: every block merged as it comes (in order). */
static bool emit_merge(void *ctx, const tco_block *block)
{
    return tco_engine_merge(ctx, block);
}

tco_status tco_engine_run(const tco_scenario *s, const tco_prices *p,
                          const tco_engine_config *cfg, tco_result *out)
{
    tco_engine *e = tco_engine_begin(s, p, cfg, out);
    if (!(cfg->precision > 0)) {
        tco_engine_run_blocks(e, 0, e->n_blocks, emit_merge, e);
        return tco_engine_end(e);
    }
    /* SPEC §11: the check points 1, 2, 4, ... blocks, then the cap; each range's blocks and
     * month-by-month sketches are all merged when run_blocks returns, so the total decides */
    for (unsigned long done = 0, limit = 1;;) {
        if (tco_engine_run_blocks(e, done, limit, emit_merge, e) != TCO_OK)
            break;
        done = limit;
        out->n_trials = done * TCO_BLOCK_TRIALS < e->n_trials ? done * TCO_BLOCK_TRIALS
                                                              : e->n_trials;
        if (tco_result_precise(out, cfg->precision)) {
            out->precision_met = true;
            break;
        }
        if (limit == e->n_blocks)
            break;
        limit = 2 * limit < e->n_blocks ? 2 * limit : e->n_blocks;
    }
    return tco_engine_end(e);
}

/* ---- packed summaries (tco/pack.h) --------------------------------------------------------- */

size_t tco_observer_packed_size(const tco_observer *o, const void *summary)
{
    tco_packer w = tco_packer_counting();
    o->pack(summary, &w);
    return w.len;
}

/* A block summary's header: what the bytes are, so that a mix-up between ranks shows. */
#define BLOCK_MAGIC 0x74636f626c6f636bULL  /* "tcoblock" */
#define MONTHLY_MAGIC 0x74636f6d6f6e7468ULL /* "tcomonth" */

static void option_block_pack(tco_packer *w, const tco_option_result *r, int months)
{
    tco_moments_pack(w, &r->tco);
    tco_sketch_pack(w, &r->tco_q);
    tco_pack_f64(w, r->cheapest_sum);
    tco_pack_f64(w, r->cheapest_sumsq);
    tco_pack_bytes(w, r->month_sum, (size_t)months * sizeof *r->month_sum);
    tco_pack_bytes(w, r->component_sum, sizeof r->component_sum);
    tco_sketch_pack(w, &r->max_bill_q);
    tco_pack_f64(w, r->over_budget);
    tco_moments_pack(w, &r->pair_tco);
    tco_pack_f64(w, r->pair_cheapest_sum);
    tco_pack_f64(w, r->pair_cheapest_sumsq);
}

static void option_block_unpack(tco_unpacker *r, tco_option_result *o, int months)
{
    tco_moments_unpack(r, &o->tco);
    tco_sketch_unpack(r, &o->tco_q);
    o->cheapest_sum = tco_unpack_f64(r);
    o->cheapest_sumsq = tco_unpack_f64(r);
    tco_unpack_bytes(r, o->month_sum, (size_t)months * sizeof *o->month_sum);
    tco_unpack_bytes(r, o->component_sum, sizeof o->component_sum);
    tco_sketch_unpack(r, &o->max_bill_q);
    o->over_budget = tco_unpack_f64(r);
    tco_moments_unpack(r, &o->pair_tco);
    o->pair_cheapest_sum = tco_unpack_f64(r);
    o->pair_cheapest_sumsq = tco_unpack_f64(r);
}

tco_block *tco_engine_block_new(const tco_engine *e)
{
    const size_t n_opt = e->set->n, n_obs = e->cfg->n_observers;
    tco_block *b = tco_xcalloc(1, sizeof *b);
    b->options = tco_xcalloc(n_opt + 1, sizeof *b->options);
    for (size_t o = 0; o < n_opt; o++)
        option_result_init(&b->options[o], e->months, false);
    b->observed = tco_xcalloc(n_obs + 1, sizeof *b->observed);
    for (size_t k = 0; k < n_obs; k++)
        b->observed[k] =
            e->cfg->observers[k].alloc(e->cfg->observers[k].ctx, e->s, e->set, e->months);
    return b;
}

void tco_engine_block_free(const tco_engine *e, tco_block *block)
{
    if (!block)
        return;
    for (size_t o = 0; o < e->set->n; o++)
        option_result_fini(&block->options[o], e->months);
    for (size_t k = 0; k < e->cfg->n_observers; k++)
        e->cfg->observers[k].free(block->observed[k]);
    free(block->options);
    free(block->observed);
    free(block);
}

void tco_engine_block_pack(const tco_engine *e, const tco_block *block, tco_packer *w)
{
    tco_pack_u64(w, BLOCK_MAGIC);
    tco_pack_u64(w, block->index);
    tco_pack_u64(w, e->set->n);
    tco_pack_u64(w, e->cfg->n_observers);
    for (size_t o = 0; o < e->set->n; o++)
        option_block_pack(w, &block->options[o], e->months);
    for (size_t k = 0; k < e->cfg->n_observers; k++)
        e->cfg->observers[k].pack(block->observed[k], w);
}

bool tco_engine_block_unpack(const tco_engine *e, tco_block *block, tco_unpacker *r)
{
    const uint64_t magic = tco_unpack_u64(r), index = tco_unpack_u64(r);
    const uint64_t n_opt = tco_unpack_u64(r), n_obs = tco_unpack_u64(r);
    if (!tco_unpack_check(r, magic == BLOCK_MAGIC && index < e->n_blocks &&
                                 n_opt == e->set->n && n_obs == e->cfg->n_observers))
        return false;
    for (size_t k = 0; k < e->cfg->n_observers; k++)
        if (!tco_unpack_check(r, e->cfg->observers[k].unpack != NULL))
            return false;
    block->index = (unsigned long)index;
    for (size_t o = 0; o < e->set->n; o++)
        option_block_unpack(r, &block->options[o], e->months);
    for (size_t k = 0; k < e->cfg->n_observers && r->ok; k++)
        e->cfg->observers[k].unpack(block->observed[k], r);
    return tco_unpack_done(r);
}

void tco_engine_monthly_pack(const tco_engine *e, tco_packer *w)
{
    tco_pack_u64(w, MONTHLY_MAGIC);
    tco_pack_u64(w, e->set->n);
    tco_pack_u64(w, (uint64_t)e->months);
    for (size_t o = 0; o < e->set->n; o++)
        for (int m = 0; m < e->months; m++) {
            tco_sketch_pack(w, &e->total[o].month_q[m]);
            tco_sketch_pack(w, &e->total[o].cum_q[m]);
        }
}

bool tco_engine_monthly_merge_packed(tco_engine *e, tco_unpacker *r)
{
    const uint64_t magic = tco_unpack_u64(r), n_opt = tco_unpack_u64(r);
    const uint64_t months = tco_unpack_u64(r);
    if (!tco_unpack_check(r, magic == MONTHLY_MAGIC && n_opt == e->set->n &&
                                 months == (uint64_t)e->months))
        return false;
    tco_sketch one; /* each packed sketch in turn, merged into the total's */
    tco_sketch_init(&one, TCO_QUANTILE_REL_ACCURACY);
    for (size_t o = 0; o < e->set->n && r->ok; o++)
        for (int m = 0; m < e->months && r->ok; m++) {
            tco_sketch_unpack(r, &one);
            if (r->ok)
                tco_sketch_merge(&e->total[o].month_q[m], &one);
            tco_sketch_unpack(r, &one);
            if (r->ok)
                tco_sketch_merge(&e->total[o].cum_q[m], &one);
        }
    tco_sketch_fini(&one);
    return tco_unpack_done(r);
}

void tco_result_fini(tco_result *r)
{
    if (!r)
        return;
    if (r->per_option)
        for (size_t o = 0; o < r->options.n; o++)
            option_result_fini(&r->per_option[o], r->months);
    free(r->per_option);
    for (size_t k = 0; r->observed && k < r->n_observers; k++)
        r->observers[k].free(r->observed[k]);
    free(r->observed);
    tco_options_fini(&r->options);
    memset(r, 0, sizeof *r);
}

double tco_result_mean_se(const tco_result *r, size_t o)
{
    const tco_option_result *res = &r->per_option[o];
    return tco_moments_sem(r->antithetic ? &res->pair_tco : &res->tco);
}

bool tco_result_precise(const tco_result *r, double precision)
{
    for (size_t o = 0; o < r->options.n; o++) {
        if (!r->options.items[o].offered)
            continue;
        double p_se;
        tco_result_p_cheapest(r, o, &p_se);
        const double mean = r->per_option[o].tco.mean;
        if (!(tco_result_mean_se(r, o) <= precision * fabs(mean)) || !(p_se <= precision))
            return false;
    }
    return true;
}

/* The standard error of the mean of n values whose sum and sum of squares are given. */
static double share_se(double sum, double sumsq, double n)
{
    if (n < 2)
        return 0;
    const double mean = sum / n;
    const double var = (sumsq - n * mean * mean) / (n - 1);
    return var > 0 ? sqrt(var / n) : 0;
}

double tco_result_p_cheapest(const tco_result *r, size_t o, double *se)
{
    const tco_option_result *res = &r->per_option[o];
    const double n = (double)res->tco.n;
    if (n == 0) {
        if (se)
            *se = 0;
        return 0;
    }
    if (se)
        *se = r->antithetic ? share_se(res->pair_cheapest_sum, res->pair_cheapest_sumsq,
                                       (double)res->pair_tco.n)
                            : share_se(res->cheapest_sum, res->cheapest_sumsq, n);
    return res->cheapest_sum / n;
}

void tco_result_p_cheapest_interval(const tco_result *r, size_t o, double *lo, double *hi)
{
    /* shares of ties make the count fractional: Wilson's interval takes it as it is */
    const double n = (double)r->per_option[o].tco.n;
    double se;
    const double p = tco_result_p_cheapest(r, o, &se);
    if (r->antithetic && n > 0 && se > 0) {
        const double n_eff = p * (1 - p) / (se * se); /* the pairs' effective number of trials */
        tco_proportion_interval95(p * n_eff, n_eff, lo, hi);
        return;
    }
    tco_proportion_interval95(r->per_option[o].cheapest_sum, n, lo, hi);
}

double tco_result_p_over_budget(const tco_result *r, size_t o, double *se, double *lo,
                                double *hi)
{
    const double n = (double)r->per_option[o].tco.n, hits = r->per_option[o].over_budget;
    tco_proportion_interval95(hits, n, lo, hi);
    if (n == 0) {
        *se = NAN;
        return NAN;
    }
    const double p = hits / n;
    *se = sqrt(p * (1 - p) / n);
    return p;
}
