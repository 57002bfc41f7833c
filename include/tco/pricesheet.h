/* SPDX-License-Identifier: MIT */
/* pricesheet: vendor price sheets (SPEC §5) checked and loaded into plans of priced items.
 *
 * Several sheets load into one tco_prices: each plan is (vendor, plan) of one sheet; when two
 * sheets define the same (vendor, plan), both plans' names get "@" and their sheet's file name
 * without ".csv" (SPEC §5). Every price cell is a tco_value kept in one array, so the engine
 * draws each cell once per trial and every option that uses it sees the same draw (common
 * random numbers). Tier, included and quantity columns are plain numbers.
 *
 * Extension columns (documented in the README): `source`, `as_of` and `note` are kept as text
 * for the reader and ignored by the model.
 */
#ifndef TCO_PRICESHEET_H
#define TCO_PRICESHEET_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "tco/csvload.h"
#include "tco/diag.h"
#include "tco/value.h"

typedef enum tco_model { TCO_MODEL_UCAAS, TCO_MODEL_CPAAS } tco_model;

typedef enum tco_item {
    TCO_ITEM_SEAT,     /* per user-month */
    TCO_ITEM_SMS,      /* per message */
    TCO_ITEM_VOICE,    /* per minute */
    TCO_ITEM_API,      /* per 1,000 requests; tiers and included count requests */
    TCO_ITEM_NUMBER,   /* per phone number-month */
    TCO_ITEM_PLATFORM, /* flat per month */
    TCO_ITEM_SETUP,    /* one-time, month 1 */
    TCO_ITEM_MINIMUM,  /* SPEC §12.4: the least monthly charge of every item but setup, $ a
                        * month; one open tier, no included units; drawn after the others, so
                        * a sheet without one draws as before */
    TCO_N_ITEMS
} tco_item;

/* One graduated tier: the units whose position in 0..q lies in (lo, hi] cost price. */
typedef struct tco_tier {
    double lo, hi;        /* hi = INFINITY for an open last tier */
    size_t price;         /* index into tco_prices.values */
    unsigned long line;   /* the sheet row */
} tco_tier;

typedef struct tco_item_price {
    size_t n_tiers;       /* 0: the plan does not price this item */
    tco_tier *tiers;      /* ascending, contiguous from 0 */
    double included;      /* free units a month (per seat for a UCaaS plan) */
} tco_item_price;

typedef struct tco_plan {
    char *vendor, *plan;  /* as in the sheet */
    char *name;           /* "Vendor/Plan", or "Vendor/Plan@sheet" when two sheets define it */
    tco_model model;
    size_t sheet;         /* index into tco_prices.sheets */
    unsigned long line;   /* first row of the plan */
    tco_item_price items[TCO_N_ITEMS];
} tco_plan;

typedef struct tco_sheet_info {
    char *path;           /* as given */
    char *stem;           /* file name without directory and ".csv" */
    char *currency;       /* NULL when no row names one */
} tco_sheet_info;

typedef struct tco_prices {
    tco_plan *plans;
    size_t n_plans;
    tco_value *values;    /* every price cell */
    size_t n_values;
    /* [n_values], set by tco_prices_finish (NULL before): draw_from[i] == i, or the index < i
     * of an identical cell (same distribution and parameters) of the same (vendor, plan, item,
     * tier) in an earlier sheet, whose draw cell i reuses */
    size_t *draw_from;
    tco_sheet_info *sheets;
    size_t n_sheets;
} tco_prices;

void tco_prices_init(tco_prices *p);
void tco_prices_fini(tco_prices *p);

/* True when the header names `vendor` and `item` columns. */
bool tco_prices_table_is_sheet(const tco_csv_table *t);

/* Every column a price sheet accepts (SPEC §5 and the extensions source, as_of, note):
 * tco_prices_column(i) for i < tco_prices_n_columns(), NULL past the end. Static strings;
 * tcosim-prices(5) documents each (a test compares the two lists). */
size_t tco_prices_n_columns(void);
const char *tco_prices_column(size_t i);

/* Checks one sheet and adds its plans. Returns TCO_OK or TCO_EDATA (diagnostics appended); on
 * TCO_EDATA nothing of the sheet is added. A currency that disagrees with an earlier sheet's is
 * an error naming both files. */
tco_status tco_prices_add_sheet(tco_prices *p, const tco_csv_table *t, tco_diag_list *diags);

/* tco_csv_load + tco_prices_add_sheet. */
tco_status tco_prices_load(tco_prices *p, const char *path, tco_diag_list *diags);

/* After the last sheet: names every plan, with "@sheet" where two sheets define it, and pairs
 * the identical price cells of such plans (draw_from). Two sheets with the same file name
 * defining the same plan are an error (TCO_EDATA). */
tco_status tco_prices_finish(tco_prices *p, tco_diag_list *diags);

/* Draws every price cell once (SPEC §3) into out[n_values], a normal's tail clamped at 0.
 * Constants do not touch r. A cell with draw_from[i] != i is not drawn: it takes the draw of
 * that identical cell of an earlier sheet, so the diff of two sheets of one plan isolates what
 * changed (issue 5). Thread-safe for distinct r. */
void tco_prices_draw(const tco_prices *p, gsl_rng *r, double *out);

/* Draws the cells of plans[plan] only (items in tco_item order, tiers ascending), as
 * tco_prices_draw would, into their places of out[]; the engine gives each plan its own stream.
 * Draw the plans in index order: a paired cell (draw_from) takes an earlier plan's draw. */
void tco_prices_draw_plan(const tco_prices *p, size_t plan, gsl_rng *r, double *out);

const char *tco_item_name(tco_item item);
const char *tco_model_name(tco_model model);

/* SPEC §6: the options of n_ucaas UCaaS and n_cpaas CPaaS plans: each plan, and a hybrid for
 * each UCaaS x CPaaS pair. */
size_t tco_option_count(size_t n_ucaas, size_t n_cpaas);
/* tco_option_count of the plans of p. */
size_t tco_prices_option_count(const tco_prices *p);

#endif
