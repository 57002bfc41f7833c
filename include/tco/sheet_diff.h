/* SPDX-License-Identifier: MIT */
/* sheet_diff: what changed between two sheets of one plan, and which options it moves (issue 5;
 * SPEC §5 "@sheet"). Pure: price sheets and an option set in, lists out; no I/O.
 *
 * The sheet diff (SPEC §5 "@sheet"): when two sheets define the same (vendor, plan), the plan
 * of the earlier sheet (load order) is "old" and of the later "new" (with three sheets, each
 * is paired with the next that defines it). Each option that uses the old plan is paired with
 * the option that uses the new plan in its place and keeps every other part (`ucaas:`/`cpaas:`
 * options directly; a hybrid where exactly one part changed sheet). Its TCO change new - old
 * is the pair's difference, and the price rows that changed are listed item by item, tier by
 * tier.
 *
 * Price cells of two sheets are different cells: a distribution in both sheets is drawn
 * independently for each sheet unless tco_prices_draw pairs identical cells (see the README);
 * constants are always equal, so the diff of two identical sheets of constants is exactly zero
 * in every trial.
 */
#ifndef TCO_SHEET_DIFF_H
#define TCO_SHEET_DIFF_H

#include <stddef.h>

#include "tco/option.h"
#include "tco/pricesheet.h"

/* The changes of one plan: a list of texts, each owned by the list. */
typedef struct tco_change_list {
    char **items;
    size_t n, cap;
} tco_change_list;

void tco_sheet_diff_changes_fini(tco_change_list *l);

/* One plan defined by two sheets. */
typedef struct tco_plan_change {
    size_t old_plan, new_plan; /* indices into tco_prices.plans */
    tco_change_list changes;     /* "seat: 20 → 22", "api: removed"; none when no price changed */
} tco_plan_change;

/* One option of the old plan beside its counterpart on the new plan. */
typedef struct tco_option_change {
    size_t option_old, option_new; /* indices into the result's options */
    size_t plan_change;            /* index into tco_sheet_diff.plans */
} tco_option_change;

typedef struct tco_sheet_diff {
    tco_plan_change *plans;
    size_t n_plans;
    tco_option_change *options;
    size_t n_options;
} tco_sheet_diff;

/* Pairs the plans of p defined by two sheets and the options of `set` that use them, in plan
 * order and then option order. The caller frees d with tco_sheet_diff_fini. */
void tco_sheet_diff_build(tco_sheet_diff *d, const tco_prices *p, const tco_option_set *set);
void tco_sheet_diff_fini(tco_sheet_diff *d);

/* The price rows of plan b that differ from plan a into *out, one text each (none when no price
 * changed): prices tier by tier ("sms tier 0–150000: 0.0079 → 0.0083"), tiers, allowances,
 * added and removed items ("number: added 1.15", "api: removed"). A price is compared as
 * written (distribution and parameters). The caller frees *out with tco_sheet_diff_changes_fini. */
void tco_sheet_diff_plan_changes(const tco_prices *p, const tco_plan *a, const tco_plan *b,
                                 tco_change_list *out);

/* A value as a sheet would write it: "0.0083", "uniform(15,40)". buf needs 128 bytes. */
void tco_sheet_diff_format_value(char *buf, size_t size, const tco_value *v);

#endif
