/* SPDX-License-Identifier: MIT */
/* price: graduated-tier billing of one plan's month (SPEC §5). */
#include "tco/price.h"

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
