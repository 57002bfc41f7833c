/* SPDX-License-Identifier: MIT */
/* price: graduated-tier billing of one plan's months (SPEC §5). */
#include "tco/price.h"

#include <assert.h>
#include <stdbool.h>

double tco_price_item(const tco_item_price *ip, const double *prices, double q, double free_units)
{
    double cost = 0;
    for (size_t t = 0; t < ip->n_tiers; t++) {
        const tco_tier *tier = &ip->tiers[t];
        if (q <= tier->lo)
            break; /* tiers ascend */
        const double lo = tier->lo > free_units ? tier->lo : free_units;
        const double hi = tier->hi < q ? tier->hi : q;
        if (hi > lo)
            cost += prices[tier->price] * (hi - lo);
    }
    return cost;
}

/* out[m] += the cost of q[m] units of one tier (lo, hi] at price p, with f[m] (or f_const when f
 * is NULL) units free: p x max(0, min(hi, q) - max(lo, f)), what tco_price_item adds for the
 * tier (a tier that bills nothing adds +0.0, which changes no bits). Branch-free, so that it
 * vectorises. */
static void add_tier_months(double *restrict out, const double *restrict q,
                            const double *restrict f, double f_const, double lo, double hi,
                            double p, int months, bool fresh)
{
    if (fresh) { /* out[m] = 0.0 + the charge: what += on a zeroed out[m] gives, -0 included */
        const double bottom = lo > f_const ? lo : f_const;
        for (int m = 0; m < months; m++) {
            const double top = hi < q[m] ? hi : q[m];
            const double d = top - (f ? (lo > f[m] ? lo : f[m]) : bottom);
            out[m] = 0.0 + p * (d > 0.0 ? d : 0.0);
        }
        return;
    }
    if (f) {
        for (int m = 0; m < months; m++) {
            const double top = hi < q[m] ? hi : q[m];
            const double bottom = lo > f[m] ? lo : f[m];
            const double d = top - bottom;
            out[m] += p * (d > 0.0 ? d : 0.0);
        }
    } else {
        const double bottom = lo > f_const ? lo : f_const;
        for (int m = 0; m < months; m++) {
            const double top = hi < q[m] ? hi : q[m];
            const double d = top - bottom;
            out[m] += p * (d > 0.0 ? d : 0.0);
        }
    }
}

/* acc[m] += the cost of q[m] units of ip (/ 1000 for api), allowances per seat when
 * allow_seats: the same operations as tco_price_item, month by month. tmp, f: [months]
 * scratch. fresh: acc[m] holds nothing yet, and gets the bits that += on a zeroed acc[m]
 * would give (0.0 + x), without the zeroing pass and, for several tiers, without tmp. */
static void add_item_months(double *restrict acc, double *restrict tmp, double *restrict f,
                            const tco_item_price *ip, const double *prices,
                            const double *restrict q, const double *restrict allow_seats,
                            bool per_1000, int months, bool fresh)
{
    if (!ip->n_tiers || !q) { /* no quantity costs +0.0 every month */
        for (int m = 0; fresh && m < months; m++)
            acc[m] = 0.0;
        return;
    }
    const double *fm = NULL;
    if (allow_seats && ip->included != 0) {
        for (int m = 0; m < months; m++)
            f[m] = ip->included * allow_seats[m];
        fm = f;
    }
    const double f_const = allow_seats ? 0.0 : ip->included;
    if (ip->n_tiers == 1 && !per_1000) { /* one tier: 0 + x is x, add it straight in */
        const tco_tier *t = &ip->tiers[0];
        add_tier_months(acc, q, fm, f_const, t->lo, t->hi, prices[t->price], months, fresh);
        return;
    }
    if (fresh) { /* acc is the tiers' sum itself: 0 + t1 + t2 ..., then / 1000 (+0 stays +0) */
        for (size_t k = 0; k < ip->n_tiers; k++) {
            const tco_tier *t = &ip->tiers[k];
            add_tier_months(acc, q, fm, f_const, t->lo, t->hi, prices[t->price], months, k == 0);
        }
        for (int m = 0; per_1000 && m < months; m++)
            acc[m] = acc[m] / 1000.0;
        return;
    }
    for (int m = 0; m < months; m++)
        tmp[m] = 0.0;
    for (size_t k = 0; k < ip->n_tiers; k++) {
        const tco_tier *t = &ip->tiers[k];
        add_tier_months(tmp, q, fm, f_const, t->lo, t->hi, prices[t->price], months, false);
    }
    for (int m = 0; m < months; m++)
        acc[m] += per_1000 ? tmp[m] / 1000.0 : tmp[m];
}

/* acc[m] += the cost of a quantity that is the same every month: priced once. */
static void add_item_const(double *acc, const tco_item_price *ip, const double *prices, double q,
                           int months, bool fresh)
{
    const double c = ip->n_tiers ? tco_price_item(ip, prices, q, ip->included) : 0.0;
    if (fresh)
        for (int m = 0; m < months; m++)
            acc[m] = 0.0 + c;
    else if (ip->n_tiers)
        for (int m = 0; m < months; m++)
            acc[m] += c;
}

/* acc[m] += the cost of a fixed quantity q every month (numbers, platform): priced once, unless
 * the allowance is per seat (allow_seats, a UCaaS plan) and not 0; then month by month, as
 * add_item_months. tmp, f, qm: [months] scratch. */
static void add_fixed_months(double *restrict acc, double *restrict tmp, double *restrict f,
                             double *restrict qm, const tco_item_price *ip, const double *prices,
                             double q, const double *restrict allow_seats, int months,
                             bool fresh)
{
    if (!allow_seats || ip->included == 0) {
        add_item_const(acc, ip, prices, q, months, fresh);
        return;
    }
    for (int m = 0; m < months; m++)
        qm[m] = q;
    add_item_months(acc, tmp, f, ip, prices, qm, allow_seats, false, months, fresh);
}

/* acc[m] += the charges of one item of the plan (seat .. platform; setup is apart: month 1
 * only, unescalated) for usage u, before escalation. tmp, f, qm: [months] scratch. */
static void add_plan_item(double *restrict acc, double *restrict tmp, double *restrict f,
                          double *restrict qm, const tco_plan *plan, const double *prices,
                          const tco_usage_months *u, tco_item item, int months, bool fresh)
{
    const tco_item_price *it = plan->items;
    /* SPEC §5: a UCaaS plan's `included` is per seat for every item but `seat` (whose
     * `included` is free seats): sms, voice, api, number, platform and setup */
    const double *per_seat = plan->model == TCO_MODEL_UCAAS ? u->seats : NULL;
    switch (item) {
    case TCO_ITEM_SEAT:
        add_item_months(acc, tmp, f, &it[item], prices, u->seats, NULL, false, months, fresh);
        break;
    case TCO_ITEM_SMS:
        add_item_months(acc, tmp, f, &it[item], prices, u->sms, per_seat, false, months, fresh);
        break;
    case TCO_ITEM_VOICE:
        add_item_months(acc, tmp, f, &it[item], prices, u->voice, per_seat, false, months, fresh);
        break;
    case TCO_ITEM_API:
        add_item_months(acc, tmp, f, &it[item], prices, u->api, per_seat, true, months, fresh);
        break;
    case TCO_ITEM_NUMBER:
        add_fixed_months(acc, tmp, f, qm, &it[item], prices, u->numbers, per_seat, months, fresh);
        break;
    case TCO_ITEM_PLATFORM:
        add_fixed_months(acc, tmp, f, qm, &it[item], prices, 1, per_seat, months, fresh);
        break;
    default:
        for (int m = 0; fresh && m < months; m++)
            acc[m] = 0.0;
        break;
    }
}

/* The one-time `setup` of month 1 (month 1's seats for a UCaaS plan's allowance). */
static double setup_charge(const tco_plan *plan, const double *prices, const tco_usage_months *u)
{
    const tco_item_price *setup = &plan->items[TCO_ITEM_SETUP];
    if (!setup->n_tiers)
        return 0;
    const double *per_seat = plan->model == TCO_MODEL_UCAAS ? u->seats : NULL;
    return tco_price_item(setup, prices, 1, setup->included * (per_seat ? per_seat[0] : 1));
}

/* SPEC §12.4: a month whose charges (every item but setup, before escalation: the minimum is
 * escalated like them) are below the plan's minimum is billed the minimum; the top-up goes to
 * item_sums[TCO_ITEM_MINIMUM], escalated and weighted. A plan without one is left as it was. */
static void apply_minimum(const tco_plan *plan, const double *prices, int months,
                          const double *escalation, double *out, const double *weight,
                          double *item_sums)
{
    const tco_item_price *ip = &plan->items[TCO_ITEM_MINIMUM];
    if (!ip->n_tiers)
        return;
    const double least = prices[ip->tiers[0].price];
    double top_up = 0;
    for (int m = 0; m < months; m++)
        if (out[m] < least) {
            if (item_sums)
                top_up += (least - out[m]) * escalation[m] * weight[m];
            out[m] = least;
        }
    if (item_sums)
        item_sums[TCO_ITEM_MINIMUM] += top_up;
}

/* One role a plan is priced in: its usage, and where its months and item sums go. */
typedef struct role {
    tco_usage_months u;
    double *out;
    double *item_sums; /* NULL: no split by item */
} role;

/* Whether item is billed on the same quantities in roles x and y (the same arrays, the same
 * per-seat allowance), so that its charges are the same bits in both. */
static bool same_usage(const tco_plan *plan, tco_item item, const tco_usage_months *x,
                       const tco_usage_months *y)
{
    const bool ucaas = plan->model == TCO_MODEL_UCAAS;
    const bool same_allowance = !ucaas || x->seats == y->seats;
    switch (item) {
    case TCO_ITEM_SEAT: return x->seats == y->seats;
    case TCO_ITEM_SMS: return x->sms == y->sms && same_allowance;
    case TCO_ITEM_VOICE: return x->voice == y->voice && same_allowance;
    case TCO_ITEM_API: return x->api == y->api && same_allowance;
    case TCO_ITEM_NUMBER: return x->numbers == y->numbers && same_allowance;
    case TCO_ITEM_PLATFORM: return same_allowance;
    default: return false;
    }
}

/* tco_price_plan_months for at most SCRATCH_MONTHS months, in n_roles (1 or 2) roles: tmp, f
 * and qm are its scratch. With item_sums (SPEC §8.2), each item is priced into its own array
 * (acc) and then added to out[m]: 0 + x is x, and a multi-tier item is summed apart in any case
 * (add_item_months), so out[m] gets the same bits either way; item_sums[item] += its charges x
 * escalation x weight. A second role whose usage of an item is the first's (same_usage) takes
 * the first's acc and sum: the same operations on the same numbers. */
enum { SCRATCH_MONTHS = 64 };
static void price_months_chunk(const tco_plan *plan, const double *prices, const role *roles,
                               int n_roles, bool with_setup, int months,
                               const double *escalation, const double *weight)
{
    double tmp[SCRATCH_MONTHS], f[SCRATCH_MONTHS], qm[SCRATCH_MONTHS];
    double acc[2][SCRATCH_MONTHS];
    assert(months <= SCRATCH_MONTHS && n_roles >= 1 && n_roles <= 2);
    for (int r = 0; r < n_roles; r++) {
        assert(roles[r].u.seats || plan->model != TCO_MODEL_UCAAS);
        for (int m = 0; m < months; m++)
            roles[r].out[m] = 0.0;
    }
    for (int item = TCO_ITEM_SEAT; item < TCO_ITEM_SETUP; item++) {
        if (!roles[0].item_sums) {
            for (int r = 0; r < n_roles; r++)
                add_plan_item(roles[r].out, tmp, f, qm, plan, prices, &roles[r].u,
                              (tco_item)item, months, false);
            continue;
        }
        if (!plan->items[item].n_tiers)
            continue; /* it would add nothing */
        double sum[2];
        for (int r = 0; r < n_roles; r++) {
            double *out = roles[r].out;
            if (r > 0 && same_usage(plan, (tco_item)item, &roles[0].u, &roles[r].u)) {
                for (int m = 0; m < months; m++)
                    out[m] += acc[0][m];
                roles[r].item_sums[item] += sum[0];
                continue;
            }
            double *a = acc[r];
            add_plan_item(a, tmp, f, qm, plan, prices, &roles[r].u, (tco_item)item, months,
                          true);
            /* four partial sums: a single one is a chain of dependent adds (measured: a
             * third of the run's time went to it) */
            double part[4] = {0, 0, 0, 0};
            int m = 0;
            for (; m + 4 <= months; m += 4)
                for (int j = 0; j < 4; j++) {
                    out[m + j] += a[m + j];
                    part[j] += a[m + j] * escalation[m + j] * weight[m + j];
                }
            for (; m < months; m++) {
                out[m] += a[m];
                part[0] += a[m] * escalation[m] * weight[m];
            }
            sum[r] = (part[0] + part[1]) + (part[2] + part[3]);
            roles[r].item_sums[item] += sum[r];
        }
    }
    for (int r = 0; r < n_roles; r++) {
        double *out = roles[r].out;
        apply_minimum(plan, prices, months, escalation, out, weight, roles[r].item_sums);
        for (int m = 0; m < months; m++)
            out[m] *= escalation[m];
        if (with_setup && months > 0 && plan->items[TCO_ITEM_SETUP].n_tiers) {
            const double setup = setup_charge(plan, prices, &roles[r].u);
            out[0] += setup;
            if (roles[r].item_sums)
                roles[r].item_sums[TCO_ITEM_SETUP] += setup * weight[0];
        }
    }
}

static const double *offset(const double *a, int by)
{
    return a ? a + by : NULL;
}

/* The chunks of a horizon: months are independent of each other, so chunks of the stack
 * scratch give the same bits and allocate nothing, whatever the horizon. */
static void price_months(const tco_plan *plan, const double *prices, const role *roles,
                         int n_roles, int first_month, int months, const double *escalation,
                         const double *weight)
{
    for (int start = 0; start < months; start += SCRATCH_MONTHS) {
        const int len = months - start < SCRATCH_MONTHS ? months - start : SCRATCH_MONTHS;
        role chunk[2];
        for (int r = 0; r < n_roles; r++) {
            const tco_usage_months *u = &roles[r].u;
            chunk[r] = (role){{offset(u->seats, start), offset(u->sms, start),
                               offset(u->voice, start), offset(u->api, start), u->numbers},
                              roles[r].out + start, roles[r].item_sums};
        }
        price_months_chunk(plan, prices, chunk, n_roles, first_month + start == 1, len,
                           escalation + start, weight ? weight + start : NULL);
    }
}

void tco_price_plan_months(const tco_plan *plan, const double *prices, const tco_usage_months *u,
                           int first_month, int months, const double *escalation, double *out)
{
    const role r = {*u, out, NULL};
    price_months(plan, prices, &r, 1, first_month, months, escalation, NULL);
}

void tco_price_plan_months_items(const tco_plan *plan, const double *prices,
                                 const tco_usage_months *u, int months, const double *escalation,
                                 const double *weight, double *out, double item_sums[TCO_N_ITEMS])
{
    tco_price_plan_range_items(plan, prices, u, 1, months, escalation, weight, out, item_sums);
}

void tco_price_plan_range_items(const tco_plan *plan, const double *prices,
                                const tco_usage_months *u, int first_month, int months,
                                const double *escalation, const double *weight, double *out,
                                double item_sums[TCO_N_ITEMS])
{
    for (int item = 0; item < TCO_N_ITEMS; item++)
        item_sums[item] = 0;
    const role r = {*u, out, item_sums};
    price_months(plan, prices, &r, 1, first_month, months, escalation, weight);
}

double tco_price_plan_setup(const tco_plan *plan, const double *prices, double seats)
{
    const tco_usage_months u = {&seats, NULL, NULL, NULL, 0};
    return setup_charge(plan, prices, &u);
}

void tco_price_plan_months_items2(const tco_plan *plan, const double *prices,
                                  const tco_usage_months *a, const tco_usage_months *b,
                                  int months, const double *escalation, const double *weight,
                                  double *out_a, double items_a[TCO_N_ITEMS], double *out_b,
                                  double items_b[TCO_N_ITEMS])
{
    for (int item = 0; item < TCO_N_ITEMS; item++)
        items_a[item] = items_b[item] = 0;
    const role r[2] = {{*a, out_a, items_a}, {*b, out_b, items_b}};
    price_months(plan, prices, r, 2, 1, months, escalation, weight);
}
