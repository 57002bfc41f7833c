/* SPDX-License-Identifier: MIT */
/* breakeven: crossover months and break-even volumes of per-seat vs per-transaction pairs
 * (SPEC §6; the design and the tie and root conventions are in tco/breakeven.h).
 *
 * Cost per trial: the crossover is one pass over the months per pair. For the roots, each plan
 * in some pair is prepared once per trial per axis and shared by its pairs: a linear plan as
 * base + slope x (no pricing); a non-linear one priced month by month at 0 only, then held as
 * the piecewise-linear function of x it is (its kinks and their changes of slope), so the
 * charges at x0 (seats), X_MAX and every Brent step cost one pass over the kinks and no pricing
 * (make bench: the observer's share fell about 3x; roots agree with month-by-month pricing to
 * ~1e-12 relative). At x0 for notifications the charges are the engine's own plan_full rows.
 * tco_breakeven_solve and tco_breakeven_difference (the sweep, the tests) price month by month.
 */
#include "tco/breakeven.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "tco/defaults.h"
#include "tco/price.h"
#include "tco/stats.h"
#include "tco/rng.h"
#include "tco/xalloc.h"

/* Brent's absolute tolerance on x (a billionth of a message or seat) and iteration cap. */
#define EPS_ABS 1e-9
#define MAX_ITER 200
/* |d| below this share of the costs compared is a root: summing up to 600 months of rounding
 * is below 600 x 2^-53 ~ 7e-14 of them. */
#define ZERO_SHARE 1e-12
/* Recent evaluations kept for the final secant step (Brent's bracket ends were evaluated). */
#define N_CACHE 16

/* ==== crossover month ====================================================================== */

static int sign_of(double x)
{
    return (x > 0) - (x < 0);
}

int tco_breakeven_crossover_month(const double *u, const double *c, int months)
{
    double d = 0;
    int order = 0, first = 0, last_other = 0;
    /* order[m]: sign of D_m, a zero keeping the previous order (header: ties) */
    int final_order = 0;
    for (int m = 0; m < months; m++) {
        if (!isfinite(u[m]) || !isfinite(c[m]))
            return 0;
        d += u[m] - c[m];
        int s = sign_of(d);
        if (s != 0)
            order = s;
        if (order != 0 && first == 0)
            first = order; /* leading ties take the first strict order */
    }
    final_order = order;
    if (final_order == 0 || final_order == first)
        return 0;
    /* second pass: the last month whose order is not the final one */
    d = 0;
    order = 0;
    for (int m = 0; m < months; m++) {
        d += u[m] - c[m];
        int s = sign_of(d);
        if (s != 0)
            order = s;
        if (order != final_order)
            last_other = m + 1;
    }
    return last_other + 1;
}

/* ==== d(x) ================================================================================= */

struct tco_breakeven_solver {
    gsl_root_fsolver *brent;
    double cache_x[N_CACHE], cache_f[N_CACHE];
    unsigned n_cache, next_cache;
};

tco_breakeven_solver *tco_breakeven_solver_alloc(void)
{
    tco_breakeven_solver *s = tco_xcalloc(1, sizeof *s);
    s->brent = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s->brent)
        tco_out_of_memory("a root finder");
    return s;
}

void tco_breakeven_solver_free(tco_breakeven_solver *s)
{
    if (!s)
        return;
    gsl_root_fsolver_free(s->brent);
    free(s);
}

static double x_max(tco_breakeven_axis axis)
{
    return axis == TCO_BREAKEVEN_SEATS ? TCO_BREAKEVEN_MAX_SEATS : TCO_BREAKEVEN_MAX_NOTIFICATIONS;
}

/* Discounted vendor charges of one plan carrying the whole workload (SPEC §6: a `ucaas:` or
 * `cpaas:` option carries all of it on its one plan, internal and customer SMS together) with
 * the month-1 level of `axis` at x. Seats are real here: x * seat_shape, never rounded. */
static double plan_charges(const tco_breakeven_problem *pb, long plan, tco_breakeven_axis axis,
                           double x)
{
    const tco_workload *w = pb->w;
    const tco_plan *pl = &pb->prices->plans[plan];
    const double sms_per_seat = w->draws[TCO_SCN_INTERNAL_SMS_PER_SEAT];
    const double voice_per_seat = w->draws[TCO_SCN_VOICE_MINUTES_PER_SEAT];
    /* the month-vector pricing, a stack-sized chunk of months at a time (no allocation) */
    enum { CHUNK = 64 };
    double seats[CHUNK], sms[CHUNK], voice[CHUNK], out[CHUNK];
    double total = 0;
    for (int start = 0; start < w->months; start += CHUNK) {
        const int len = w->months - start < CHUNK ? w->months - start : CHUNK;
        for (int j = 0; j < len; j++) {
            const int i = start + j;
            if (axis == TCO_BREAKEVEN_NOTIFICATIONS) {
                seats[j] = w->seats[i];
                sms[j] = w->internal_sms[i] + x * w->notif_shape[i];
                voice[j] = w->voice[i];
            } else {
                seats[j] = x * w->seat_shape[i];
                sms[j] = sms_per_seat * seats[j] + w->notifications[i];
                voice[j] = voice_per_seat * seats[j];
            }
        }
        const tco_usage_months u = {seats, sms, voice, w->api + start, w->phone_numbers};
        tco_price_plan_months(pl, pb->price_draws, &u, start + 1, len, w->escalation + start,
                              out);
        for (int j = 0; j < len; j++)
            total += out[j] * w->discount[start + j];
    }
    return total;
}

/* Labor and delay of U minus those of C, discounted: independent of x. */
static double overhead_difference(const tco_cost_ws *cost, const tco_workload *w)
{
    const int months = w->months;
    const double *over_u = cost->overhead + (size_t)TCO_OPTION_UCAAS * (size_t)months;
    const double *over_c = cost->overhead + (size_t)TCO_OPTION_CPAAS * (size_t)months;
    double k = 0;
    for (int i = 0; i < months; i++)
        k += (over_u[i] - over_c[i]) * w->discount[i];
    return k;
}

/* Whether a plan's charges are linear in x over all of [0, X_MAX], so that two values give
 * every other (no pricing at all). Conservative: false whenever a kink is possible.
 * Notifications move only the plan's sms quantity a_m + x s_m (a_m internal SMS): linear when
 * sms is not priced, or priced by one open tier whose free units are used up by internal SMS
 * in every month that has notifications. Seats move seat, sms, voice (and a UCaaS plan's
 * per-seat allowances): linear when each of those is unpriced or one open tier with nothing
 * included, and a UCaaS plan includes no api requests per seat. */
static bool one_open_tier(const tco_item_price *ip)
{
    return ip->n_tiers == 1 && isinf(ip->tiers[0].hi);
}

static bool plan_linear(const tco_plan *pl, const tco_workload *w, tco_breakeven_axis axis)
{
    const tco_item_price *it = pl->items;
    const bool ucaas = pl->model == TCO_MODEL_UCAAS;
    if (axis == TCO_BREAKEVEN_NOTIFICATIONS) {
        const tco_item_price *sms = &it[TCO_ITEM_SMS];
        if (sms->n_tiers == 0)
            return true;
        if (!one_open_tier(sms))
            return false;
        for (int i = 0; i < w->months; i++) {
            const double free_units = sms->included * (ucaas ? w->seats[i] : 1);
            if (w->notif_shape[i] > 0 && free_units > w->internal_sms[i])
                return false;
        }
        return true;
    }
    static const tco_item SEAT_ITEMS[] = {TCO_ITEM_SEAT, TCO_ITEM_SMS, TCO_ITEM_VOICE};
    for (size_t k = 0; k < sizeof SEAT_ITEMS / sizeof SEAT_ITEMS[0]; k++) {
        const tco_item_price *ip = &it[SEAT_ITEMS[k]];
        if (ip->n_tiers != 0 && !(one_open_tier(ip) && ip->included == 0))
            return false;
    }
    return !(ucaas && it[TCO_ITEM_API].n_tiers != 0 && it[TCO_ITEM_API].included != 0);
}

/* A plan's charges as x moves. When linear they are base + slope x, derived from the engine's
 * own charges of the trial (cost->plan_full) in O(months) without pricing: each month adds
 * escalation x discount x price x (the quantity's change per unit of x), SPEC §5-§6. */
typedef struct plan_line {
    long plan;
    bool linear;
    double base, slope;       /* when linear */
    double at0, at_own, atmax; /* charges at 0, at the trial's own level, at X_MAX */
    /* Non-linear in the observer: the charges as the piecewise-linear function they are
     * (pw_n kinks); NULL elsewhere (then every evaluation prices the whole plan). */
    struct piecewise *pw;
    int pw_n;
} plan_line;

/* The price of a single open tier, or 0 when the item is not priced. */
static double flat_price(const tco_breakeven_problem *pb, const tco_item_price *ip)
{
    return ip->n_tiers ? pb->price_draws[ip->tiers[0].price] : 0;
}

/* A UCaaS plan's api allowance is per seat: then api moves with seats too. */
static bool api_moves_with_seats(const tco_plan *pl)
{
    return pl->model == TCO_MODEL_UCAAS && pl->items[TCO_ITEM_API].n_tiers &&
           pl->items[TCO_ITEM_API].included != 0;
}

/* ---- the charges of a non-linear plan as a piecewise-linear function ---------------------
 *
 * Each item that moves with x costs, in month m, w x sum over tiers of p_t x
 * max(0, min(hi_t, q(x)) - max(lo_t, f(x))) (tco_price_item), with the quantity q = a + b x and
 * the free units f = g + h x linear in x and w the month's escalation x discount (/ 1000 for
 * api). So the plan's charges are piecewise linear, with kinks where q or f meets a tier edge
 * or q meets f. From the exact charges at 0 (plan_line.at0) and the change of slope at every
 * kink, an evaluation is one binary search and one multiply-add instead of pricing every
 * month: the Brent steps inside a bracket use it (measured: most of the observer's time was
 * those steps). It agrees with the month-by-month sum to rounding (~1e-14 of the charges), far
 * below the root tolerances; the bracket ends (0, the own level, X_MAX) stay exact. */
typedef struct kink {
    double x, dslope;
} kink;

typedef struct piecewise {
    size_t cap;               /* kinks room */
    kink *k;                  /* [cap]: in no order */
    double s0;                /* slope at 0+ */
} piecewise;

/* Kinks per month of an item with n tiers: q or f at lo or hi of each tier, and q = f. */
static size_t item_kinks_max(const tco_item_price *ip)
{
    return ip->n_tiers ? 4 * ip->n_tiers + 1 : 0;
}

/* The slope at x of w x (the item's cost) for q = a + b x, f = g + h x. */
static double item_slope(const tco_item_price *ip, const double *prices, double a, double b,
                         double g, double h, double x)
{
    const double q = a + b * x, f = g + h * x;
    double slope = 0;
    for (size_t t = 0; t < ip->n_tiers; t++) {
        const tco_tier *tier = &ip->tiers[t];
        const double top = tier->hi < q ? tier->hi : q;
        const double bottom = tier->lo > f ? tier->lo : f;
        if (top > bottom)
            slope += prices[tier->price] * ((q < tier->hi ? b : 0) - (f > tier->lo ? h : 0));
    }
    return slope;
}

static void add_root(double *xs, size_t *n, double c, double slope)
{
    /* c + slope x = 0 for x > 0 */
    if (slope != 0) {
        const double x = -c / slope;
        if (x > 0 && isfinite(x))
            xs[(*n)++] = x;
    }
}

/* The slope in q changes by dp where q = a + b x reaches e: at x = (e - a) / b, or from the
 * start when q is there already. */
static void slope_event(piecewise *pw, size_t *n_kinks, double *s0, double e, double dp,
                        double a, double b, double w)
{
    const double d = w * b * dp;
    if (e > a) {
        const double x = (e - a) / b;
        if (isfinite(x))
            pw->k[(*n_kinks)++] = (kink){x, d};
    } else {
        *s0 += d;
    }
}

/* Adds one month's item to pw: its slope at 0+ to *s0, its kinks to pw->tmp. */
static void item_add(piecewise *pw, size_t *n_kinks, double *s0, const tco_item_price *ip,
                     const double *prices, double a, double b, double g, double h, double w)
{
    if (!ip->n_tiers)
        return;
    const tco_tier *t0 = &ip->tiers[0];
    if (ip->n_tiers == 1 && t0->lo == 0 && isinf(t0->hi)) {
        /* one open tier: w p max(0, q - f) (f >= 0), one kink where q = f */
        const double dq = b - h, r = (g - a) / dq, slope = w * prices[t0->price] * dq;
        if (dq == 0)
            return;
        if (r > 0 && isfinite(r)) {
            if (dq < 0)
                *s0 += slope;
            pw->k[(*n_kinks)++] = (kink){r, dq > 0 ? slope : -slope};
        } else if (dq > 0) {
            *s0 += slope;
        }
        return;
    }
    if (h == 0) {
        /* free units fixed (b > 0 moves q): the slope in q is p_t above each tier's start */
        if (b <= 0)
            return;
        double prev_p = 0, prev_end = NAN;
        for (size_t t = 0; t < ip->n_tiers; t++) {
            const tco_tier *tier = &ip->tiers[t];
            if (!(tier->hi > g))
                continue;
            const double start = tier->lo > g ? tier->lo : g, p = prices[tier->price];
            if (start == prev_end) {
                slope_event(pw, n_kinks, s0, start, p - prev_p, a, b, w);
            } else {
                if (isfinite(prev_end))
                    slope_event(pw, n_kinks, s0, prev_end, -prev_p, a, b, w);
                slope_event(pw, n_kinks, s0, start, p, a, b, w);
            }
            prev_p = p;
            prev_end = tier->hi;
        }
        if (isfinite(prev_end))
            slope_event(pw, n_kinks, s0, prev_end, -prev_p, a, b, w);
        return;
    }
    /* every candidate kink of the item (loaders cap tiers at TCO_MAX_TIERS): no allocation */
    double local[4 * TCO_MAX_TIERS + 1];
    assert(item_kinks_max(ip) <= sizeof local / sizeof local[0]);
    size_t n = 0;
    for (size_t t = 0; t < ip->n_tiers; t++) {
        const tco_tier *tier = &ip->tiers[t];
        add_root(local, &n, a - tier->lo, b);
        add_root(local, &n, g - tier->lo, h);
        if (isfinite(tier->hi)) {
            add_root(local, &n, a - tier->hi, b);
            add_root(local, &n, g - tier->hi, h);
        }
    }
    add_root(local, &n, a - g, b - h);
    for (size_t i = 1; i < n; i++) { /* a handful: insertion sort */
        const double x = local[i];
        size_t j = i;
        for (; j > 0 && local[j - 1] > x; j--)
            local[j] = local[j - 1];
        local[j] = x;
    }
    /* slopes at the middle of each of the item's own segments */
    double before = item_slope(ip, prices, a, b, g, h, n ? local[0] / 2 : 1) * w;
    *s0 += before;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && local[i + 1] == local[i])
            continue;
        const double mid = i + 1 < n ? local[i] + (local[i + 1] - local[i]) / 2 : 2 * local[i] + 1;
        const double after = item_slope(ip, prices, a, b, g, h, mid) * w;
        if (after != before)
            pw->k[(*n_kinks)++] = (kink){local[i], after - before};
        before = after;
    }
}

static void piecewise_build(const tco_breakeven_problem *pb, plan_line *l,
                            tco_breakeven_axis axis)
{
    const tco_workload *w = pb->w;
    const tco_plan *pl = &pb->prices->plans[l->plan];
    const tco_item_price *it = pl->items;
    const bool ucaas = pl->model == TCO_MODEL_UCAAS;
    const double *prices = pb->price_draws;
    piecewise *pw = l->pw;
    size_t n = 0;
    double s0 = 0;
    for (int i = 0; i < w->months; i++) {
        const double wt = w->escalation[i] * w->discount[i];
        if (axis == TCO_BREAKEVEN_NOTIFICATIONS) {
            item_add(pw, &n, &s0, &it[TCO_ITEM_SMS], prices, w->internal_sms[i], w->notif_shape[i],
                     it[TCO_ITEM_SMS].included * (ucaas ? w->seats[i] : 1), 0, wt);
            continue;
        }
        const double sh = w->seat_shape[i];
        const double sms_b = w->draws[TCO_SCN_INTERNAL_SMS_PER_SEAT] * sh;
        const double voice_b = w->draws[TCO_SCN_VOICE_MINUTES_PER_SEAT] * sh;
        item_add(pw, &n, &s0, &it[TCO_ITEM_SEAT], prices, 0, sh, it[TCO_ITEM_SEAT].included, 0, wt);
        item_add(pw, &n, &s0, &it[TCO_ITEM_SMS], prices, w->notifications[i], sms_b,
                 ucaas ? 0 : it[TCO_ITEM_SMS].included, ucaas ? it[TCO_ITEM_SMS].included * sh : 0,
                 wt);
        item_add(pw, &n, &s0, &it[TCO_ITEM_VOICE], prices, 0, voice_b,
                 ucaas ? 0 : it[TCO_ITEM_VOICE].included,
                 ucaas ? it[TCO_ITEM_VOICE].included * sh : 0, wt);
        if (api_moves_with_seats(pl) && w->api[i] > 0)
            item_add(pw, &n, &s0, &it[TCO_ITEM_API], prices, w->api[i], 0, 0,
                     it[TCO_ITEM_API].included * sh, wt / 1000.0);
    }
    pw->s0 = s0;
    l->pw_n = (int)n;
}

/* at0 + s0 x + the sum over kinks below x of their change of slope x the distance to x */
static double piecewise_value(const plan_line *l, double x)
{
    const piecewise *pw = l->pw;
    double v = l->at0 + pw->s0 * x;
    for (int i = 0; i < l->pw_n; i++)
        if (pw->k[i].x < x)
            v += pw->k[i].dslope * (x - pw->k[i].x);
    return v;
}

/* Makes room for cap kinks (the same plan always asks for the same: once per thread). */
static void piecewise_reserve(piecewise *pw, size_t cap)
{
    if (pw->k && pw->cap >= cap)
        return;
    free(pw->k);
    pw->cap = cap;
    pw->k = tco_xcalloc(cap + 1, sizeof *pw->k);
}

/* Room for the kinks of any plan on either axis over `months`. */
static size_t piecewise_cap(const tco_plan *pl, int months)
{
    size_t per_month = 0;
    for (int k = 0; k < TCO_N_ITEMS; k++)
        per_month += item_kinks_max(&pl->items[k]);
    return per_month * (size_t)months;
}

/* pw_storage: room for a non-linear plan's piecewise form, or NULL (then every evaluation prices
 * the whole plan). */
static void plan_line_make(const tco_breakeven_problem *pb, long plan, tco_breakeven_axis axis,
                           double own, plan_line *l, piecewise *pw_storage)
{
    const tco_workload *w = pb->w;
    const tco_plan *pl = &pb->prices->plans[plan];
    const int months = w->months;
    const double *full = pb->cost->plan_full + (size_t)plan * (size_t)months;
    double engine = 0; /* the plan's discounted charges at the trial's own levels */
    for (int i = 0; i < months; i++)
        engine += full[i] * w->discount[i];
    l->plan = plan;
    l->linear = plan_linear(pl, w, axis);
    l->pw = NULL;
    l->pw_n = 0;
    if (!l->linear) {
        l->base = l->slope = NAN;
        l->at0 = plan_charges(pb, plan, axis, 0);
        if (pw_storage) {
            l->pw = pw_storage;
            piecewise_build(pb, l, axis);
            l->atmax = piecewise_value(l, x_max(axis));
            l->at_own = axis == TCO_BREAKEVEN_NOTIFICATIONS ? engine
                        : own <= 0                          ? l->at0
                                                            : piecewise_value(l, own);
            return;
        }
        l->atmax = NAN; /* when needed: line_at_max */
        l->at_own = axis == TCO_BREAKEVEN_NOTIFICATIONS ? engine
                    : own <= 0                          ? l->at0
                                                        : plan_charges(pb, plan, axis, own);
        return;
    }
    const tco_item_price *it = pl->items;
    double slope = 0, shift = 0; /* shift: slope terms at the engine's own quantities */
    if (axis == TCO_BREAKEVEN_NOTIFICATIONS) {
        const double p = flat_price(pb, &it[TCO_ITEM_SMS]);
        for (int i = 0; i < months; i++)
            slope += p * w->escalation[i] * w->discount[i] * w->notif_shape[i];
        shift = slope * w->draws[TCO_SCN_NOTIFICATIONS];
    } else {
        /* per seat: the seat, its internal SMS and its voice minutes */
        const double p = flat_price(pb, &it[TCO_ITEM_SEAT]) +
                         flat_price(pb, &it[TCO_ITEM_SMS]) * w->draws[TCO_SCN_INTERNAL_SMS_PER_SEAT] +
                         flat_price(pb, &it[TCO_ITEM_VOICE]) * w->draws[TCO_SCN_VOICE_MINUTES_PER_SEAT];
        for (int i = 0; i < months; i++) {
            const double r = p * w->escalation[i] * w->discount[i];
            slope += r * w->seat_shape[i];
            shift += r * w->seats[i]; /* the engine priced whole seats */
        }
    }
    l->slope = slope;
    l->base = engine - shift;
    l->at0 = l->base;
    l->atmax = l->base + slope * x_max(axis);
    l->at_own = axis == TCO_BREAKEVEN_NOTIFICATIONS ? engine : l->base + slope * own;
}

typedef struct eval_ctx {
    const tco_breakeven_problem *pb;
    tco_breakeven_axis axis;
    double k;                 /* overhead_difference */
    tco_breakeven_solver *s;
    plan_line *u, *c;
    double last_scale;        /* |U| + |C| + |k| at the last evaluation */
} eval_ctx;

static double plan_value(const eval_ctx *e, const plan_line *l, double x)
{
    if (l->linear)
        return l->base + l->slope * x;
    if (l->pw)
        return piecewise_value(l, x);
    return plan_charges(e->pb, l->plan, e->axis, x);
}

static double eval_d(eval_ctx *e, double x)
{
    const double u = plan_value(e, e->u, x);
    const double c = plan_value(e, e->c, x);
    const double d = u - c + e->k;
    e->last_scale = fabs(u) + fabs(c) + fabs(e->k);
    tco_breakeven_solver *s = e->s;
    s->cache_x[s->next_cache] = x;
    s->cache_f[s->next_cache] = d;
    s->next_cache = (s->next_cache + 1) % N_CACHE;
    if (s->n_cache < N_CACHE)
        s->n_cache++;
    return d;
}

static double gsl_d(double x, void *params)
{
    return eval_d(params, x);
}

/* d at x from the recent evaluations, else evaluated. */
static double d_at(eval_ctx *e, double x)
{
    for (unsigned i = 0; i < e->s->n_cache; i++)
        if (e->s->cache_x[i] == x)
            return e->s->cache_f[i];
    return eval_d(e, x);
}

double tco_breakeven_difference(const tco_breakeven_problem *pb, tco_breakeven_axis axis,
                                double x)
{
    const double u = plan_charges(pb, pb->u->ucaas_plan, axis, x);
    const double c = plan_charges(pb, pb->c->cpaas_plan, axis, x);
    return u - c + overhead_difference(pb->cost, pb->w);
}

/* ==== root finding ========================================================================= */

static bool opposite(double a, double b)
{
    return (a < 0 && b > 0) || (a > 0 && b < 0);
}

/* The point of the secant through (a, fa), (b, fb), kept inside [a, b]. */
static double secant(double a, double fa, double b, double fb)
{
    double r = a - fa * (b - a) / (fb - fa);
    if (!(r >= a))
        r = a;
    if (!(r <= b))
        r = b;
    return r;
}

/* A root in [a, b] where d(a) = fa and d(b) = fb have opposite signs. */
static bool solve_bracket(eval_ctx *e, double a, double fa, double b, double fb, double *root)
{
    /* exact when d is linear on [a, b]: known linear, no evaluation; else one to check */
    double r = secant(a, fa, b, fb);
    if (e->u->linear && e->c->linear) {
        *root = r;
        return isfinite(r);
    }
    double fr = eval_d(e, r);
    if (fr == 0 || fabs(fr) <= ZERO_SHARE * e->last_scale) {
        *root = r;
        return true;
    }
    if (opposite(fa, fr)) {
        b = r;
        fb = fr;
    } else {
        a = r;
        fa = fr;
    }
    gsl_function f = {gsl_d, e};
    gsl_root_fsolver *s = e->s->brent;
    if (gsl_root_fsolver_set(s, &f, a, b) != GSL_SUCCESS)
        return false;
    int status = GSL_CONTINUE;
    double lo = a, hi = b;
    for (int iter = 0; iter < MAX_ITER && status == GSL_CONTINUE; iter++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
            return false; /* GSL_EBADFUNC (d not finite) or GSL_EZERODIV: no root */
        /* Brent evaluated d at its new estimate last: on the root's linear piece its secant
         * step is exact, and d there is zero to rounding: done */
        const double x = gsl_root_fsolver_root(s);
        const unsigned last = (e->s->next_cache + N_CACHE - 1) % N_CACHE;
        if (e->s->cache_x[last] == x &&
            (e->s->cache_f[last] == 0 || fabs(e->s->cache_f[last]) <= ZERO_SHARE * e->last_scale)) {
            *root = x;
            return true;
        }
        lo = gsl_root_fsolver_x_lower(s);
        hi = gsl_root_fsolver_x_upper(s);
        status = gsl_root_test_interval(lo, hi, EPS_ABS, TCO_BREAKEVEN_REL_TOLERANCE);
        if (status != GSL_SUCCESS && status != GSL_CONTINUE)
            return false;
    }
    if (status != GSL_SUCCESS)
        return false;
    /* one secant step through the final bracket: exact when both ends are on one piece */
    const double flo = d_at(e, lo), fhi = d_at(e, hi);
    if (flo == 0)
        *root = lo;
    else if (fhi == 0)
        *root = hi;
    else if (opposite(flo, fhi))
        *root = secant(lo, flo, hi, fhi);
    else
        *root = gsl_root_fsolver_root(s);
    return isfinite(*root);
}

/* The charges of a line at X_MAX, computed the first time they are needed (most trials find
 * their root below their own level and never need them). */
static double line_at_max(const eval_ctx *e, plan_line *l)
{
    if (isnan(l->atmax))
        l->atmax = plan_value(e, l, x_max(e->axis));
    return l->atmax;
}

/* Picks the bracket from d at 0, at the trial's own level xm and at X_MAX (header: the lower
 * straddling bracket wins). */
static bool solve_points(eval_ctx *e, double x0, double f0, double xm, double fm, double *root)
{
    *root = NAN;
    if (!isfinite(f0) || !isfinite(fm))
        return false;
    if (f0 == 0) {
        *root = x0;
        return true;
    }
    if (xm > x0 && opposite(f0, fm))
        return solve_bracket(e, x0, f0, xm, fm, root);
    if (xm > x0 && fm == 0) {
        *root = xm;
        return true;
    }
    const double xh = x_max(e->axis);
    const double fh = line_at_max(e, e->u) - line_at_max(e, e->c) + e->k;
    if (!isfinite(fh))
        return false;
    if (opposite(fm, fh))
        return solve_bracket(e, xm, fm, xh, fh, root);
    if (fh == 0) {
        *root = xh;
        return true;
    }
    return false;
}

/* The trial's own month-1 level of axis, inside [0, X_MAX]. */
static double own_level(const tco_workload *w, tco_breakeven_axis axis)
{
    double x = w->draws[axis == TCO_BREAKEVEN_SEATS ? TCO_SCN_SEATS : TCO_SCN_NOTIFICATIONS];
    return x > 0 && x < x_max(axis) ? x : 0;
}

bool tco_breakeven_solve(tco_breakeven_solver *s, const tco_breakeven_problem *pb,
                         tco_breakeven_axis axis, double *root)
{
    plan_line u, c;
    eval_ctx e = {pb, axis, overhead_difference(pb->cost, pb->w), s, &u, &c, 0};
    s->n_cache = s->next_cache = 0;
    const double xm = own_level(pb->w, axis);
    plan_line_make(pb, pb->u->ucaas_plan, axis, xm, &u, NULL);
    plan_line_make(pb, pb->c->cpaas_plan, axis, xm, &c, NULL);
    return solve_points(&e, 0, u.at0 - c.at0 + e.k, xm, u.at_own - c.at_own + e.k, root);
}

/* ==== the observer ========================================================================= */

typedef struct pair_sum {
    size_t u, c;             /* option indices */
    uint64_t n, n_cross;
    uint64_t *cross;         /* [months + 1]: trials whose crossover is month m */
    uint64_t n_root[2];      /* per axis */
    tco_sketch root_q[2];
} pair_sum;

struct tco_breakeven {
    int months;
    size_t n_pairs;
    pair_sum *pairs;
};

static void *be_alloc(void *ctx, const tco_option_set *options, int months)
{
    (void)ctx;
    tco_breakeven *b = tco_xcalloc(1, sizeof *b);
    b->months = months;
    size_t n = 0;
    for (size_t u = 0; u < options->n; u++)
        for (size_t c = 0; c < options->n; c++)
            if (options->items[u].offered && options->items[u].kind == TCO_OPTION_UCAAS &&
                options->items[c].offered && options->items[c].kind == TCO_OPTION_CPAAS)
                n++;
    b->pairs = tco_xcalloc(n + 1, sizeof *b->pairs);
    for (size_t u = 0; u < options->n; u++)
        for (size_t c = 0; c < options->n; c++)
            if (options->items[u].offered && options->items[u].kind == TCO_OPTION_UCAAS &&
                options->items[c].offered && options->items[c].kind == TCO_OPTION_CPAAS) {
                pair_sum *p = &b->pairs[b->n_pairs++];
                p->u = u;
                p->c = c;
                p->cross = tco_xcalloc((size_t)months + 1, sizeof *p->cross);
                tco_sketch_init(&p->root_q[0], TCO_QUANTILE_REL_ACCURACY);
                tco_sketch_init(&p->root_q[1], TCO_QUANTILE_REL_ACCURACY);
            }
    return b;
}

static void be_reset(void *summary)
{
    tco_breakeven *b = summary;
    for (size_t i = 0; i < b->n_pairs; i++) {
        pair_sum *p = &b->pairs[i];
        p->n = p->n_cross = 0;
        memset(p->cross, 0, ((size_t)b->months + 1) * sizeof *p->cross);
        for (int a = 0; a < 2; a++) {
            p->n_root[a] = 0;
            tco_sketch_reset(&p->root_q[a]);
        }
    }
}

static void be_merge(void *dst, const void *src)
{
    tco_breakeven *d = dst;
    const tco_breakeven *s = src;
    for (size_t i = 0; i < d->n_pairs; i++) {
        pair_sum *a = &d->pairs[i];
        const pair_sum *b = &s->pairs[i];
        a->n += b->n;
        a->n_cross += b->n_cross;
        for (int m = 0; m <= d->months; m++)
            a->cross[m] += b->cross[m];
        for (int k = 0; k < 2; k++) {
            a->n_root[k] += b->n_root[k];
            tco_sketch_merge(&a->root_q[k], &b->root_q[k]);
        }
    }
}

static void be_free(void *summary)
{
    tco_breakeven *b = summary;
    if (!b)
        return;
    for (size_t i = 0; i < b->n_pairs; i++) {
        free(b->pairs[i].cross);
        tco_sketch_fini(&b->pairs[i].root_q[0]);
        tco_sketch_fini(&b->pairs[i].root_q[1]);
    }
    free(b->pairs);
    free(b);
}

/* Per-thread scratch: the solver and each plan's charges at the bracket points. */
typedef struct be_scratch {
    tco_breakeven_solver *solver;
    size_t n_plans;          /* 1 + the largest plan index an option uses */
    plan_line *lines;        /* [axis][plan] */
    unsigned char *used;     /* [plan]: in some pair */
    piecewise *pw;           /* [axis][plan]: plan_line.pw, grown on first use */
    int months;
} be_scratch;

static void *be_scratch_alloc(void *ctx, const tco_option_set *options, int months)
{
    (void)ctx;
    be_scratch *s = tco_xcalloc(1, sizeof *s);
    s->solver = tco_breakeven_solver_alloc();
    for (size_t o = 0; o < options->n; o++) {
        long k = options->items[o].ucaas_plan > options->items[o].cpaas_plan
                     ? options->items[o].ucaas_plan
                     : options->items[o].cpaas_plan;
        if (k >= 0 && (size_t)k + 1 > s->n_plans)
            s->n_plans = (size_t)k + 1;
    }
    s->lines = tco_xcalloc(2 * s->n_plans + 1, sizeof *s->lines);
    s->used = tco_xcalloc(s->n_plans + 1, sizeof *s->used);
    s->months = months;
    s->pw = tco_xcalloc(2 * s->n_plans + 1, sizeof *s->pw);
    return s;
}

static void be_scratch_free(void *scratch)
{
    be_scratch *s = scratch;
    if (!s)
        return;
    tco_breakeven_solver_free(s->solver);
    free(s->lines);
    free(s->used);
    for (size_t k = 0; k < 2 * s->n_plans; k++) {
        free(s->pw[k].k);
    }
    free(s->pw);
    free(s);
}

static long plan_of(const tco_option *o)
{
    return o->kind == TCO_OPTION_UCAAS ? o->ucaas_plan : o->cpaas_plan;
}

static void be_trial(void *summary, const tco_trial_view *v)
{
    tco_breakeven *b = summary;
    be_scratch *s = v->scratch;
    const int months = b->months;
    const tco_workload *w = v->workload;
    const tco_option *items = v->options->items;

    /* each plan's charges at the bracket points, once for all its pairs */
    memset(s->used, 0, s->n_plans);
    for (size_t i = 0; i < b->n_pairs; i++) {
        s->used[plan_of(&items[b->pairs[i].u])] = 1;
        s->used[plan_of(&items[b->pairs[i].c])] = 1;
    }
    tco_breakeven_problem pb = {v->prices, NULL, NULL, v->price_draws, w, v->cost};
    double xm[2];
    for (int a = 0; a < 2; a++)
        xm[a] = own_level(w, (tco_breakeven_axis)a);
    for (size_t k = 0; k < s->n_plans; k++)
        if (s->used[k])
            for (int a = 0; a < 2; a++) {
                piecewise *pw = &s->pw[(size_t)a * s->n_plans + k];
                piecewise_reserve(pw, piecewise_cap(&v->prices->plans[k], s->months));
                plan_line_make(&pb, (long)k, (tco_breakeven_axis)a, xm[a],
                               &s->lines[(size_t)a * s->n_plans + k], pw);
            }
    const double kdiff = overhead_difference(v->cost, w);

    for (size_t i = 0; i < b->n_pairs; i++) {
        pair_sum *p = &b->pairs[i];
        p->n++;
        const int month = tco_breakeven_crossover_month(v->cost->monthly + p->u * (size_t)months,
                                                        v->cost->monthly + p->c * (size_t)months,
                                                        months);
        if (month > 0) {
            p->n_cross++;
            p->cross[month]++;
        }
        pb.u = &items[p->u];
        pb.c = &items[p->c];
        const long ku = pb.u->ucaas_plan, kc = pb.c->cpaas_plan;
        for (int a = 0; a < 2; a++) {
            plan_line *lines = s->lines + (size_t)a * s->n_plans;
            plan_line *u = &lines[ku], *c = &lines[kc];
            eval_ctx e = {&pb, (tco_breakeven_axis)a, kdiff, s->solver, u, c, 0};
            s->solver->n_cache = s->solver->next_cache = 0;
            double root;
            if (solve_points(&e, 0, u->at0 - c->at0 + kdiff, xm[a],
                             u->at_own - c->at_own + kdiff, &root)) {
                p->n_root[a]++;
                tco_sketch_add(&p->root_q[a], root);
            }
        }
    }
}

tco_observer tco_breakeven_observer(void)
{
    tco_observer o = {be_alloc, be_reset, be_trial, be_merge, be_free, be_scratch_alloc,
                      be_scratch_free, NULL};
    return o;
}

const tco_breakeven *tco_breakeven_find(const tco_result *r)
{
    for (size_t k = 0; r && k < r->n_observers; k++)
        if (r->observers[k].trial == be_trial)
            return r->observed[k];
    return NULL;
}

size_t tco_breakeven_n_pairs(const tco_breakeven *b)
{
    return b ? b->n_pairs : 0;
}

/* Quantile q of exact month counts, the lower order statistic of rank floor(q (n-1)) as
 * tco_sketch_quantile; NAN when n == 0. */
static double count_quantile(const uint64_t *count, int months, uint64_t n, double q)
{
    if (n == 0)
        return NAN;
    const uint64_t rank = (uint64_t)floor(q * (double)(n - 1));
    uint64_t seen = 0;
    for (int m = 0; m <= months; m++) {
        seen += count[m];
        if (seen > rank)
            return m;
    }
    return months;
}

void tco_breakeven_pair_get(const tco_breakeven *b, size_t i, tco_breakeven_pair *out)
{
    const pair_sum *p = &b->pairs[i];
    memset(out, 0, sizeof *out);
    out->per_seat = p->u;
    out->per_transaction = p->c;
    out->n_trials = p->n;
    const double n = (double)p->n;
    out->n_crossover = p->n_cross;
    out->p_crossover = n > 0 ? (double)p->n_cross / n : 0;
    out->p_crossover_se = n > 0 ? sqrt(out->p_crossover * (1 - out->p_crossover) / n) : 0;
    out->crossover_month_p10 = count_quantile(p->cross, b->months, p->n_cross, 0.10);
    out->crossover_month_p50 = count_quantile(p->cross, b->months, p->n_cross, 0.50);
    out->crossover_month_p90 = count_quantile(p->cross, b->months, p->n_cross, 0.90);
    const tco_sketch *qn = &p->root_q[TCO_BREAKEVEN_NOTIFICATIONS];
    const tco_sketch *qs = &p->root_q[TCO_BREAKEVEN_SEATS];
    out->n_notifications = p->n_root[TCO_BREAKEVEN_NOTIFICATIONS];
    out->p_notifications = n > 0 ? (double)out->n_notifications / n : 0;
    out->notifications_p10 = tco_sketch_quantile(qn, 0.10);
    out->notifications_p50 = tco_sketch_quantile(qn, 0.50);
    out->notifications_p90 = tco_sketch_quantile(qn, 0.90);
    out->n_seats = p->n_root[TCO_BREAKEVEN_SEATS];
    out->p_seats = n > 0 ? (double)out->n_seats / n : 0;
    out->seats_p10 = tco_sketch_quantile(qs, 0.10);
    out->seats_p50 = tco_sketch_quantile(qs, 0.50);
    out->seats_p90 = tco_sketch_quantile(qs, 0.90);
}

/* ==== the deterministic sweep ============================================================== */

/* Grid points of one axis (see tco_sweep_config); returns how many (<= steps). */
static size_t axis_points(double lo, double hi, unsigned steps, bool log_scale, double *out)
{
    for (unsigned i = 0; i < steps; i++) {
        const double t = steps > 1 ? (double)i / (steps - 1) : 0;
        double x;
        if (!log_scale) {
            x = lo + t * (hi - lo);
        } else if (lo > 0) {
            x = lo * pow(hi / lo, t);
        } else {
            /* SPEC-free choice, documented in the header: 0, then geometric from HI/1000 */
            const double from = hi / 1000;
            x = i == 0 ? 0 : from * pow(hi / from, steps > 2 ? (double)(i - 1) / (steps - 2) : 1);
        }
        out[i] = x;
    }
    out[0] = lo;
    out[steps - 1] = hi;
    size_t n = steps;
    if (hi - lo >= steps - 1) {
        n = 0;
        for (unsigned i = 0; i < steps; i++) {
            const double x = round(out[i]);
            if (n == 0 || x > out[n - 1])
                out[n++] = x;
        }
    }
    return n;
}

/* The scenario with every cell at its mean and no month-to-month randomness. */
static void mean_scenario(const tco_scenario *s, tco_scenario *m)
{
    *m = *s;
    for (int f = 0; f < TCO_SCN_N_FIELDS; f++)
        m->v[f] = tco_value_const(tco_value_mean(&s->v[f]));
    m->v[TCO_SCN_SEAT_VOLATILITY] = tco_value_const(0);
    m->v[TCO_SCN_VOLUME_VOLATILITY] = tco_value_const(0);
    m->v[TCO_SCN_SPIKE_PROBABILITY] = tco_value_const(0);
}

typedef struct sweep_ws {
    tco_workload w;
    tco_cost_ws cost;
    double *price_draws;
} sweep_ws;

/* Prices every option at (seats, notifications); the two cheapest offered into *cell. */
static void price_cell(sweep_ws *ws, const tco_prices *p, const tco_option_set *set, double seats,
                       double notifications, tco_sweep_cell *cell)
{
    ws->w.draws[TCO_SCN_SEATS] = seats;
    ws->w.draws[TCO_SCN_NOTIFICATIONS] = notifications;
    tco_workload_apply(&ws->w, seats, notifications);
    tco_cost_trial(&ws->cost, p, set, ws->price_draws, &ws->w);
    cell->cheapest = cell->second = -1;
    cell->cheapest_tco = cell->second_tco = NAN;
    for (size_t o = 0; o < set->n; o++) {
        if (!set->items[o].offered)
            continue;
        const double x = ws->cost.total[o];
        if (cell->cheapest < 0 || x < cell->cheapest_tco) {
            cell->second = cell->cheapest;
            cell->second_tco = cell->cheapest_tco;
            cell->cheapest = (long)o;
            cell->cheapest_tco = x;
        } else if (cell->second < 0 || x < cell->second_tco) {
            cell->second = (long)o;
            cell->second_tco = x;
        }
    }
}

static void probe_rule(sweep_ws *ws, const tco_prices *p, const tco_option_set *set,
                       tco_sweep_rule *rule)
{
    memset(rule, 0, sizeof *rule);
    rule->fail_option = -1;
    rule->fail_seats = rule->fail_notifications = NAN;
    unsigned *fails = tco_xcalloc(set->n + 1, sizeof *fails);
    for (int i = 0; i < TCO_SWEEP_RULE_POINTS; i++) {
        const double seats = 1 + 8 * i; /* 1, 9, ..., 49: fewer than 50 */
        for (int j = 0; j < TCO_SWEEP_RULE_POINTS; j++) {
            /* more than 10,000: 10,001 to 1,000,000 */
            const double notifications =
                round(10001 * pow(1e6 / 10001, (double)j / (TCO_SWEEP_RULE_POINTS - 1)));
            tco_sweep_cell cell;
            price_cell(ws, p, set, seats, notifications, &cell);
            if (cell.cheapest < 0)
                continue;
            rule->n_points++;
            const tco_option_kind kind = set->items[cell.cheapest].kind;
            if (kind == TCO_OPTION_CPAAS) {
                rule->n_cpaas++;
                continue;
            }
            if (kind == TCO_OPTION_HYBRID)
                rule->n_hybrid++;
            else
                rule->n_ucaas++;
            fails[cell.cheapest]++;
            if (isnan(rule->fail_notifications) || notifications > rule->fail_notifications ||
                (notifications == rule->fail_notifications && seats > rule->fail_seats)) {
                rule->fail_notifications = notifications;
                rule->fail_seats = seats;
            }
        }
    }
    for (size_t o = 0; o < set->n; o++)
        if (fails[o] > 0 && (rule->fail_option < 0 || fails[o] > fails[rule->fail_option]))
            rule->fail_option = (long)o;
    free(fails);
}

void tco_breakeven_sweep(const tco_scenario *s, const tco_prices *p, const tco_sweep_config *cfg,
                         tco_sweep *out)
{
    memset(out, 0, sizeof *out);
    out->scenario = s;
    out->months = s->months;
    tco_options_build(&out->options, p, s);
    const tco_option_set *set = &out->options;

    tco_scenario mean;
    mean_scenario(s, &mean);
    sweep_ws ws;
    tco_workload_init(&ws.w, s->months);
    tco_cost_ws_init(&ws.cost, p->n_plans, set->n, s->months);
    ws.price_draws = tco_xcalloc(p->n_values + 1, sizeof *ws.price_draws);
    for (size_t i = 0; i < p->n_values; i++)
        ws.price_draws[i] = tco_value_mean(&p->values[i]);
    /* no cell is random any more: the generator is never drawn from */
    gsl_rng *rng = tco_rng_alloc();
    tco_workload_sample(&ws.w, &mean, rng);
    gsl_rng_free(rng);
    out->mean_seats = ws.w.draws[TCO_SCN_SEATS];
    out->mean_notifications = ws.w.draws[TCO_SCN_NOTIFICATIONS];

    /* the grid */
    const unsigned steps = cfg->steps ? cfg->steps : 12;
    const double seats_c = out->mean_seats > 1 ? out->mean_seats : 1;
    double s_lo = isnan(cfg->seats_lo) ? (seats_c / 4 > 1 ? seats_c / 4 : 1) : cfg->seats_lo;
    double s_hi = isnan(cfg->seats_hi) ? 4 * seats_c : cfg->seats_hi;
    const double notif_c = out->mean_notifications > 1000 ? out->mean_notifications : 1000;
    double n_lo = isnan(cfg->notifications_lo) ? 100 : cfg->notifications_lo;
    double n_hi = isnan(cfg->notifications_hi) ? 100 * notif_c : cfg->notifications_hi;
    const bool seats_log = cfg->scale == 2, notif_log = cfg->scale != 1;
    out->seats = tco_xcalloc(steps, sizeof *out->seats);
    out->notifications = tco_xcalloc(steps, sizeof *out->notifications);
    out->n_seats = axis_points(s_lo, s_hi, steps, seats_log, out->seats);
    out->n_notifications = axis_points(n_lo, n_hi, steps, notif_log, out->notifications);
    out->cells = tco_xcalloc(out->n_seats * out->n_notifications, sizeof *out->cells);
    for (size_t i = 0; i < out->n_seats; i++)
        for (size_t j = 0; j < out->n_notifications; j++)
            price_cell(&ws, p, set, out->seats[i], out->notifications[j],
                       &out->cells[i * out->n_notifications + j]);

    /* the frontier: break-even notifications of every pair at each row's seats */
    for (size_t u = 0; u < set->n; u++)
        for (size_t c = 0; c < set->n; c++)
            if (set->items[u].offered && set->items[u].kind == TCO_OPTION_UCAAS &&
                set->items[c].offered && set->items[c].kind == TCO_OPTION_CPAAS)
                out->n_pairs++;
    out->pair_u = tco_xcalloc(out->n_pairs + 1, sizeof *out->pair_u);
    out->pair_c = tco_xcalloc(out->n_pairs + 1, sizeof *out->pair_c);
    size_t k = 0;
    for (size_t u = 0; u < set->n; u++)
        for (size_t c = 0; c < set->n; c++)
            if (set->items[u].offered && set->items[u].kind == TCO_OPTION_UCAAS &&
                set->items[c].offered && set->items[c].kind == TCO_OPTION_CPAAS) {
                out->pair_u[k] = u;
                out->pair_c[k] = c;
                k++;
            }
    out->frontier = tco_xcalloc(out->n_seats * out->n_pairs + 1, sizeof *out->frontier);
    tco_breakeven_solver *solver = tco_breakeven_solver_alloc();
    for (size_t i = 0; i < out->n_seats; i++) {
        tco_sweep_cell unused;
        price_cell(&ws, p, set, out->seats[i], out->mean_notifications, &unused);
        for (k = 0; k < out->n_pairs; k++) {
            tco_breakeven_problem pb = {p, &set->items[out->pair_u[k]],
                                        &set->items[out->pair_c[k]], ws.price_draws, &ws.w,
                                        &ws.cost};
            double root;
            out->frontier[i * out->n_pairs + k] =
                tco_breakeven_solve(solver, &pb, TCO_BREAKEVEN_NOTIFICATIONS, &root) ? root : NAN;
        }
    }
    tco_breakeven_solver_free(solver);

    probe_rule(&ws, p, set, &out->rule);

    tco_workload_fini(&ws.w);
    tco_cost_ws_fini(&ws.cost);
    free(ws.price_draws);
}

void tco_sweep_fini(tco_sweep *sw)
{
    if (!sw)
        return;
    tco_options_fini(&sw->options);
    free(sw->seats);
    free(sw->notifications);
    free(sw->cells);
    free(sw->pair_u);
    free(sw->pair_c);
    free(sw->frontier);
    memset(sw, 0, sizeof *sw);
}
