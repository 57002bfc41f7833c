/* SPDX-License-Identifier: MIT */
/* price: pure billing (SPEC §5): a month's quantities x a plan's drawn prices -> dollars.
 *
 * Graduated tiers: the first `included` units of the month are free; every other unit at
 * position x in (0, q] costs the price of the tier whose (lo, hi] holds x. `api` prices are per
 * 1,000 requests while its quantities count requests. A UCaaS plan's allowance of a usage item
 * (sms, voice, api) is per seat. No I/O, no allocation, thread-safe.
 */
#ifndef TCO_PRICE_H
#define TCO_PRICE_H

#include "tco/pricesheet.h"

/* What one plan is asked to carry in one month. */
typedef struct tco_usage {
    double seats;    /* whole seats; also the multiplier of a UCaaS plan's allowances */
    double sms;      /* messages */
    double voice;    /* minutes */
    double api;      /* requests */
    double numbers;  /* phone numbers rented */
} tco_usage;

/* Cost of quantity q of one priced item: graduated tiers, `free_units` free first. prices[]
 * holds the trial's draw of every price cell (tco_prices.values order). Per-1,000 scaling of
 * `api` is the caller's (tco_price_plan_month does it). */
double tco_price_item(const tco_item_price *ip, const double *prices, double q, double free_units);

/* Vendor charges of `plan` for month `month` (1-based): every item it prices, at prices
 * multiplied by `escalation`; `setup` in month 1 only, unescalated. */
double tco_price_plan_month(const tco_plan *plan, const double *prices, const tco_usage *u,
                            int month, double escalation);

/* The same for months 1..months at once (the engine's hot path): quantities as arrays, where a
 * NULL array means 0 every month. Gives the same bits as tco_price_plan_month month by month
 * (the same operations in the same order; tiers that bill nothing add +0.0), without its
 * branches, so the month loops vectorise. */
typedef struct tco_usage_months {
    const double *seats, *sms, *voice, *api; /* [months] or NULL; seats never NULL for UCaaS */
    double numbers;
} tco_usage_months;

void tco_price_plan_months(const tco_plan *plan, const double *prices, const tco_usage_months *u,
                           int months, const double *escalation, double *out);

#endif
