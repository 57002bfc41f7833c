/* SPDX-License-Identifier: MIT */
/* price: pure billing (SPEC §5): a month's quantities x a plan's drawn prices -> dollars.
 *
 * Graduated tiers: the first `included` units of the month are free; every other unit at
 * position x in (0, q] costs the price of the tier whose (lo, hi] holds x. `api` prices are per
 * 1,000 requests while its quantities count requests. A UCaaS plan's `included` is per seat
 * (times the month's whole seats) for every item but `seat`, whose `included` is free seats:
 * sms, voice, api, number, platform and setup (month 1's seats); a CPaaS plan's is per plan.
 * SPEC §12.4: a month whose charges on a plan (every item but setup) are below the plan's
 * `minimum` is billed the minimum, escalated like every price.
 * No I/O, no allocation, thread-safe.
 */
#ifndef TCO_PRICE_H
#define TCO_PRICE_H

#include "tco/pricesheet.h"

/* Cost of quantity q of one priced item: graduated tiers, `free_units` free first. prices[]
 * holds the trial's draw of every price cell (tco_prices.values order). Per-1,000 scaling of
 * `api` is the caller's (tco_price_plan_months does it). */
double tco_price_item(const tco_item_price *ip, const double *prices, double q, double free_units);

/* What one plan is asked to carry, month by month: seats (whole seats, also the multiplier of
 * a UCaaS plan's allowances), messages, voice minutes, API requests; phone numbers rented. */
typedef struct tco_usage_months {
    const double *seats, *sms, *voice, *api; /* [months] or NULL; seats never NULL for UCaaS */
    double numbers;
} tco_usage_months;

/* out[m] = vendor charges of `plan` in month first_month + m (1-based), m < months: every item
 * it prices, at prices multiplied by escalation[m], raised to the plan's `minimum` (times
 * escalation[m]) where below it; `setup` in month 1 only, unescalated, on top. The
 * quantity arrays are indexed like out; a NULL one means 0 every month. Branch-free over the
 * months, so the month loops vectorise, and allocation-free; each month gets the bits of the
 * plain month-by-month sum (tests/test_price.c holds that oracle). */
void tco_price_plan_months(const tco_plan *plan, const double *prices, const tco_usage_months *u,
                           int first_month, int months, const double *escalation, double *out);

/* tco_price_plan_months from month 1, with the same bits in out[], and the charges split by
 * item (SPEC §8.2): item_sums[item] = sum over months of the item's charge in that month
 * (escalated; `setup` in month 1, unescalated; `minimum` the top-ups) times weight[m] (the
 * discount factor). The items add up to the weighted sum of out[] up to floating-point
 * rounding (another order). */
void tco_price_plan_months_items(const tco_plan *plan, const double *prices,
                                 const tco_usage_months *u, int months, const double *escalation,
                                 const double *weight, double *out, double item_sums[TCO_N_ITEMS]);

/* tco_price_plan_months_items of one plan in two roles at once, usage a into out_a and
 * items_a, usage b into out_b and items_b, each with the bits the single call gives: an item
 * whose usage is the same in both (the same quantity array and per-seat allowance: a UCaaS
 * plan's seats and voice, a CPaaS plan's api, numbers and platform when it is priced for the
 * whole workload and for its part of a hybrid) is priced once and added to both. */
void tco_price_plan_months_items2(const tco_plan *plan, const double *prices,
                                  const tco_usage_months *a, const tco_usage_months *b,
                                  int months, const double *escalation, const double *weight,
                                  double *out_a, double items_a[TCO_N_ITEMS], double *out_b,
                                  double items_b[TCO_N_ITEMS]);

/* tco_price_plan_months_items for months first_month .. first_month + months - 1 only (SPEC
 * §12.2: a plan carried for part of the horizon): u, escalation, weight and out are indexed
 * from that month; no `setup` unless first_month is 1. out[] gets the bits that pricing from
 * month 1 gives those months. */
void tco_price_plan_range_items(const tco_plan *plan, const double *prices,
                                const tco_usage_months *u, int first_month, int months,
                                const double *escalation, const double *weight, double *out,
                                double item_sums[TCO_N_ITEMS]);

/* The one-time `setup` charge of a plan, unescalated (SPEC §5): `seats` are the whole seats of
 * its month, the multiplier of a UCaaS plan's allowance. 0 when the plan prices no setup. */
double tco_price_plan_setup(const tco_plan *plan, const double *prices, double seats);

#endif
