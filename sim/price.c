/* SPDX-License-Identifier: MIT */
/* price: graduated-tier billing of one plan's month (SPEC §5). */
#include "tco/price.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>

#include "tco/xalloc.h"

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

double tco_price_plan_month(const tco_plan *plan, const double *prices, const tco_usage *u,
                            int month, double escalation)
{
    const bool ucaas = plan->model == TCO_MODEL_UCAAS;
    /* SPEC §5: a UCaaS plan's allowance of a usage item is per seat. */
    const double per_seat = ucaas ? u->seats : 1;
    const tco_item_price *it = plan->items;
    double cost = 0;
    if (it[TCO_ITEM_SEAT].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_SEAT], prices, u->seats, it[TCO_ITEM_SEAT].included);
    if (it[TCO_ITEM_SMS].n_tiers && u->sms > 0)
        cost += tco_price_item(&it[TCO_ITEM_SMS], prices, u->sms,
                               it[TCO_ITEM_SMS].included * per_seat);
    if (it[TCO_ITEM_VOICE].n_tiers && u->voice > 0)
        cost += tco_price_item(&it[TCO_ITEM_VOICE], prices, u->voice,
                               it[TCO_ITEM_VOICE].included * per_seat);
    if (it[TCO_ITEM_API].n_tiers && u->api > 0)
        cost += tco_price_item(&it[TCO_ITEM_API], prices, u->api,
                               it[TCO_ITEM_API].included * per_seat) / 1000.0;
    if (it[TCO_ITEM_NUMBER].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_NUMBER], prices, u->numbers,
                               it[TCO_ITEM_NUMBER].included);
    if (it[TCO_ITEM_PLATFORM].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_PLATFORM], prices, 1, it[TCO_ITEM_PLATFORM].included);
    cost *= escalation;
    if (month == 1 && it[TCO_ITEM_SETUP].n_tiers)
        cost += tco_price_item(&it[TCO_ITEM_SETUP], prices, 1, it[TCO_ITEM_SETUP].included);
    return cost;
}

/* acc[m] += scale x (the cost of q[m] units of ip, f[m] free), for every month. scale 1 adds the
 * item's cost as tco_price_item returns it; api's 1/1000 divides the item's sum, as above. */
static void add_item_months(double *restrict acc, double *restrict tmp, const tco_item_price *ip,
                            const double *prices, const double *restrict q, double q_const,
                            const double *restrict allow_seats, double included, bool per_1000,
                            int months)
{
    if (!ip->n_tiers)
        return;
    if (ip->n_tiers == 1 && !per_1000) {
        /* one tier: its cost goes straight into acc (0 + x is x) */
        const double lo = ip->tiers[0].lo, hi = ip->tiers[0].hi, p = prices[ip->tiers[0].price];
        for (int m = 0; m < months; m++) {
            const double qm = q ? q[m] : q_const;
            const double f = allow_seats ? included * allow_seats[m] : included;
            const double top = hi < qm ? hi : qm;
            const double bottom = lo > f ? lo : f;
            const double c = top > bottom ? p * (top - bottom) : 0.0;
            acc[m] += c;
        }
        return;
    }
    for (int m = 0; m < months; m++)
        tmp[m] = 0.0;
    for (size_t t = 0; t < ip->n_tiers; t++) {
        const double lo = ip->tiers[t].lo, hi = ip->tiers[t].hi, p = prices[ip->tiers[t].price];
        for (int m = 0; m < months; m++) {
            const double qm = q ? q[m] : q_const;
            const double f = allow_seats ? included * allow_seats[m] : included;
            const double top = hi < qm ? hi : qm;
            const double bottom = lo > f ? lo : f;
            tmp[m] += top > bottom ? p * (top - bottom) : 0.0;
        }
    }
    for (int m = 0; m < months; m++)
        acc[m] += per_1000 ? tmp[m] / 1000.0 : tmp[m];
}

void tco_price_plan_months(const tco_plan *plan, const double *prices, const tco_usage_months *u,
                           int months, const double *escalation, double *out)
{
    enum { STACK_MONTHS = 64 };
    double stack_tmp[STACK_MONTHS];
    double *tmp = months <= STACK_MONTHS ? stack_tmp : tco_xcalloc((size_t)months, sizeof *tmp);
    const tco_item_price *it = plan->items;
    /* SPEC §5: a UCaaS plan's allowance of a usage item is per seat */
    const double *per_seat = plan->model == TCO_MODEL_UCAAS ? u->seats : NULL;
    assert(per_seat || plan->model != TCO_MODEL_UCAAS);
    for (int m = 0; m < months; m++)
        out[m] = 0.0;
    add_item_months(out, tmp, &it[TCO_ITEM_SEAT], prices, u->seats, 0, NULL,
                    it[TCO_ITEM_SEAT].included, false, months);
    add_item_months(out, tmp, &it[TCO_ITEM_SMS], prices, u->sms, 0, per_seat,
                    it[TCO_ITEM_SMS].included, false, months);
    add_item_months(out, tmp, &it[TCO_ITEM_VOICE], prices, u->voice, 0, per_seat,
                    it[TCO_ITEM_VOICE].included, false, months);
    add_item_months(out, tmp, &it[TCO_ITEM_API], prices, u->api, 0, per_seat,
                    it[TCO_ITEM_API].included, true, months);
    add_item_months(out, tmp, &it[TCO_ITEM_NUMBER], prices, NULL, u->numbers, NULL,
                    it[TCO_ITEM_NUMBER].included, false, months);
    add_item_months(out, tmp, &it[TCO_ITEM_PLATFORM], prices, NULL, 1, NULL,
                    it[TCO_ITEM_PLATFORM].included, false, months);
    for (int m = 0; m < months; m++)
        out[m] *= escalation[m];
    if (months > 0 && it[TCO_ITEM_SETUP].n_tiers)
        out[0] += tco_price_item(&it[TCO_ITEM_SETUP], prices, 1, it[TCO_ITEM_SETUP].included);
    if (tmp != stack_tmp)
        free(tmp);
}
