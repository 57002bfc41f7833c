/* SPDX-License-Identifier: MIT */
/* engine: the Monte Carlo run of one scenario over every option (SPEC §6).
 *
 * Trials are split into fixed blocks of TCO_BLOCK_TRIALS; block b of scenario s draws its
 * workloads from the stream (seed, key(s), "workload", b) and each plan's price cells from the
 * stream (seed, key(s), the plan's name, b), so that no option's trials depend on which other
 * sheets are loaded (SPEC §6); it is summarised on its own (streaming, mergeable
 * summaries: moments, DDSketch quantiles, p_cheapest shares). Worker threads take blocks in
 * order and the summaries are merged strictly in block order, so the result is bit-identical
 * for any thread count. At most 2 x threads block summaries exist at once: memory does not
 * grow with the trial count.
 */
#ifndef TCO_ENGINE_H
#define TCO_ENGINE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "tco/cost.h"
#include "tco/option.h"
#include "tco/pack.h"
#include "tco/pricesheet.h"
#include "tco/scenario.h"
#include "tco/stats.h"

struct tco_workload;
struct tco_cost_ws;

/* What an observer sees of one trial, after every option was priced. Valid only during the
 * call. */
typedef struct tco_trial_view {
    const tco_scenario *scenario;
    const tco_prices *prices;
    const tco_option_set *options;
    const double *price_draws;        /* the trial's draw of every price cell */
    const struct tco_workload *workload;
    const struct tco_cost_ws *cost;   /* monthly[option * months + m], total[option] */
    void *scratch;                    /* the observer's per-thread scratch (scratch_alloc) */
    /* --antithetic (SPEC §11): 1 for the first trial of a mirrored pair, 2 for its partner
     * (the next trial the summary sees: a pair never straddles blocks); 0 without pairs */
    int pair;
} tco_trial_view;

/* An observer adds its own per-trial statistics to a run (break-even, pairwise comparisons)
 * without the engine knowing them. It keeps one summary per block and one total, all made by
 * `alloc`; the engine resets a block summary, feeds it the block's trials in order, and merges
 * block summaries into the total in block order, so an observer is as deterministic as the
 * engine. Every callback but alloc/free is called with no lock held, on one summary at a time;
 * `trial` may use view->scratch, which is private to its thread. A trial callback must not
 * change the workload it is shown except through tco_workload_apply on a copy it owns. */
typedef struct tco_observer {
    /* s: the scenario of the run (an observer may shape its summary by its inputs) */
    void *(*alloc)(void *ctx, const tco_scenario *s, const tco_option_set *options, int months);
    void (*reset)(void *summary);
    void (*trial)(void *summary, const tco_trial_view *view);
    void (*merge)(void *dst, const void *src);
    void (*free)(void *summary);
    void *(*scratch_alloc)(void *ctx, const tco_option_set *options, int months); /* may be NULL */
    void (*scratch_free)(void *scratch);
    void *ctx;
    /* How a block summary goes from one process to another (SPEC §13, tco/pack.h), so that
     * a run spread over processes (the MPI driver) merges the same summaries in the same
     * order as one process does:
     * - pack writes `summary` to w: every field that merge reads (values waiting in a buffer
     *   too), in a fixed order. The same call both counts (a counting packer: the packed size,
     *   tco_observer_packed_size) and writes (a packer into a buffer of that size), so it
     *   must write the same bytes each time and nothing else: no pointers, no padding.
     * - unpack replaces the content of `summary` (made by alloc with the same ctx, options and
     *   months; any content, it is overwritten, memory reused) with what pack wrote, reading
     *   with the tco_unpack_* functions; bytes that cannot be such a summary (wrong counts,
     *   another shape) clear r->ok and leave `summary` safe to free. Merging the unpacked
     *   summary into a total must give the same bits as merging the original.
     * Both run on one summary at a time with no lock held, like merge; native byte order and
     * doubles (every rank is the same binary on the same architecture). NULL only for an
     * observer that is never run by a multi-process driver (the MPI driver refuses it). */
    void (*pack)(const void *summary, tco_packer *w);
    void (*unpack)(void *summary, tco_unpacker *r);
} tco_observer;

/* The packed size of one of observer o's summaries: o->pack into a counting packer. */
size_t tco_observer_packed_size(const tco_observer *o, const void *summary);

typedef struct tco_engine_config {
    unsigned long n_trials;
    uint64_t seed;
    unsigned n_threads;                   /* >= 1 */
    const atomic_int *cancel;             /* non-zero: stop soon; may be NULL */
    /* Called from a worker with the merge lock held, after each merged block. May be NULL. */
    void (*progress)(void *ctx, unsigned long trials_done, unsigned long n_trials);
    void *progress_ctx;
    const tco_observer *observers;        /* may be NULL */
    size_t n_observers;
    /* SPEC §10 `--budget X`: count the trials in which some month's bill exceeds X */
    bool has_budget;
    double budget;
    /* SPEC §11 --precision: > 0 stops the run at the first check point (TCO_BLOCK_TRIALS x 2^k
     * trials, k = 0, 1, ..., and n_trials, the cap) where every offered option's mean_se <=
     * precision x |mean| and every p_cheapest_se <= precision (tco_engine_precise) */
    double precision;
    /* SPEC §11 --antithetic: trials 2i and 2i+1 are a mirrored pair (tco/mirror.h); an odd
     * n_trials runs one more trial */
    bool antithetic;
} tco_engine_config;

/* What is known of one option after the run. Empty (n == 0) when it is not offered. */
typedef struct tco_option_result {
    tco_moments tco;          /* TCO over trials */
    tco_sketch tco_q;         /* its quantiles */
    double cheapest_sum;      /* sum over trials of this option's share of "cheapest" */
    double cheapest_sumsq;    /* sum of squared shares, for the standard error */
    double *month_sum;        /* [months]: sum of the discounted cost of each month */
    tco_sketch *month_q;      /* [months]: quantiles of each month's cost */
    tco_sketch *cum_q;        /* [months]: quantiles of the cumulative cost to that month */
    /* SPEC §8.2: sum over trials of each component's discounted cost over the horizon (plain
     * sums of block sums, merged in block order: the same bits for any thread count); the
     * components of a trial add up to its TCO, so their means add up to the mean TCO */
    double component_sum[TCO_N_COMPONENTS];
    /* SPEC §10 bill shock: the quantiles of the trials' largest monthly bill (tco_cost_ws
     * max_bill), and the trials whose largest bill exceeds the budget (with has_budget) */
    tco_sketch max_bill_q;
    double over_budget;
    /* --antithetic: the same over pair means ((x_2i + x_2i+1) / 2), whose spread gives the
     * standard errors (the two trials of a pair are not independent) */
    tco_moments pair_tco;
    double pair_cheapest_sum, pair_cheapest_sumsq;
} tco_option_result;

typedef struct tco_result {
    const tco_scenario *scenario;
    int months;
    unsigned long n_trials;        /* the trials run: with --precision, up to the stop */
    unsigned long trials_cap;      /* the trials asked for (--trials; + 1 when odd and paired) */
    double precision;              /* the config's (0: none) */
    bool precision_met;            /* with precision: the run stopped because it was met */
    bool antithetic;
    uint64_t seed;
    bool has_budget;               /* the config's: over_budget was counted against budget */
    double budget;
    tco_option_set options;
    tco_option_result *per_option; /* [options.n] */
    void **observed;               /* [n_observers]: each observer's total summary */
    const tco_observer *observers; /* the config's, for tco_result_fini */
    size_t n_observers;
} tco_result;

/* SPEC §6: two TCOs within half a cent of each other are equal (sums of the same money in
 * another order differ in their last bits): p_cheapest splits a trial among the options within
 * TCO_TIE_DOLLARS of the lowest, and pairwise comparisons count such a pair as a tie. */
#define TCO_TIE_DOLLARS 0.005

/* True when x ties with `lowest` (x >= lowest): x - lowest <= TCO_TIE_DOLLARS. */
static inline bool tco_ties_with_lowest(double x, double lowest)
{
    return x - lowest <= TCO_TIE_DOLLARS;
}

/* The stream key of a scenario: a hash of its name, so a scenario's results do not depend on
 * which other files or rows run beside it. */
uint64_t tco_engine_scenario_key(const tco_scenario *s);

/* Runs cfg->n_trials trials of scenario s over every option of p into *out. Returns TCO_OK,
 * or TCO_EINTERRUPTED when *cfg->cancel became non-zero (out is then empty). The caller frees
 * out with tco_result_fini in both cases. s and p must outlive out. */
tco_status tco_engine_run(const tco_scenario *s, const tco_prices *p,
                          const tco_engine_config *cfg, tco_result *out);
void tco_result_fini(tco_result *r);

/* ---- the seam: blocks of trials into block summaries (SPEC §13) ------------------------
 * tco_engine_run is one driver of these: one process, its thread pool, every block. The MPI
 * driver is another: each process runs some ranges of blocks, sends their summaries to rank
 * 0, which merges them all in block order into the same bits.
 *
 *   e = tco_engine_begin(s, p, cfg, &out);
 *   tco_engine_run_blocks(e, b0, b1, emit, ctx);   any ranges, each block in one range
 *   ... tco_engine_merge(e, block) for blocks 0, 1, ..., n_blocks - 1, in that order
 *   ... tco_engine_monthly_pack / _merge_packed: the month-by-month sketches
 *   st = tco_engine_end(e);                         out is the result
 *
 * A block summary (tco_block) holds what block `index` adds to every option (moments, the
 * TCO sketch, p_cheapest sums, month sums, component sums) and every observer's summary of it.
 * The month-by-month sketches are not in it: they are integer counts that merge to the same
 * bits in any order, so each process keeps one set (the run's result's, out->per_option) for
 * all the blocks it ran and they are merged once, process by process. */
typedef struct tco_engine tco_engine;
typedef struct tco_block {
    unsigned long index;              /* the block's number, 0 .. n_blocks - 1 */
    tco_option_result *options;       /* [options.n]; month_q and cum_q are NULL */
    void **observed;                  /* [n_observers] */
} tco_block;

/* Starts the run of cfg->n_trials trials of scenario s (as tco_engine_run): out gets the
 * options and empty totals. s, p, cfg and its observers must outlive e and out. */
tco_engine *tco_engine_begin(const tco_scenario *s, const tco_prices *p,
                             const tco_engine_config *cfg, tco_result *out);
unsigned long tco_engine_n_blocks(const tco_engine *e);
/* Runs blocks [b0, b1) (b1 <= n_blocks) on cfg->n_threads threads, and hands each block's
 * summary to emit in block order, one at a time (from one of the threads, with the engine's
 * lock held; the summary is valid during the call only, and emit must not call back into e
 * but for tco_engine_merge and the pack functions). The range's month-by-month sketches are
 * added to out's. Returns TCO_OK, or TCO_EINTERRUPTED when cfg->cancel became non-zero or
 * emit returned false (then the run is over: end it). */
tco_status tco_engine_run_blocks(tco_engine *e, unsigned long b0, unsigned long b1,
                                 bool (*emit)(void *ctx, const tco_block *block), void *ctx);
/* Merges a block summary into out's totals. Blocks must come in order: 0, 1, ...; returns
 * false (and merges nothing) for any other. Calls cfg->progress. */
bool tco_engine_merge(tco_engine *e, const tco_block *block);
/* A block summary to unpack into (its index and content come from the bytes), and its free. */
tco_block *tco_engine_block_new(const tco_engine *e);
void tco_engine_block_free(const tco_engine *e, tco_block *block);
/* The block's bytes (tco/pack.h: count with a counting packer, then write): its index, every
 * option's statistics, then every observer's pack. Unpack replaces the content of `block`
 * (from tco_engine_block_new of an engine of the same scenario, sheets and config); false
 * when the bytes are not such a block (or an observer has no unpack). */
void tco_engine_block_pack(const tco_engine *e, const tco_block *block, tco_packer *w);
bool tco_engine_block_unpack(const tco_engine *e, tco_block *block, tco_unpacker *r);
/* out's month-by-month sketches (every option, month, monthly then cumulative), and their
 * merge into out's from another process's bytes; false when the bytes are not such sketches
 * (then out's may hold part of them: the run is broken). */
void tco_engine_monthly_pack(const tco_engine *e, tco_packer *w);
bool tco_engine_monthly_merge_packed(tco_engine *e, tco_unpacker *r);
/* Ends the run: frees e. TCO_OK, or TCO_EINTERRUPTED when a range was interrupted; the
 * caller frees out with tco_result_fini either way. */
tco_status tco_engine_end(tco_engine *e);

/* The standard error of option o's mean TCO: sd / sqrt(n), or with --antithetic that of the
 * mean of n/2 pair means. 0 for an option with fewer than two trials (pairs). */
double tco_result_mean_se(const tco_result *r, size_t o);

/* True when every offered option of the result so far meets relative precision R (SPEC §11):
 * mean_se <= R |mean| and p_cheapest_se <= R. */
bool tco_result_precise(const tco_result *r, double precision);

/* p_cheapest of option o (SPEC §6) and its standard error (from pair means with
 * --antithetic). */
double tco_result_p_cheapest(const tco_result *r, size_t o, double *se);
/* Its 95% interval [*lo, *hi] (SPEC §6): Wilson's score interval of the trials' shares
 * (tco_proportion_interval95), never a point where no trial or every trial counts. [0, 1] for
 * an option with no trials. With --antithetic, over the effective number of trials that the
 * pair means' standard error implies, p (1 - p) / se^2 (n when the se is 0). */
void tco_result_p_cheapest_interval(const tco_result *r, size_t o, double *lo, double *hi);

/* SPEC §10 p_over_budget of option o (with r->has_budget), its standard error
 * sqrt(p (1-p) / n) and its Wilson 95% interval; NAN (and [0, 1]) without trials. */
double tco_result_p_over_budget(const tco_result *r, size_t o, double *se, double *lo,
                                double *hi);

#endif
