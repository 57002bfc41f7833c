/* SPDX-License-Identifier: MIT */
/* compare: pairwise differences of options as an engine observer, signed quantiles, and the
 * diff of two sheets of one plan (see tco/compare.h).
 *
 * Pair (i, j), i < j, lives at index j (j - 1) / 2 + i of one array: 171 pairs for the 19
 * options of the bundled sheets. A trial adds d = TCO_j - TCO_i to the pair's moments and
 * signed sketch; nothing is allocated per trial (a sketch grows its buckets on first use and
 * keeps them across resets, like the engine's own).
 */
#include "tco/compare.h"

#include "tco/defaults.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/cost.h"
#include "tco/xalloc.h"

/* ==== the observer ========================================================================== */

typedef struct pair_summary {
    tco_moments d;        /* TCO_j - TCO_i */
    tco_signed_sketch q;  /* all of d but the last `fill` values, which wait in the buffer */
    uint32_t fill;
    /* SPEC §6 ties: d > TCO_TIE_DOLLARS (i cheaper), d < -TCO_TIE_DOLLARS (j cheaper); the
     * rest of d.n are ties */
    uint64_t n_i_cheaper, n_j_cheaper;
    /* --antithetic: moments of the pair means of d and of "i cheaper" and "j cheaper" (0 or
     * 1), which give the standard errors; first_d is the pair's first d until its partner
     * comes */
    tco_moments pair_d, pair_i_cheaper, pair_j_cheaper;
    double first_d;
} pair_summary;

/* Differences wait in a per-pair buffer and reach the sketches BUF at a time, so one pair's
 * buckets stay in cache for BUF adds instead of being evicted by the other pairs' between two
 * of its adds (the engine batches its month sketches for the same reason): it halves the cost
 * of the observer with the 171 pairs of the bundled sheets. Sketch counts do not depend on the
 * order of adds, so the result is the same bit for bit. */
#define BUF 256u

struct tco_compare {
    const tco_prices *prices;
    size_t n_options;
    size_t n_pairs;
    pair_summary *pairs;  /* [n_pairs]: (i < j) at j (j-1)/2 + i */
    double *buf;          /* [n_pairs][BUF] */
};

static size_t pair_index(size_t i, size_t j)
{
    assert(i < j);
    return j * (j - 1) / 2 + i;
}

static void *compare_alloc(void *ctx, const tco_scenario *s, const tco_option_set *options,
                           int months)
{
    (void)s;
    (void)months;
    tco_compare *c = tco_xcalloc(1, sizeof *c);
    c->prices = ctx;
    c->n_options = options->n;
    c->n_pairs = options->n * (options->n ? options->n - 1 : 0) / 2;
    c->pairs = tco_xcalloc(c->n_pairs + 1, sizeof *c->pairs);
    c->buf = tco_xcalloc(c->n_pairs * BUF + 1, sizeof *c->buf);
    for (size_t k = 0; k < c->n_pairs; k++) {
        tco_moments_init(&c->pairs[k].d);
        tco_moments_init(&c->pairs[k].pair_d);
        tco_moments_init(&c->pairs[k].pair_i_cheaper);
        tco_moments_init(&c->pairs[k].pair_j_cheaper);
        tco_signed_sketch_init(&c->pairs[k].q, TCO_QUANTILE_REL_ACCURACY);
    }
    return c;
}

static void compare_reset(void *summary)
{
    tco_compare *c = summary;
    for (size_t k = 0; k < c->n_pairs; k++) {
        tco_moments_init(&c->pairs[k].d);
        tco_moments_init(&c->pairs[k].pair_d);
        tco_moments_init(&c->pairs[k].pair_i_cheaper);
        tco_moments_init(&c->pairs[k].pair_j_cheaper);
        tco_signed_sketch_reset(&c->pairs[k].q);
        c->pairs[k].fill = 0;
        c->pairs[k].n_i_cheaper = c->pairs[k].n_j_cheaper = 0;
    }
}

static void compare_trial(void *summary, const tco_trial_view *view)
{
    tco_compare *c = summary;
    const tco_option *opt = view->options->items;
    const double *total = view->cost->total;
    for (size_t j = 1; j < c->n_options; j++) {
        if (!opt[j].offered || isnan(total[j]))
            continue;
        const size_t row = pair_index(0, j);
        for (size_t i = 0; i < j; i++) {
            if (!opt[i].offered || isnan(total[i]))
                continue;
            const double d = total[j] - total[i];
            assert(isfinite(d));
            pair_summary *ps = &c->pairs[row + i];
            double *buf = c->buf + (row + i) * BUF;
            tco_moments_add(&ps->d, d);
            ps->n_i_cheaper += d > TCO_TIE_DOLLARS;
            ps->n_j_cheaper += d < -TCO_TIE_DOLLARS;
            if (view->pair == 1) {
                ps->first_d = d;
            } else if (view->pair == 2) {
                tco_moments_add(&ps->pair_d, (ps->first_d + d) / 2);
                tco_moments_add(&ps->pair_i_cheaper,
                                ((ps->first_d > TCO_TIE_DOLLARS) + (d > TCO_TIE_DOLLARS)) / 2.0);
                tco_moments_add(&ps->pair_j_cheaper,
                                ((ps->first_d < -TCO_TIE_DOLLARS) + (d < -TCO_TIE_DOLLARS)) / 2.0);
            }
            buf[ps->fill++] = d;
            if (ps->fill == BUF) {
                tco_signed_sketch_add_array(&ps->q, buf, BUF);
                ps->fill = 0;
            }
        }
    }
}

static void compare_merge(void *dst, const void *src)
{
    tco_compare *a = dst;
    const tco_compare *b = src;
    assert(a->n_pairs == b->n_pairs);
    for (size_t k = 0; k < a->n_pairs; k++) {
        tco_moments_merge(&a->pairs[k].d, &b->pairs[k].d);
        tco_moments_merge(&a->pairs[k].pair_d, &b->pairs[k].pair_d);
        tco_moments_merge(&a->pairs[k].pair_i_cheaper, &b->pairs[k].pair_i_cheaper);
        tco_moments_merge(&a->pairs[k].pair_j_cheaper, &b->pairs[k].pair_j_cheaper);
        tco_signed_sketch_merge(&a->pairs[k].q, &b->pairs[k].q);
        a->pairs[k].n_i_cheaper += b->pairs[k].n_i_cheaper;
        a->pairs[k].n_j_cheaper += b->pairs[k].n_j_cheaper;
        /* src's waiting values go straight into dst's sketch: a summary that only receives
         * merges (the run's total) never has a value waiting */
        tco_signed_sketch_add_array(&a->pairs[k].q, b->buf + k * BUF, b->pairs[k].fill);
    }
}

static void compare_free(void *summary)
{
    tco_compare *c = summary;
    if (!c)
        return;
    for (size_t k = 0; k < c->n_pairs; k++)
        tco_signed_sketch_fini(&c->pairs[k].q);
    free(c->pairs);
    free(c->buf);
    free(c);
}

/* Every pair's summary, the values waiting in its buffer too (merge reads them). */
static void compare_pack(const void *summary, tco_packer *w)
{
    const tco_compare *c = summary;
    tco_pack_u64(w, c->n_pairs);
    for (size_t k = 0; k < c->n_pairs; k++) {
        const pair_summary *ps = &c->pairs[k];
        tco_moments_pack(w, &ps->d);
        tco_signed_sketch_pack(w, &ps->q);
        tco_pack_u64(w, ps->n_i_cheaper);
        tco_pack_u64(w, ps->n_j_cheaper);
        tco_pack_u32(w, ps->fill);
        tco_pack_bytes(w, c->buf + k * BUF, ps->fill * sizeof *c->buf);
        /* SPEC §11 --antithetic (a block holds whole pairs: first_d is never pending) */
        tco_moments_pack(w, &ps->pair_d);
        tco_moments_pack(w, &ps->pair_i_cheaper);
        tco_moments_pack(w, &ps->pair_j_cheaper);
    }
}

static void compare_unpack(void *summary, tco_unpacker *r)
{
    tco_compare *c = summary;
    if (!tco_unpack_check(r, tco_unpack_u64(r) == c->n_pairs))
        return;
    for (size_t k = 0; k < c->n_pairs && r->ok; k++) {
        pair_summary *ps = &c->pairs[k];
        tco_moments_unpack(r, &ps->d);
        tco_signed_sketch_unpack(r, &ps->q);
        ps->n_i_cheaper = tco_unpack_u64(r);
        ps->n_j_cheaper = tco_unpack_u64(r);
        const uint32_t fill = tco_unpack_u32(r);
        ps->fill = 0;
        if (!tco_unpack_check(r, fill <= BUF))
            return;
        tco_unpack_bytes(r, c->buf + k * BUF, fill * sizeof *c->buf);
        ps->fill = r->ok ? fill : 0;
        tco_moments_unpack(r, &ps->pair_d);
        tco_moments_unpack(r, &ps->pair_i_cheaper);
        tco_moments_unpack(r, &ps->pair_j_cheaper);
    }
}

tco_observer tco_compare_observer(const tco_prices *prices)
{
    /* ctx is only read back as const (compare_alloc) */
    union { const tco_prices *c; void *v; } ctx = {prices};
    return (tco_observer){compare_alloc, compare_reset, compare_trial, compare_merge,
                          compare_free, NULL,          NULL,          ctx.v,
                          compare_pack,  compare_unpack};
}

const tco_compare *tco_compare_find(const tco_result *r)
{
    for (size_t k = 0; r->observed && k < r->n_observers; k++)
        if (r->observers[k].trial == compare_trial)
            return r->observed[k];
    return NULL;
}

const tco_prices *tco_compare_prices(const tco_compare *c)
{
    return c->prices;
}

bool tco_compare_difference(const tco_compare *c, size_t a, size_t b, tco_difference *out)
{
    memset(out, 0, sizeof *out);
    out->mean = out->mean_se = out->min = out->max = NAN;
    out->p_cheaper = out->p_cheaper_se = out->p_tie = NAN;
    out->p_cheaper_lo = out->p_cheaper_hi = NAN;
    if (a == b || a >= c->n_options || b >= c->n_options)
        return false;
    const bool flip = a > b; /* stored as TCO_hi - TCO_lo */
    const pair_summary *ps = &c->pairs[flip ? pair_index(b, a) : pair_index(a, b)];
    assert(ps->fill == 0); /* a total: see compare_merge */
    const uint64_t n = ps->d.n;
    if (n == 0)
        return false;
    /* a is cheaper when TCO_b - TCO_a > 0 */
    out->n = n;
    out->n_cheaper = flip ? ps->n_j_cheaper : ps->n_i_cheaper;
    out->n_dearer = flip ? ps->n_i_cheaper : ps->n_j_cheaper;
    assert(out->n_cheaper + out->n_dearer <= n);
    out->n_tie = n - out->n_cheaper - out->n_dearer;
    const double p = (double)out->n_cheaper / (double)n;
    out->p_cheaper = p;
    out->p_cheaper_se = sqrt(p * (1 - p) / (double)n);
    tco_proportion_interval95((double)out->n_cheaper, (double)n, &out->p_cheaper_lo,
                              &out->p_cheaper_hi);
    const bool pairs = ps->pair_d.n > 0; /* SPEC §11 --antithetic: SEs from pair means */
    if (pairs) {
        /* the same share, its se from the pair means' spread, the interval over the
         * effective number of trials p (1 - p) / se^2 */
        const double se = tco_moments_sem(flip ? &ps->pair_j_cheaper : &ps->pair_i_cheaper);
        out->p_cheaper_se = se;
        if (se > 0) {
            const double n_eff = p * (1 - p) / (se * se);
            tco_proportion_interval95(p * n_eff, n_eff, &out->p_cheaper_lo, &out->p_cheaper_hi);
        }
    }
    out->p_tie = (double)out->n_tie / (double)n;
    out->mean = flip ? -ps->d.mean : ps->d.mean;
    if (out->mean == 0)
        out->mean = 0.0;
    out->mean_se = tco_moments_sem(pairs ? &ps->pair_d : &ps->d);
    out->min = flip ? -ps->d.max : ps->d.min;
    out->max = flip ? -ps->d.min : ps->d.max;
    return true;
}

double tco_compare_difference_quantile(const tco_compare *c, size_t a, size_t b, double q)
{
    if (a == b || a >= c->n_options || b >= c->n_options)
        return NAN;
    const bool flip = a > b;
    const pair_summary *ps = &c->pairs[flip ? pair_index(b, a) : pair_index(a, b)];
    assert(ps->fill == 0);
    return tco_signed_sketch_quantile(&ps->q, q, flip);
}
