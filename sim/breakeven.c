/* SPDX-License-Identifier: MIT */
/* breakeven: crossover months and break-even volumes of per-seat vs per-transaction pairs
 * (SPEC §6; the design and the tie and root conventions are in tco/breakeven.h).
 *
 * Cost per trial: the crossover is one pass over the months per pair. For the roots, each
 * option in some pair is prepared once per trial per axis and shared by its pairs: priced
 * month by month at 0, and its kinks listed (sorted) with their changes of slope; a pair then
 * merges two sorted lists and walks them once. Whole seats add exact evaluations only in the
 * narrow bands where the relaxation is within its whole-seat bound of zero.
 */
#include "tco/breakeven.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tco/defaults.h"
#include "tco/price.h"
#include "tco/rng.h"
#include "tco/stats.h"
#include "tco/xalloc.h"

/* ==== crossover month ====================================================================== */

static int sign_of(double x)
{
    return (x > 0) - (x < 0);
}

/* The order of two cumulative costs: within half a cent they are equal (SPEC §6 ties). */
static int order_of(double d)
{
    return fabs(d) <= TCO_BREAKEVEN_TIE ? 0 : sign_of(d);
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
        int s = order_of(d);
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
        int s = order_of(d);
        if (s != 0)
            order = s;
        if (order != final_order)
            last_other = m + 1;
    }
    return last_other + 1;
}

/* ==== d(x) ================================================================================= */

/* A root below this share of the costs compared is rounding (600 months of sums are within
 * 600 x 2^-53 ~ 7e-14 of them): it widens half a cent when the costs are very large. */
#define ROUNDING_SHARE 1e-12
/* Whole-seat bands up to this many seat counts are scanned one by one; wider ones (a
 * difference almost flat in seats) are bisected, exact when d is monotone there. */
#define SCAN_MAX 256

/* A change of slope of the charges at x. */
typedef struct kink {
    double x, dslope;
} kink;

/* One option's vendor charges as x moves: the exact charges at 0, the slope at 0+ and the
 * kinks; for seats the relaxation with real seats, plus `bound`, the most that whole seats
 * can add to it (sum over months of escalation x discount x the largest charge of one more
 * seat), 0 in months whose shape keeps whole seat counts whole. The kinks are put in order
 * lazily (a min-heap popped into `sorted` as far as some walk has read): most walks end at a
 * root long before the last kink, and the sides are shared by every pair of a trial. */
typedef struct side side;
struct side {
    double at0, s0, bound;
    kink *k;                 /* [n]: a min-heap of the kinks not yet in order (heap_n of them) */
    size_t n, cap, heap_n;
    kink *sorted;            /* [n_sorted]: the lowest kinks, in order */
    size_t n_sorted, sorted_cap;
    side *month;      /* scratch of a plan with a minimum: one month's charges (SPEC
                              * §12.4), made on first use; NULL until then */
};

struct tco_breakeven_solver {
    side sides[2];
};

static void side_fini(side *sd)
{
    free(sd->k);
    free(sd->sorted);
    if (sd->month)
        side_fini(sd->month);
    free(sd->month);
}

tco_breakeven_solver *tco_breakeven_solver_alloc(void)
{
    return tco_xcalloc(1, sizeof(tco_breakeven_solver));
}

void tco_breakeven_solver_free(tco_breakeven_solver *s)
{
    if (!s)
        return;
    for (int i = 0; i < 2; i++)
        side_fini(&s->sides[i]);
    free(s);
}

static double x_max(tco_breakeven_axis axis)
{
    return axis == TCO_BREAKEVEN_SEATS ? TCO_BREAKEVEN_MAX_SEATS : TCO_BREAKEVEN_MAX_NOTIFICATIONS;
}

/* A plan in the role an option gives it: the whole workload (`ucaas:`, `cpaas:`), or its part
 * of a hybrid (SPEC §6: the UCaaS plan keeps seats and internal usage, the CPaaS plan takes
 * notifications and API requests), as tco_cost_trial prices it. */
typedef struct role {
    long plan;
    bool whole;
} role;

static int roles_of(const tco_option *o, role r[2])
{
    if (o->kind == TCO_OPTION_HYBRID) {
        r[0] = (role){o->ucaas_plan, false};
        r[1] = (role){o->cpaas_plan, false};
        return 2;
    }
    r[0] = (role){o->kind == TCO_OPTION_UCAAS ? o->ucaas_plan : o->cpaas_plan, true};
    return 1;
}

/* Discounted vendor charges of one plan role with the month-1 level of `axis` at x, priced
 * month by month as the engine does: seats are whole, tco_workload_whole(x x seat_shape). */
static double role_charges(const tco_breakeven_problem *pb, role r, tco_breakeven_axis axis,
                           double x)
{
    const tco_workload *w = pb->w;
    const tco_plan *pl = &pb->prices->plans[r.plan];
    const bool staff = r.whole || pl->model == TCO_MODEL_UCAAS;     /* seats, internal usage */
    const bool customers = r.whole || pl->model == TCO_MODEL_CPAAS; /* notifications, api */
    const double sms_per_seat = w->draws[TCO_SCN_INTERNAL_SMS_PER_SEAT];
    const double voice_per_seat = w->draws[TCO_SCN_VOICE_MINUTES_PER_SEAT];
    const double staff_per_seat = r.whole && pl->model == TCO_MODEL_CPAAS
                                      ? w->draws[TCO_SCN_CPAAS_COST_PER_SEAT]
                                      : 0;
    /* the month-vector pricing, a stack-sized chunk of months at a time (no allocation) */
    enum { CHUNK = 64 };
    double seats[CHUNK], sms[CHUNK], voice[CHUNK], out[CHUNK];
    double total = 0;
    for (int start = 0; start < w->months; start += CHUNK) {
        const int len = w->months - start < CHUNK ? w->months - start : CHUNK;
        for (int j = 0; j < len; j++) {
            const int i = start + j;
            double n, internal, minutes, notifications;
            if (axis == TCO_BREAKEVEN_NOTIFICATIONS) {
                n = w->seats[i];
                internal = w->internal_sms[i];
                minutes = w->voice[i];
                notifications = x * w->notif_shape[i];
            } else {
                n = tco_workload_whole(x * w->seat_shape[i]);
                internal = sms_per_seat * n;
                minutes = voice_per_seat * n;
                notifications = w->notifications[i];
            }
            seats[j] = n;
            sms[j] = (staff ? internal : 0) + (customers ? notifications : 0);
            voice[j] = minutes;
        }
        const tco_usage_months u = {staff ? seats : NULL, sms, staff ? voice : NULL,
                                    customers ? w->api + start : NULL, w->phone_numbers};
        tco_price_plan_months(pl, pb->price_draws, &u, start + 1, len, w->escalation + start,
                              out);
        for (int j = 0; j < len; j++)
            total += out[j] * w->discount[start + j];
        /* SPEC §8.1: a `cpaas:` option's staff cost, per whole seat, escalated */
        for (int j = 0; staff_per_seat != 0 && j < len; j++)
            total += staff_per_seat * seats[j] * w->escalation[start + j] * w->discount[start + j];
    }
    return total;
}

static double option_charges(const tco_breakeven_problem *pb, const tco_option *o,
                             tco_breakeven_axis axis, double x)
{
    role r[2];
    const int n = roles_of(o, r);
    double total = 0;
    for (int i = 0; i < n; i++)
        total += role_charges(pb, r[i], axis, x);
    return total;
}

/* Labor and delay of u minus those of c, discounted: independent of x. */
static double overhead_difference(const tco_breakeven_problem *pb)
{
    const tco_workload *w = pb->w;
    const int months = w->months;
    const double *over_u = pb->cost->overhead + (size_t)pb->u->kind * (size_t)months;
    const double *over_c = pb->cost->overhead + (size_t)pb->c->kind * (size_t)months;
    double k = 0;
    for (int i = 0; i < months; i++)
        k += (over_u[i] - over_c[i]) * w->discount[i];
    return k;
}

double tco_breakeven_difference(const tco_breakeven_problem *pb, tco_breakeven_axis axis,
                                double x)
{
    if (pb->u->kind == TCO_OPTION_MIGRATE || pb->c->kind == TCO_OPTION_MIGRATE)
        return NAN;
    return option_charges(pb, pb->u, axis, x) - option_charges(pb, pb->c, axis, x) +
           overhead_difference(pb);
}

/* SPEC §5-§6: with notifications an option whose CPaaS plan carries them but prices no `sms`
 * is not offered, so it has no break-even volume. */
static bool carries_notifications(const tco_breakeven_problem *pb, const tco_option *o)
{
    if (o->kind == TCO_OPTION_UCAAS)
        return true;
    return pb->prices->plans[o->cpaas_plan].items[TCO_ITEM_SMS].n_tiers != 0;
}

/* ---- an option's charges as a piecewise-linear function of x -----------------------------
 *
 * Each item that moves with x costs, in month m, w x sum over tiers of p_t x
 * max(0, min(hi_t, q(x)) - max(lo_t, f(x))) (tco_price_item), with the quantity q = a + b x and
 * the free units f = g + h x linear in x and w the month's escalation x discount (/ 1000 for
 * api). So the charges are piecewise linear, with kinks where q or f meets a tier edge or q
 * meets f: every kink of every month is listed with its change of slope. */

/* Kinks per month of an item with n tiers: q or f at lo or hi of each tier, and q = f. */
static size_t item_kinks_max(const tco_item_price *ip)
{
    return ip->n_tiers ? 4 * ip->n_tiers + 1 : 0;
}

static void side_push(side *sd, double x, double dslope)
{
    if (sd->n == sd->cap) {
        sd->cap = sd->cap ? 2 * sd->cap : 64;
        sd->k = tco_xreallocarray(sd->k, sd->cap, sizeof *sd->k);
    }
    sd->k[sd->n++] = (kink){x, dslope};
}

/* The slope at x of the item's cost for q = a + b x, f = g + h x. */
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
static void slope_event(side *sd, double e, double dp, double a, double b, double w)
{
    const double d = w * b * dp;
    if (e > a) {
        const double x = (e - a) / b;
        if (isfinite(x))
            side_push(sd, x, d);
    } else {
        sd->s0 += d;
    }
}

/* Adds one month's item (weight w) to the side: its slope at 0+ and its kinks. */
static void item_add(side *sd, const tco_item_price *ip, const double *prices, double a, double b,
                     double g, double h, double w)
{
    if (!ip->n_tiers || (b == 0 && h == 0))
        return;
    const tco_tier *t0 = &ip->tiers[0];
    if (ip->n_tiers == 1 && t0->lo == 0 && isinf(t0->hi)) {
        /* one open tier: w p max(0, q - f) (f >= 0), one kink where q = f */
        const double dq = b - h, r = (g - a) / dq, slope = w * prices[t0->price] * dq;
        if (dq == 0)
            return;
        if (r > 0 && isfinite(r)) {
            if (dq < 0)
                sd->s0 += slope;
            side_push(sd, r, dq > 0 ? slope : -slope);
        } else if (dq > 0) {
            sd->s0 += slope;
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
                slope_event(sd, start, p - prev_p, a, b, w);
            } else {
                if (isfinite(prev_end))
                    slope_event(sd, prev_end, -prev_p, a, b, w);
                slope_event(sd, start, p, a, b, w);
            }
            prev_p = p;
            prev_end = tier->hi;
        }
        if (isfinite(prev_end))
            slope_event(sd, prev_end, -prev_p, a, b, w);
        return;
    }
    /* both move (a UCaaS allowance per seat on the seats axis): every candidate kink */
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
    sd->s0 += before;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && local[i + 1] == local[i])
            continue;
        const double mid = i + 1 < n ? local[i] + (local[i + 1] - local[i]) / 2 : 2 * local[i] + 1;
        const double after = item_slope(ip, prices, a, b, g, h, mid) * w;
        if (after != before)
            side_push(sd, local[i], after - before);
        before = after;
    }
}

static double max_price(const tco_item_price *ip, const double *prices)
{
    double m = 0;
    for (size_t t = 0; t < ip->n_tiers; t++)
        m = fmax(m, fabs(prices[ip->tiers[t].price]));
    return m;
}

/* The largest change of a plan role's monthly charges for one more whole seat (before
 * escalation and discount): for each item, its dearest price x the larger of how much its
 * quantity and its free units move per seat (graduated tiers charge the units between the
 * free units and the quantity, so moving both ends by dq and df changes the charge by at most
 * the dearest price x max(dq, df)). */
static double seat_step_bound(const tco_breakeven_problem *pb, role r)
{
    const tco_plan *pl = &pb->prices->plans[r.plan];
    const tco_item_price *it = pl->items;
    const double *pr = pb->price_draws;
    const bool allow = pl->model == TCO_MODEL_UCAAS;
    if (!r.whole && !allow)
        return 0; /* a hybrid's CPaaS part carries no seat */
    const double *d = pb->w->draws;
    const double sms_q = fabs(d[TCO_SCN_INTERNAL_SMS_PER_SEAT]);
    const double voice_q = fabs(d[TCO_SCN_VOICE_MINUTES_PER_SEAT]);
    const double sms_f = allow ? it[TCO_ITEM_SMS].included : 0;
    const double voice_f = allow ? it[TCO_ITEM_VOICE].included : 0;
    double b = max_price(&it[TCO_ITEM_SEAT], pr) +
               max_price(&it[TCO_ITEM_SMS], pr) * fmax(sms_q, sms_f) +
               max_price(&it[TCO_ITEM_VOICE], pr) * fmax(voice_q, voice_f);
    if (r.whole && !allow) /* SPEC §8.1: a `cpaas:` option's staff cost per seat */
        b += fabs(d[TCO_SCN_CPAAS_COST_PER_SEAT]);
    if (allow) {
        b += max_price(&it[TCO_ITEM_API], pr) * it[TCO_ITEM_API].included / 1000.0 +
             max_price(&it[TCO_ITEM_NUMBER], pr) * it[TCO_ITEM_NUMBER].included +
             max_price(&it[TCO_ITEM_PLATFORM], pr) * it[TCO_ITEM_PLATFORM].included +
             max_price(&it[TCO_ITEM_SETUP], pr) * it[TCO_ITEM_SETUP].included;
    }
    return b;
}

/* An item's month waiting to be added: consecutive months with the same quantity and free
 * units (no growth) have the same kinks, so their weights add up and the kinks are listed once. */
typedef struct pending {
    bool live;
    double a, b, g, h, w;
} pending;

/* One plan role's items being added to a side. */
typedef struct role_kinks {
    side *sd;
    const tco_item_price *items;
    const double *prices;
    pending p[TCO_N_ITEMS];
} role_kinks;

static void pending_flush(role_kinks *rk, tco_item item)
{
    pending *p = &rk->p[item];
    if (p->live)
        item_add(rk->sd, &rk->items[item], rk->prices, p->a, p->b, p->g, p->h, p->w);
    p->live = false;
}

/* Item `item` in one month: quantity a + b x, free units g + h x, weight w. */
static void pend(role_kinks *rk, tco_item item, double a, double b, double g, double h, double w)
{
    pending *p = &rk->p[item];
    if (!rk->items[item].n_tiers)
        return;
    if (p->live && p->a == a && p->b == b && p->g == g && p->h == h) {
        p->w += w;
        return;
    }
    pending_flush(rk, item);
    *p = (pending){true, a, b, g, h, w};
}

/* ---- a plan with a minimum (SPEC §12.4) ---------------------------------------------------
 *
 * A month's charges of such a plan are max(v(x), M) x escalation x discount, v the sum of its
 * items (but setup) before escalation and M the minimum: still piecewise linear, with a kink
 * more wherever v crosses M. So each month's v is built on its own (its items' lines, its
 * kinks in order, its value at 0), the max is taken piece by piece, and the result, weighted,
 * goes into the side. max(., M) moves by no more than its argument, so the whole-seat bound
 * of the side stays valid as it is. Months with the same lines share one function. */

/* One item's quantity a + b x and free units g + h x in one month; `scale` 1/1000 for api. */
typedef struct item_line {
    double a, b, g, h, scale;
} item_line;

/* The lines of every item but setup of plan role r in month index i, as tco_cost_trial prices
 * it (cost.c usage_of: the whole workload, or a hybrid's part; a UCaaS plan's allowances per
 * whole seat, its `seat` included free seats). */
static void month_lines(const tco_breakeven_problem *pb, role r, tco_breakeven_axis axis, int i,
                        item_line L[TCO_ITEM_SETUP])
{
    const tco_workload *w = pb->w;
    const tco_plan *pl = &pb->prices->plans[r.plan];
    const tco_item_price *it = pl->items;
    const bool allow = pl->model == TCO_MODEL_UCAAS;
    const bool staff = r.whole || allow, customers = r.whole || !allow;
    const double *d = w->draws;
    for (int k = 0; k < TCO_ITEM_SETUP; k++) {
        L[k] = (item_line){0, 0, 0, 0, k == TCO_ITEM_API ? 1 / 1000.0 : 1};
        if (k == TCO_ITEM_SEAT)
            L[k].g = it[k].included; /* free seats */
        else if (axis == TCO_BREAKEVEN_NOTIFICATIONS || !allow)
            L[k].g = it[k].included * (allow ? w->seats[i] : 1);
        else
            L[k].h = it[k].included * w->seat_shape[i];
    }
    L[TCO_ITEM_NUMBER].a = w->phone_numbers;
    L[TCO_ITEM_PLATFORM].a = 1;
    L[TCO_ITEM_API].a = customers ? w->api[i] : 0;
    if (axis == TCO_BREAKEVEN_NOTIFICATIONS) {
        L[TCO_ITEM_SEAT].a = staff ? w->seats[i] : 0;
        L[TCO_ITEM_SMS].a = staff ? w->internal_sms[i] : 0;
        L[TCO_ITEM_SMS].b = customers ? w->notif_shape[i] : 0;
        L[TCO_ITEM_VOICE].a = staff ? w->voice[i] : 0;
    } else {
        const double sh = w->seat_shape[i];
        L[TCO_ITEM_SEAT].b = staff ? sh : 0;
        L[TCO_ITEM_SMS].a = customers ? w->notifications[i] : 0;
        L[TCO_ITEM_SMS].b = staff ? d[TCO_SCN_INTERNAL_SMS_PER_SEAT] * sh : 0;
        L[TCO_ITEM_VOICE].b = staff ? d[TCO_SCN_VOICE_MINUTES_PER_SEAT] * sh : 0;
    }
}

static int kink_cmp(const void *pa, const void *pb)
{
    const kink *a = pa, *b = pb;
    return (a->x > b->x) - (a->x < b->x);
}

/* Adds weight x max(v, least) to sd, v the month function of lines L. */
static void month_add(side *sd, const tco_item_price *items, const double *prices,
                      const item_line L[TCO_ITEM_SETUP], double least, double weight)
{
    if (!sd->month)
        sd->month = tco_xcalloc(1, sizeof *sd->month);
    side *mo = sd->month;
    mo->n = 0;
    mo->s0 = 0;
    double v = 0;
    for (int k = 0; k < TCO_ITEM_SETUP; k++) {
        v += L[k].scale * tco_price_item(&items[k], prices, L[k].a, L[k].g);
        item_add(mo, &items[k], prices, L[k].a, L[k].b, L[k].g, L[k].h, L[k].scale);
    }
    if (mo->n > 1) /* (no kink yet: no array) */
        qsort(mo->k, mo->n, sizeof *mo->k, kink_cmp);
    /* walk v's pieces; `on` while v is the larger (the max has v's slope), else slope 0 */
    double x = 0, s = mo->s0;
    bool on = v > least || (v == least && s > 0);
    if (on)
        sd->s0 += weight * s;
    for (size_t i = 0;;) {
        const double next = i < mo->n ? mo->k[i].x : INFINITY;
        if (on ? s < 0 : s > 0) { /* v may cross the minimum on this piece */
            const double cross = fmax(x, x + (least - v) / s);
            if (cross < next) {
                side_push(sd, cross, on ? -weight * s : weight * s);
                on = !on;
            }
        }
        if (i == mo->n)
            break;
        v += s * (next - x);
        x = next;
        double ds = 0;
        for (; i < mo->n && mo->k[i].x == x; i++)
            ds += mo->k[i].dslope;
        s += ds;
        if (on && ds != 0)
            side_push(sd, x, weight * ds);
    }
}

/* role_add for a plan with a minimum: month by month, max(v, minimum). */
static void role_add_minimum(const tco_breakeven_problem *pb, role r, tco_breakeven_axis axis,
                             side *sd)
{
    const tco_workload *w = pb->w;
    const tco_plan *pl = &pb->prices->plans[r.plan];
    const double least = pb->price_draws[pl->items[TCO_ITEM_MINIMUM].tiers[0].price];
    const double step = axis == TCO_BREAKEVEN_SEATS ? seat_step_bound(pb, r) : 0;
    item_line lines[TCO_ITEM_SETUP], prev[TCO_ITEM_SETUP];
    double weight = 0;
    for (int i = 0; i < w->months; i++) {
        month_lines(pb, r, axis, i, lines);
        const double wt = w->escalation[i] * w->discount[i];
        if (i > 0 && memcmp(lines, prev, sizeof lines) == 0) {
            weight += wt; /* the same function: one listing of its kinks */
        } else {
            if (i > 0)
                month_add(sd, pl->items, pb->price_draws, prev, least, weight);
            memcpy(prev, lines, sizeof lines);
            weight = wt;
        }
        const double sh = w->seat_shape[i];
        if (axis == TCO_BREAKEVEN_SEATS && (r.whole || pl->model == TCO_MODEL_UCAAS) &&
            sh != floor(sh))
            sd->bound += wt * step;
        if (axis == TCO_BREAKEVEN_SEATS && r.whole && pl->model == TCO_MODEL_CPAAS)
            sd->s0 += wt * w->draws[TCO_SCN_CPAAS_COST_PER_SEAT] * sh; /* SPEC §8.1 */
    }
    month_add(sd, pl->items, pb->price_draws, prev, least, weight);
}

/* Adds one plan role's kinks over every month (see above). For seats: real seats x shape, the
 * staff's internal SMS and voice per seat, and a UCaaS plan's per-seat allowances (sms, voice,
 * api, number, and those of its platform and setup fees: SPEC §5). */
static void role_add(const tco_breakeven_problem *pb, role r, tco_breakeven_axis axis, side *sd)
{
    const tco_workload *w = pb->w;
    const tco_plan *pl = &pb->prices->plans[r.plan];
    const tco_item_price *it = pl->items;
    const bool allow = pl->model == TCO_MODEL_UCAAS; /* allowances per seat */
    const double step = axis == TCO_BREAKEVEN_SEATS ? seat_step_bound(pb, r) : 0;
    const double sms_free = it[TCO_ITEM_SMS].included, voice_free = it[TCO_ITEM_VOICE].included;
    role_kinks rk = {sd, it, pb->price_draws, {{0}}};
    for (int i = 0; i < w->months; i++) {
        const double wt = w->escalation[i] * w->discount[i];
        if (axis == TCO_BREAKEVEN_NOTIFICATIONS) {
            if (r.whole)
                pend(&rk, TCO_ITEM_SMS, w->internal_sms[i], w->notif_shape[i],
                     sms_free * (allow ? w->seats[i] : 1), 0, wt);
            else if (!allow) /* a hybrid's CPaaS part: customer SMS only */
                pend(&rk, TCO_ITEM_SMS, 0, w->notif_shape[i], sms_free, 0, wt);
            continue;
        }
        if (!r.whole && !allow)
            continue; /* a hybrid's CPaaS part: nothing moves with seats */
        const double sh = w->seat_shape[i];
        const double sms_b = w->draws[TCO_SCN_INTERNAL_SMS_PER_SEAT] * sh;
        const double voice_b = w->draws[TCO_SCN_VOICE_MINUTES_PER_SEAT] * sh;
        pend(&rk, TCO_ITEM_SEAT, 0, sh, it[TCO_ITEM_SEAT].included, 0, wt);
        pend(&rk, TCO_ITEM_SMS, r.whole ? w->notifications[i] : 0, sms_b, allow ? 0 : sms_free,
             allow ? sms_free * sh : 0, wt);
        pend(&rk, TCO_ITEM_VOICE, 0, voice_b, allow ? 0 : voice_free, allow ? voice_free * sh : 0,
             wt);
        if (allow && r.whole && w->api[i] > 0)
            pend(&rk, TCO_ITEM_API, w->api[i], 0, 0, it[TCO_ITEM_API].included * sh, wt / 1000.0);
        if (allow && w->phone_numbers > 0)
            pend(&rk, TCO_ITEM_NUMBER, w->phone_numbers, 0, 0, it[TCO_ITEM_NUMBER].included * sh,
                 wt);
        /* a flat fee whose included units are per seat: free from the seat that covers it */
        if (allow && it[TCO_ITEM_PLATFORM].included > 0)
            pend(&rk, TCO_ITEM_PLATFORM, 1, 0, 0, it[TCO_ITEM_PLATFORM].included * sh, wt);
        if (allow && i == 0 && it[TCO_ITEM_SETUP].included > 0)
            pend(&rk, TCO_ITEM_SETUP, 1, 0, 0, it[TCO_ITEM_SETUP].included * sh, wt);
        if (r.whole && !allow) /* SPEC §8.1: staff cost, linear in seats: no kink */
            sd->s0 += wt * w->draws[TCO_SCN_CPAAS_COST_PER_SEAT] * sh;
        if (sh != floor(sh)) /* whole(n x sh) is n x sh for whole n when sh is whole */
            sd->bound += wt * step;
    }
    for (int k = 0; k < TCO_N_ITEMS; k++)
        pending_flush(&rk, (tco_item)k);
}

/* The min-heap of kinks by x: sift k[i] down among k[0..n). */
static void heap_down(kink *k, size_t n, size_t i)
{
    const kink t = k[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && k[c + 1].x < k[c].x)
            c++;
        if (!(k[c].x < t.x))
            break;
        k[i] = k[c];
        i = c;
    }
    k[i] = t;
}

/* Kink i of the side in order of x, or NULL past the last. */
static const kink *side_kink(side *sd, size_t i)
{
    while (sd->n_sorted <= i && sd->heap_n > 0) {
        sd->sorted[sd->n_sorted++] = sd->k[0];
        sd->k[0] = sd->k[--sd->heap_n];
        heap_down(sd->k, sd->heap_n, 0);
    }
    return i < sd->n_sorted ? &sd->sorted[i] : NULL;
}

/* Builds *sd, option o's charges as x moves on `axis`. */
static void side_build(const tco_breakeven_problem *pb, const tco_option *o,
                       tco_breakeven_axis axis, side *sd)
{
    sd->at0 = option_charges(pb, o, axis, 0);
    sd->s0 = sd->bound = 0;
    sd->n = 0;
    role r[2];
    const int n = roles_of(o, r);
    for (int i = 0; i < n; i++) {
        /* a plan with a minimum month by month (SPEC §12.4); the others as they always were */
        if (pb->prices->plans[r[i].plan].items[TCO_ITEM_MINIMUM].n_tiers)
            role_add_minimum(pb, r[i], axis, sd);
        else
            role_add(pb, r[i], axis, sd);
    }
    for (size_t i = sd->n / 2; i-- > 0;)
        heap_down(sd->k, sd->n, i);
    sd->heap_n = sd->n;
    sd->n_sorted = 0;
    if (sd->sorted_cap < sd->n) {
        free(sd->sorted);
        sd->sorted_cap = sd->cap;
        sd->sorted = tco_xcalloc(sd->sorted_cap + 1, sizeof *sd->sorted);
    }
}

/* ==== root finding =========================================================================
 *
 * d(x) = U(x) - C(x) + k walked piece by piece from 0 (the two sides' kinks merged in order),
 * so every root is seen and the first one is the lowest. */

typedef struct walk {
    const tco_breakeven_problem *pb;
    side *u, *c;
    double k;
    double xmax;
} walk;

static bool opposite(double a, double b)
{
    return (a < 0 && b > 0) || (a > 0 && b < 0);
}

/* Half a cent, widened by the rounding of very large costs. */
static double tie_tolerance(double u, double c, double k)
{
    return TCO_BREAKEVEN_TIE + ROUNDING_SHARE * (fabs(u) + fabs(c) + fabs(k));
}

/* One linear piece [x0, x1] of the walk: U and C at both ends. */
typedef struct piece {
    double x0, x1, u0, u1, c0, c1;
} piece;

typedef struct cursor {
    double x, u, c, su, sc;
    size_t iu, ic; /* the next kink of each side */
} cursor;

/* The next piece from the cursor; false past xmax. */
static bool next_piece(const walk *wk, cursor *cu, piece *p)
{
    if (cu->x >= wk->xmax)
        return false;
    const kink *k;
    for (; (k = side_kink(wk->u, cu->iu)) && k->x <= cu->x; cu->iu++)
        cu->su += k->dslope;
    for (; (k = side_kink(wk->c, cu->ic)) && k->x <= cu->x; cu->ic++)
        cu->sc += k->dslope;
    double x1 = wk->xmax;
    if ((k = side_kink(wk->u, cu->iu)) && k->x < x1)
        x1 = k->x;
    if ((k = side_kink(wk->c, cu->ic)) && k->x < x1)
        x1 = k->x;
    *p = (piece){cu->x, x1, cu->u, cu->u + cu->su * (x1 - cu->x), cu->c,
                 cu->c + cu->sc * (x1 - cu->x)};
    cu->x = x1;
    cu->u = p->u1;
    cu->c = p->c1;
    return true;
}

/* Notifications: d is continuous. On each piece [a, b] in order: d within half a cent at a
 * (and not changing sign across the piece, or within half a cent at b too: an interval of
 * equality) gives a; a change of sign gives the exact root of the piece's line. */
static bool walk_continuous(const walk *wk, double *root)
{
    cursor cu = {0, wk->u->at0, wk->c->at0, wk->u->s0, wk->c->s0, 0, 0};
    piece p;
    while (next_piece(wk, &cu, &p)) {
        const double da = p.u0 - p.c0 + wk->k, db = p.u1 - p.c1 + wk->k;
        const double ta = tie_tolerance(p.u0, p.c0, wk->k), tb = tie_tolerance(p.u1, p.c1, wk->k);
        if (!isfinite(da) || !isfinite(db))
            return false;
        if (fabs(da) <= ta && (fabs(db) <= tb || !opposite(da, db))) {
            *root = p.x0;
            return true;
        }
        if (opposite(da, db)) {
            const double r = p.x0 + (p.x1 - p.x0) * (da / (da - db));
            *root = r < p.x0 ? p.x0 : r > p.x1 ? p.x1 : r;
            return true;
        }
        if (p.x1 >= wk->xmax && fabs(db) <= tb) {
            *root = p.x1;
            return true;
        }
    }
    return false;
}

/* Seats, whole: d(n) exactly as billed (whole seats in every month). */
static double whole_d(const walk *wk, double n, double *tol)
{
    const double u = option_charges(wk->pb, wk->pb->u, TCO_BREAKEVEN_SEATS, n);
    const double c = option_charges(wk->pb, wk->pb->c, TCO_BREAKEVEN_SEATS, n);
    *tol = tie_tolerance(u, c, wk->k);
    return u - c + wk->k;
}

/* Whether seat count n is the root: d(n) within half a cent of 0, or of the other sign than
 * d(n-1) (prev). */
static bool whole_hit(const walk *wk, double n, int *prev)
{
    double tol;
    const double d = whole_d(wk, n, &tol);
    const int s = sign_of(d);
    if (!isfinite(d))
        return false;
    if (fabs(d) <= tol || s != *prev) {
        *prev = s;
        return true;
    }
    return false;
}

/* The lowest root among seat counts lo..hi (all in one band), or -1. */
static double scan_band(const walk *wk, double lo, double hi, int *prev)
{
    if (hi - lo < SCAN_MAX) {
        for (double n = lo; n <= hi; n++)
            if (whole_hit(wk, n, prev))
                return n;
        return -1;
    }
    /* wide: bisect on "a root at or below n", exact when d is monotone across the band */
    int p = *prev;
    if (!whole_hit(wk, hi, &p)) {
        *prev = p;
        return -1;
    }
    while (hi - lo >= 1) {
        const double mid = floor(lo + (hi - lo) / 2);
        p = *prev;
        if (whole_hit(wk, mid, &p))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Seats: whole seat counts n = 0, 1, 2, ...; the root is the lowest n where d(n) is within
 * half a cent of 0 or has the other sign than d(n-1). The relaxation d~ (real seats, the
 * walk's pieces) is within B = u.bound + c.bound of d at every whole n, so where |d~| > B +
 * half a cent d has d~'s sign and is no root: only the seat counts of a band around each
 * crossing of d~ are priced exactly. */
static bool walk_whole(const walk *wk, double *root)
{
    /* d(0) is the sides' exact charges at 0 seats */
    const double d0 = wk->u->at0 - wk->c->at0 + wk->k;
    const double tol = tie_tolerance(wk->u->at0, wk->c->at0, wk->k);
    if (!isfinite(d0))
        return false;
    if (fabs(d0) <= tol) {
        *root = 0;
        return true;
    }
    int prev = sign_of(d0);
    const double b = wk->u->bound + wk->c->bound;
    cursor cu = {0, wk->u->at0, wk->c->at0, wk->u->s0, wk->c->s0, 0, 0};
    piece p;
    double next = 1; /* the lowest seat count not yet judged */
    while (next <= wk->xmax && next_piece(wk, &cu, &p)) {
        const double lo = fmax(next, ceil(p.x0)), hi = floor(p.x1);
        if (lo > hi)
            continue;
        next = hi + 1;
        const double da = p.u0 - p.c0 + wk->k;
        const double slope = p.x1 > p.x0 ? ((p.u1 - p.c1) - (p.u0 - p.c0)) / (p.x1 - p.x0) : 0;
        const double margin = b + fmax(tie_tolerance(p.u0, p.c0, wk->k),
                                       tie_tolerance(p.u1, p.c1, wk->k));
        if (!isfinite(da) || !isfinite(slope) || !isfinite(margin))
            return false;
        double blo, bhi; /* the band of seat counts where d~ is within the margin */
        if (slope == 0) {
            blo = fabs(da) <= margin ? lo : hi + 1;
            bhi = fabs(da) <= margin ? hi : lo - 1;
        } else {
            /* the band's ends, widened by the rounding of the division */
            const double t1 = p.x0 + (-margin - da) / slope, t2 = p.x0 + (margin - da) / slope;
            const double tl = fmin(t1, t2), th = fmax(t1, t2);
            blo = fmax(lo, ceil(tl - 1e-9 * (fabs(tl) + 1)));
            bhi = fmin(hi, floor(th + 1e-9 * (fabs(th) + 1)));
        }
        const int s_lo = sign_of(da + slope * (lo - p.x0));
        if (blo > bhi) {
            /* no count in the band: every count is outside it, so d has d~'s sign; d~ may
             * still cross 0 between two counts (steep): the first count past the crossing */
            if (s_lo != prev) {
                *root = lo;
                return true;
            }
            const int s_hi = sign_of(da + slope * (hi - p.x0));
            if (s_hi != s_lo) {
                double n = fmin(hi, fmax(lo, ceil(p.x0 - da / slope)));
                if (sign_of(da + slope * (n - p.x0)) != s_hi)
                    n++;
                *root = n;
                return true;
            }
            continue;
        }
        if (blo > lo && s_lo != prev) { /* the counts before the band */
            *root = lo;
            return true;
        }
        const double r = scan_band(wk, blo, bhi, &prev);
        if (r >= 0) {
            *root = r;
            return true;
        }
        if (bhi < hi) { /* the counts after the band */
            const int s = sign_of(da + slope * (hi - p.x0));
            if (s != prev) {
                *root = bhi + 1;
                return true;
            }
            prev = s;
        }
    }
    return false;
}

/* Solves with the sides already built. */
static bool solve_sides(const tco_breakeven_problem *pb, tco_breakeven_axis axis, side *u,
                        side *c, double k, double *root)
{
    *root = NAN;
    if (pb->u->kind == TCO_OPTION_MIGRATE || pb->c->kind == TCO_OPTION_MIGRATE)
        return false; /* SPEC §12.2: not a break-even pair (tco/breakeven.h) */
    if (axis == TCO_BREAKEVEN_NOTIFICATIONS &&
        (!carries_notifications(pb, pb->u) || !carries_notifications(pb, pb->c)))
        return false;
    const walk wk = {pb, u, c, k, x_max(axis)};
    return axis == TCO_BREAKEVEN_SEATS ? walk_whole(&wk, root) : walk_continuous(&wk, root);
}

bool tco_breakeven_solve(tco_breakeven_solver *s, const tco_breakeven_problem *pb,
                         tco_breakeven_axis axis, double *root)
{
    if (pb->u->kind == TCO_OPTION_MIGRATE || pb->c->kind == TCO_OPTION_MIGRATE) {
        *root = NAN; /* SPEC §12.2: not a break-even pair (tco/breakeven.h) */
        return false;
    }
    side_build(pb, pb->u, axis, &s->sides[0]);
    side_build(pb, pb->c, axis, &s->sides[1]);
    return solve_sides(pb, axis, &s->sides[0], &s->sides[1], overhead_difference(pb), root);
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

/* The pairs of breakeven.csv: (offered `ucaas:` U, offered `cpaas:` C) (SPEC §6), and
 * (`ucaas:U`, `hybrid:U+C`) of the same UCaaS plan (SPEC §8.3: from what volume moving
 * customer traffic to C pays). In option order, U-major: U's `cpaas:` pairs, then its hybrids. */
static bool is_pair(const tco_option *u, const tco_option *c)
{
    if (!u->offered || !c->offered || u->kind != TCO_OPTION_UCAAS)
        return false;
    return c->kind == TCO_OPTION_CPAAS ||
           (c->kind == TCO_OPTION_HYBRID && c->ucaas_plan == u->ucaas_plan);
}

static void *be_alloc(void *ctx, const tco_scenario *s, const tco_option_set *options, int months)
{
    (void)s;
    (void)ctx;
    tco_breakeven *b = tco_xcalloc(1, sizeof *b);
    b->months = months;
    size_t n = 0;
    for (size_t u = 0; u < options->n; u++)
        for (size_t c = 0; c < options->n; c++)
            n += is_pair(&options->items[u], &options->items[c]);
    b->pairs = tco_xcalloc(n + 1, sizeof *b->pairs);
    for (size_t u = 0; u < options->n; u++)
        for (size_t c = 0; c < options->n; c++)
            if (is_pair(&options->items[u], &options->items[c])) {
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

/* Per-thread scratch: each option's sides of the trial (built once for all its pairs). */
typedef struct be_scratch {
    size_t n_options;
    side *sides;             /* [axis][option] */
    unsigned char *used;     /* [option]: in some pair */
} be_scratch;

static void *be_scratch_alloc(void *ctx, const tco_option_set *options, int months)
{
    (void)ctx;
    (void)months;
    be_scratch *s = tco_xcalloc(1, sizeof *s);
    s->n_options = options->n;
    s->sides = tco_xcalloc(2 * options->n + 1, sizeof *s->sides);
    s->used = tco_xcalloc(options->n + 1, sizeof *s->used);
    return s;
}

static void be_scratch_free(void *scratch)
{
    be_scratch *s = scratch;
    if (!s)
        return;
    for (size_t k = 0; k < 2 * s->n_options; k++)
        side_fini(&s->sides[k]);
    free(s->sides);
    free(s->used);
    free(s);
}

static void be_trial(void *summary, const tco_trial_view *v)
{
    tco_breakeven *b = summary;
    be_scratch *s = v->scratch;
    const int months = b->months;
    const tco_option *items = v->options->items;

    memset(s->used, 0, s->n_options);
    for (size_t i = 0; i < b->n_pairs; i++)
        s->used[b->pairs[i].u] = s->used[b->pairs[i].c] = 1;
    tco_breakeven_problem pb = {v->prices, NULL, NULL, v->price_draws, v->workload, v->cost};
    for (size_t o = 0; o < s->n_options; o++)
        if (s->used[o])
            for (int a = 0; a < 2; a++)
                side_build(&pb, &items[o], (tco_breakeven_axis)a,
                           &s->sides[(size_t)a * s->n_options + o]);

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
        const double k = overhead_difference(&pb);
        for (int a = 0; a < 2; a++) {
            side *sides = s->sides + (size_t)a * s->n_options;
            double root;
            if (solve_sides(&pb, (tco_breakeven_axis)a, &sides[p->u], &sides[p->c], k, &root)) {
                p->n_root[a]++;
                tco_sketch_add(&p->root_q[a], root);
            }
        }
    }
}

static void be_pack(const void *summary, tco_packer *w)
{
    const tco_breakeven *b = summary;
    tco_pack_u64(w, b->n_pairs);
    tco_pack_i32(w, b->months);
    for (size_t i = 0; i < b->n_pairs; i++) {
        const pair_sum *p = &b->pairs[i];
        tco_pack_u64(w, p->u);
        tco_pack_u64(w, p->c);
        tco_pack_u64(w, p->n);
        tco_pack_u64(w, p->n_cross);
        tco_pack_bytes(w, p->cross, ((size_t)b->months + 1) * sizeof *p->cross);
        for (int a = 0; a < 2; a++) {
            tco_pack_u64(w, p->n_root[a]);
            tco_sketch_pack(w, &p->root_q[a]);
        }
    }
}

static void be_unpack(void *summary, tco_unpacker *r)
{
    tco_breakeven *b = summary;
    const uint64_t n_pairs = tco_unpack_u64(r);
    const int32_t months = tco_unpack_i32(r);
    if (!tco_unpack_check(r, n_pairs == b->n_pairs && months == b->months))
        return;
    for (size_t i = 0; i < b->n_pairs && r->ok; i++) {
        pair_sum *p = &b->pairs[i];
        const uint64_t u = tco_unpack_u64(r), c = tco_unpack_u64(r);
        if (!tco_unpack_check(r, u == p->u && c == p->c))
            return;
        p->n = tco_unpack_u64(r);
        p->n_cross = tco_unpack_u64(r);
        tco_unpack_bytes(r, p->cross, ((size_t)b->months + 1) * sizeof *p->cross);
        for (int a = 0; a < 2; a++) {
            p->n_root[a] = tco_unpack_u64(r);
            tco_sketch_unpack(r, &p->root_q[a]);
        }
    }
}

tco_observer tco_breakeven_observer(void)
{
    tco_observer o = {be_alloc,        be_reset, be_trial, be_merge, be_free, be_scratch_alloc,
                      be_scratch_free, NULL,     be_pack,  be_unpack};
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
    tco_proportion_interval95(p->n_cross, p->n, &out->p_crossover_lo, &out->p_crossover_hi);
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
    /* the roots are whole seat counts: the sketch's nearest whole number is within its
     * relative accuracy and exact below 1 / (2 x accuracy) seats */
    out->seats_p10 = round(tco_sketch_quantile(qs, 0.10));
    out->seats_p50 = round(tco_sketch_quantile(qs, 0.50));
    out->seats_p90 = round(tco_sketch_quantile(qs, 0.90));
}

/* ==== every cell at its mean (the sweep and `recommend`) ==================================== */

void tco_mean_trial_init(tco_mean_trial *t, const tco_scenario *s, const tco_prices *p,
                         const tco_option_set *set)
{
    tco_scenario m = *s;
    for (int f = 0; f < TCO_SCN_N_FIELDS; f++)
        m.v[f] = tco_value_const(tco_value_mean(&s->v[f]));
    /* the log walks have mean 1 (SPEC §4): no volatility; spikes as their expected factor */
    m.v[TCO_SCN_SEAT_VOLATILITY] = tco_value_const(0);
    m.v[TCO_SCN_VOLUME_VOLATILITY] = tco_value_const(0);
    m.v[TCO_SCN_SPIKE_PROBABILITY] = tco_value_const(0);
    m.v[TCO_SCN_SPIKE_MULTIPLIER] = tco_value_const(1);
    t->mean_steps = NULL;
    if (s->n_steps) { /* SPEC §12.1: the planned levels at their means too */
        t->mean_steps = tco_xcalloc(s->n_steps, sizeof *t->mean_steps);
        for (size_t i = 0; i < s->n_steps; i++) {
            t->mean_steps[i] = s->steps[i];
            t->mean_steps[i].level = tco_value_const(tco_value_mean(&s->steps[i].level));
        }
        m.steps = t->mean_steps;
    }
    tco_workload_init(&t->w, s->months);
    tco_cost_ws_init(&t->cost, p->n_plans, set->n, s->months);
    t->price_draws = tco_xcalloc(p->n_values + 1, sizeof *t->price_draws);
    for (size_t i = 0; i < p->n_values; i++)
        t->price_draws[i] = fmax(0, tco_value_mean(&p->values[i])); /* draws clamp at 0 */
    /* no cell is random any more: the generator is never drawn from */
    gsl_rng *rng = tco_rng_alloc();
    tco_workload_sample(&t->w, &m, rng);
    gsl_rng_free(rng);
    const double spike = 1 + tco_value_mean(&s->v[TCO_SCN_SPIKE_PROBABILITY]) *
                                 (tco_value_mean(&s->v[TCO_SCN_SPIKE_MULTIPLIER]) - 1);
    for (int i = 0; i < t->w.months; i++) {
        t->w.notif_shape[i] *= spike;
        t->w.api_shape[i] *= spike;
    }
    tco_mean_trial_at(t, p, set, t->w.draws[TCO_SCN_SEATS], t->w.draws[TCO_SCN_NOTIFICATIONS]);
}

void tco_mean_trial_at(tco_mean_trial *t, const tco_prices *p, const tco_option_set *set,
                       double seats, double notifications)
{
    t->w.draws[TCO_SCN_SEATS] = seats;
    t->w.draws[TCO_SCN_NOTIFICATIONS] = notifications;
    tco_workload_apply(&t->w, seats, notifications);
    tco_cost_trial(&t->cost, p, set, t->price_draws, &t->w);
}

void tco_mean_trial_fini(tco_mean_trial *t)
{
    tco_workload_fini(&t->w);
    tco_cost_ws_fini(&t->cost);
    free(t->price_draws);
    free(t->mean_steps);
}
