/* SPDX-License-Identifier: MIT */
/* pricesheet: vendor price sheets (SPEC §5) checked row by row and grouped into plans.
 *
 * A sheet is checked whole before any of it is added, so a bad sheet adds nothing and every
 * problem in it is reported. Rows of one (vendor, plan, item) are graduated tiers: sorted by
 * tier_from, they must start at 0 and follow each other without gap or overlap. Two
 * conventions of writing a boundary are accepted as contiguous, the continuous one of SPEC §5
 * (0–150000, 150000–300000) and the inclusive one of vendors' tables (0–150000, 150001–300000);
 * both put the boundary at 150000.
 */
#include "tco/pricesheet.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tco/cellhint.h"
#include "tco/defaults.h"
#include "tco/xalloc.h"

/* Largest tier bound or allowance we accept: far above any real monthly quantity. */
#define QUANTITY_MAX 1e15
/* Largest price per unit. */
#define PRICE_MAX 1e9

static const char *const ITEM_NAMES[TCO_N_ITEMS] = {
    "seat", "sms", "voice", "api", "number", "platform", "setup", "minimum",
};

const char *tco_item_name(tco_item item)
{
    return ITEM_NAMES[item];
}

const char *tco_model_name(tco_model model)
{
    return model == TCO_MODEL_UCAAS ? "ucaas" : "cpaas";
}

enum column {
    COL_VENDOR, COL_PLAN, COL_MODEL, COL_ITEM, COL_PRICE, COL_TIER_FROM, COL_TIER_TO,
    COL_INCLUDED, COL_CURRENCY, COL_SOURCE, COL_AS_OF, COL_NOTE, N_COLUMNS
};

static const char *const COLUMN_NAMES[N_COLUMNS] = {
    "vendor", "plan", "model", "item", "price", "tier_from", "tier_to",
    "included", "currency", "source", "as_of", "note",
};

#define N_REQUIRED 5 /* vendor, plan, model, item, price */

size_t tco_prices_n_columns(void)
{
    return N_COLUMNS;
}

const char *tco_prices_column(size_t i)
{
    return i < N_COLUMNS ? COLUMN_NAMES[i] : NULL;
}

void tco_prices_init(tco_prices *p)
{
    memset(p, 0, sizeof *p);
}

static void plan_fini(tco_plan *plan)
{
    free(plan->vendor);
    free(plan->plan);
    free(plan->name);
    for (size_t i = 0; i < TCO_N_ITEMS; i++)
        free(plan->items[i].tiers);
}

void tco_prices_fini(tco_prices *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_plans; i++)
        plan_fini(&p->plans[i]);
    free(p->plans);
    free(p->values);
    free(p->draw_from);
    for (size_t i = 0; i < p->n_sheets; i++) {
        free(p->sheets[i].path);
        free(p->sheets[i].stem);
        free(p->sheets[i].currency);
    }
    free(p->sheets);
    tco_prices_init(p);
}

bool tco_prices_table_is_sheet(const tco_csv_table *t)
{
    return tco_csv_column(t, "vendor") >= 0 && tco_csv_column(t, "item") >= 0;
}

/* ---- header ---------------------------------------------------------------------------- */

/* Reports unknown and repeated columns (clearing *header_ok; the rows are still checked against
 * the known columns); returns false only when a required column is missing. */
static bool map_header(const tco_csv_table *t, long col[N_COLUMNS], bool *header_ok,
                       tco_diag_list *diags)
{
    bool ok = true;
    *header_ok = true;
    for (size_t i = 0; i < N_COLUMNS; i++)
        col[i] = -1;
    for (size_t c = 0; c < t->header.n_fields; c++) {
        const char *name = t->header.fields[c];
        size_t k = 0;
        while (k < N_COLUMNS && strcmp(name, COLUMN_NAMES[k]) != 0)
            k++;
        if (k == N_COLUMNS) {
            char quoted[64];
            tco_diag_quote_cell(quoted, sizeof quoted, name);
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                         "expected a price-sheet column (vendor, plan, model, item, price, "
                         "tier_from, tier_to, included, currency, source, as_of, note: see "
                         "tcosim-prices(5)), got \"%s\"",
                         quoted);
            *header_ok = false;
        } else if (col[k] >= 0) {
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, (unsigned)c + 1,
                         "%s: expected each column once, got a second \"%s\" (first in column %ld)",
                         name, name, col[k] + 1);
            *header_ok = false;
        } else {
            col[k] = (long)c;
        }
    }
    for (size_t k = 0; k < N_REQUIRED; k++)
        if (col[k] < 0) {
            tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                         "%s: expected a required column \"%s\", got none", COLUMN_NAMES[k],
                         COLUMN_NAMES[k]);
            ok = false;
        }
    return ok;
}

/* ---- one row --------------------------------------------------------------------------- */

typedef struct sheet_row {
    unsigned long line;
    const char *vendor, *plan;
    tco_model model;
    tco_item item;
    tco_value price;
    double from, to;        /* to = INFINITY when blank */
    bool from_given;
    double included;
    bool included_given;
    const char *currency;   /* NULL when blank */
    long col_from, col_to, col_included, col_model, col_item;
} sheet_row;

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

static bool check_name(const tco_csv_table *t, const tco_csv_row *row, long col,
                       const char *column, tco_diag_list *diags)
{
    const char *s = row->fields[col];
    if (is_blank(s)) {
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, column, "a name", s);
        return false;
    }
    if (strlen(s) > TCO_MAX_NAME_BYTES) {
        /* it is repeated in every option name and every row of the outputs */
        tco_diag_add(diags, TCO_EDATA, t->path, row->line, (unsigned)col + 1,
                     "%s: expected a name of at most %d bytes, got %zu", column,
                     TCO_MAX_NAME_BYTES, strlen(s));
        return false;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '/' || *p == '+' || *p == '@') {
            tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, column,
                              "a name without '/', '+' or '@' (they separate option names)", s);
            return false;
        }
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)) {
            /* C0, DEL, C1: it would be printed in every table */
            tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, column,
                              "a name without control characters", s);
            return false;
        }
    }
    return true;
}

/* A plain non-negative quantity: tier bounds and allowances are not distributions. */
static bool parse_quantity(const tco_csv_table *t, const tco_csv_row *row, long col,
                           const char *column, double *out, tco_diag_list *diags)
{
    const char *cell = row->fields[col];
    tco_value v;
    size_t pos;
    if (tco_value_parse(cell, &v, &pos) == NULL && v.dist == TCO_DIST_CONST && v.a >= 0 &&
        v.a <= QUANTITY_MAX && !strchr(cell, '%') && !strchr(cell, '$')) {
        *out = v.a;
        return true;
    }
    char expected[256];
    if (!tco_value_explain(cell, expected, sizeof expected))
        snprintf(expected, sizeof expected, "a plain number of units from 0 to 1e15");
    tco_diag_add_cell(diags, t->path, row->line, (unsigned)col + 1, column, expected, cell);
    return false;
}

/* SPEC §12.4: a `minimum` row is one amount a month: not tiered (tier_from blank or 0,
 * tier_to blank) and with no included units (blank or 0). */
static bool minimum_row(const tco_csv_table *t, const tco_csv_row *row, sheet_row *out,
                        tco_diag_list *diags)
{
    static const char WHY[] = "a blank cell on a minimum row (a plan's least monthly charge "
                              "is one amount, not tiered: tcosim-prices(5))";
    bool ok = true;
    if (out->from_given && out->from != 0) {
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)out->col_from + 1, "tier_from",
                          WHY, row->fields[out->col_from]);
        ok = false;
    }
    if (out->col_to >= 0 && !is_blank(row->fields[out->col_to])) {
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)out->col_to + 1, "tier_to", WHY,
                          row->fields[out->col_to]);
        ok = false;
    }
    if (out->included_given && out->included != 0) {
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)out->col_included + 1,
                          "included", "a blank cell on a minimum row (a plan's least monthly "
                          "charge has no free units: tcosim-prices(5))",
                          row->fields[out->col_included]);
        ok = false;
    }
    out->from = 0;
    out->to = INFINITY;
    out->included = 0;
    out->included_given = false;
    return ok;
}

static bool parse_row(const tco_csv_table *t, const tco_csv_row *row, const long col[N_COLUMNS],
                      sheet_row *out, tco_diag_list *diags)
{
    bool ok = true;
    memset(out, 0, sizeof *out);
    out->line = row->line;
    out->to = INFINITY;
    out->col_from = col[COL_TIER_FROM];
    out->col_to = col[COL_TIER_TO];
    out->col_included = col[COL_INCLUDED];
    out->col_model = col[COL_MODEL];
    out->col_item = col[COL_ITEM];
    out->vendor = row->fields[col[COL_VENDOR]];
    out->plan = row->fields[col[COL_PLAN]];
    ok &= check_name(t, row, col[COL_VENDOR], "vendor", diags);
    ok &= check_name(t, row, col[COL_PLAN], "plan", diags);

    const char *model = row->fields[col[COL_MODEL]];
    if (strcasecmp(model, "ucaas") == 0)
        out->model = TCO_MODEL_UCAAS;
    else if (strcasecmp(model, "cpaas") == 0)
        out->model = TCO_MODEL_CPAAS;
    else {
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)col[COL_MODEL] + 1, "model",
                          "ucaas or cpaas", model);
        ok = false;
    }

    const char *item = row->fields[col[COL_ITEM]];
    size_t k = 0;
    while (k < TCO_N_ITEMS && strcasecmp(item, ITEM_NAMES[k]) != 0)
        k++;
    if (k == TCO_N_ITEMS) {
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)col[COL_ITEM] + 1, "item",
                          "seat, sms, voice, api, number, platform, setup or minimum", item);
        ok = false;
    }
    out->item = (tco_item)k;

    const char *price = row->fields[col[COL_PRICE]];
    size_t pos = 0;
    const char *err = tco_value_parse(price, &out->price, &pos);
    if (err) {
        char expected[256];
        if (!tco_value_explain(price, expected, sizeof expected)) {
            if (pos > 1)
                snprintf(expected, sizeof expected, "%s at character %zu", err, pos);
            else
                snprintf(expected, sizeof expected, "%s", err);
        }
        tco_diag_add_cell(diags, t->path, row->line, (unsigned)col[COL_PRICE] + 1, "price",
                          expected, price);
        ok = false;
    } else {
        /* bounded distributions must fit; 99.9% of an unbounded one's draws must (the rest
         * is clamped into [0, 1e9] when drawn, tco_prices_draw) */
        double lo, hi;
        tco_value_bulk(&out->price, &lo, &hi);
        if (!(lo >= 0) || !(hi <= PRICE_MAX)) {
            /* the upper bound is one factor of the worst case in scenario.c */
            char expected[160];
            const bool least = out->item == TCO_ITEM_MINIMUM;
            snprintf(expected, sizeof expected, "%s from 0 to 1e9 $ %s%s%s",
                     least ? "a minimum" : "a price", least ? "a month" : "per unit",
                     tco_value_unbounded(&out->price) ? " for 99.9% of the draws" : "",
                     !(hi <= PRICE_MAX) ? " (so that costs stay finite over 600 months)" : "");
            tco_diag_add_cell(diags, t->path, row->line, (unsigned)col[COL_PRICE] + 1, "price",
                              expected, price);
            ok = false;
        } else {
            char warning[400];
            if (tco_cellhint_warning("price", price, lo, hi, warning, sizeof warning))
                tco_diag_warn(diags, t->path, row->line, (unsigned)col[COL_PRICE] + 1, "%s",
                              warning);
        }
    }

    if (col[COL_TIER_FROM] >= 0 && !is_blank(row->fields[col[COL_TIER_FROM]])) {
        ok &= parse_quantity(t, row, col[COL_TIER_FROM], "tier_from", &out->from, diags);
        out->from_given = true;
    }
    if (col[COL_TIER_TO] >= 0 && !is_blank(row->fields[col[COL_TIER_TO]])) {
        if (parse_quantity(t, row, col[COL_TIER_TO], "tier_to", &out->to, diags)) {
            if (!(out->to > out->from)) {
                char expected[96];
                snprintf(expected, sizeof expected,
                         "a number above tier_from (%.15g): the tier runs backwards", out->from);
                tco_diag_add_cell(diags, t->path, row->line, (unsigned)col[COL_TIER_TO] + 1,
                                  "tier_to", expected, row->fields[col[COL_TIER_TO]]);
                ok = false;
            }
        } else {
            ok = false;
        }
    }
    if (col[COL_INCLUDED] >= 0 && !is_blank(row->fields[col[COL_INCLUDED]])) {
        ok &= parse_quantity(t, row, col[COL_INCLUDED], "included", &out->included, diags);
        out->included_given = true;
    }
    if (col[COL_CURRENCY] >= 0 && !is_blank(row->fields[col[COL_CURRENCY]])) {
        const char *cur = row->fields[col[COL_CURRENCY]];
        bool iso = strlen(cur) == 3;
        for (size_t i = 0; iso && i < 3; i++)
            iso = isalpha((unsigned char)cur[i]) != 0;
        if (!iso) {
            tco_diag_add_cell(diags, t->path, row->line, (unsigned)col[COL_CURRENCY] + 1,
                              "currency", "a three-letter ISO 4217 code such as USD", cur);
            ok = false;
        } else {
            out->currency = cur;
        }
    }
    if (out->item == TCO_ITEM_MINIMUM)
        ok &= minimum_row(t, row, out, diags);
    return ok;
}

/* ---- grouping into plans --------------------------------------------------------------- */

static int cmp_rows_by_from(const void *a, const void *b)
{
    const sheet_row *x = *(const sheet_row *const *)a, *y = *(const sheet_row *const *)b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Checks the rows of one (plan, item) and builds its tiers; values_base is where this sheet's
 * prices start in tco_prices.values, row_index maps a row to its price slot. */
static bool build_item(const tco_csv_table *t, sheet_row **rows, size_t n, const char *plan_name,
                       tco_item_price *out, size_t (*slot_of)(const sheet_row *, void *),
                       void *ctx, tco_diag_list *diags)
{
    bool ok = true;
    qsort(rows, n, sizeof *rows, cmp_rows_by_from);
    if (n > TCO_MAX_TIERS) {
        /* every month of every trial walks the tiers: keep it a short walk */
        const sheet_row *r = rows[TCO_MAX_TIERS];
        tco_diag_add(diags, TCO_EDATA, t->path, r->line,
                     r->col_from >= 0 ? (unsigned)r->col_from + 1 : 0,
                     "tier_from: expected at most %d tiers of %s %s, got %zu", TCO_MAX_TIERS,
                     plan_name, ITEM_NAMES[r->item], n);
        return false;
    }
    if (n > 1 && rows[0]->item == TCO_ITEM_MINIMUM) {
        /* SPEC §12.4: one least monthly charge a plan (every tier_from is 0, so the rows
         * are in line order) */
        tco_diag_add(diags, TCO_EDATA, t->path, rows[1]->line, (unsigned)rows[1]->col_item + 1,
                     "item: expected one minimum row for %s, got a second (line %lu has one)",
                     plan_name, rows[0]->line);
        return false;
    }
    const sheet_row *with_included = NULL;
    for (size_t i = 0; i < n; i++) {
        const sheet_row *r = rows[i];
        if (r->included_given) {
            if (with_included) {
                tco_diag_add(diags, TCO_EDATA, t->path, r->line, (unsigned)r->col_included + 1,
                             "included: expected it on one row of %s %s only, got a second "
                             "(line %lu has one)",
                             plan_name, ITEM_NAMES[r->item], with_included->line);
                ok = false;
            } else {
                with_included = r;
            }
        }
    }
    out->included = with_included ? with_included->included : 0;
    out->tiers = tco_xcalloc(n, sizeof *out->tiers);
    out->n_tiers = n;
    double prev_hi = 0;
    for (size_t i = 0; i < n; i++) {
        const sheet_row *r = rows[i];
        unsigned col_from = r->col_from >= 0 ? (unsigned)r->col_from + 1 : 0;
        if (i == 0) {
            /* SPEC §5: tiers leave no gaps, so the first starts at 0 (1 in the inclusive
             * convention) */
            if (r->from != 0 && r->from != 1) {
                tco_diag_add(diags, TCO_EDATA, t->path, r->line, col_from,
                             "tier_from: expected the first tier of %s %s to start at 0, got "
                             "%.15g (units 0 to %.15g would have no price)",
                             plan_name, ITEM_NAMES[r->item], r->from, r->from);
                ok = false;
            }
        } else {
            const sheet_row *p = rows[i - 1];
            if (!r->from_given && !p->from_given) {
                tco_diag_add(diags, TCO_EDATA, t->path, r->line, 0,
                             "item: expected one row for %s %s (or tiers with tier_from and "
                             "tier_to), got a second row (first on line %lu)",
                             plan_name, ITEM_NAMES[r->item], p->line);
                ok = false;
            } else if (isinf(prev_hi)) {
                tco_diag_add(diags, TCO_EDATA, t->path, r->line, col_from,
                             "tier_from: expected tiers of %s %s that do not overlap, got %.15g "
                             "inside the open tier of line %lu",
                             plan_name, ITEM_NAMES[r->item], r->from, p->line);
                ok = false;
            } else if (r->from < prev_hi) {
                tco_diag_add(diags, TCO_EDATA, t->path, r->line, col_from,
                             "tier_from: expected tiers of %s %s that do not overlap, got %.15g "
                             "below the end %.15g of the tier on line %lu",
                             plan_name, ITEM_NAMES[r->item], r->from, prev_hi, p->line);
                ok = false;
            } else if (r->from != prev_hi && r->from != prev_hi + 1) {
                tco_diag_add(diags, TCO_EDATA, t->path, r->line, col_from,
                             "tier_from: expected %.15g (where the tier on line %lu ends), got "
                             "%.15g: units in between would have no price",
                             prev_hi, p->line, r->from);
                ok = false;
            }
        }
        out->tiers[i].lo = i == 0 ? 0 : prev_hi;
        out->tiers[i].hi = r->to;
        out->tiers[i].line = r->line;
        out->tiers[i].price = slot_of(r, ctx);
        prev_hi = r->to;
    }
    return ok;
}

typedef struct slot_ctx {
    const sheet_row *rows;
    size_t base;
} slot_ctx;

static size_t slot_of_row(const sheet_row *r, void *ctx)
{
    const slot_ctx *c = ctx;
    return c->base + (size_t)(r - c->rows);
}

/* The sheet's name in option names (`@stem`): the file name without directory and ".csv",
 * with each byte that would make an option name ambiguous or unprintable written %XX (SPEC
 * §6, §12.2: `+` separates a hybrid's plans and the part after the last `@` names the sheet
 * or the migration month): `%` itself (so the encoding reads back), `+`, `@`, controls, and
 * bytes that are not UTF-8. "q1+q2.csv" is "q1%2Bq2", "a@b.csv" "a%40b". */
static char *file_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcasecmp(base + n - 4, ".csv") == 0)
        n -= 4;
    char *stem = tco_xmalloc(3 * n + 1);
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)base;
    for (size_t i = 0; i < n;) {
        const size_t len = tco_diag_utf8_seq(u + i, n - i);
        const bool c1 = len == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0;
        if (len > 1 && !c1) {
            memcpy(stem + o, u + i, len);
            o += len;
            i += len;
            continue;
        }
        const unsigned char c = u[i];
        if (len == 1 && c >= 0x20 && c != 0x7f && c != '%' && c != '+' && c != '@') {
            stem[o++] = (char)c;
            i++;
            continue;
        }
        for (size_t k = 0; k < (c1 ? 2u : 1u); k++)
            o += (size_t)snprintf(stem + o, 4, "%%%02X", u[i + k]);
        i += c1 ? 2 : 1;
    }
    stem[o] = '\0';
    return stem;
}

tco_status tco_prices_add_sheet(tco_prices *p, const tco_csv_table *t, tco_diag_list *diags)
{
    size_t errors_before = diags->n_added;
    if (tco_csv_column(t, "scenario") >= 0 && tco_csv_column(t, "vendor") < 0) {
        /* SPEC §8.4: the file is good, the command line put it in the wrong place */
        tco_diag_add(diags, TCO_EUSAGE, t->path, t->header.line, 0,
                     "expected a price sheet (\"vendor\", \"plan\", \"model\", \"item\", "
                     "\"price\" columns), got a scenario file (a \"scenario\" column): give "
                     "scenario files as the operands, a price sheet with --prices FILE");
        return TCO_EUSAGE;
    }
    long col[N_COLUMNS];
    bool header_ok;
    if (!map_header(t, col, &header_ok, diags))
        return TCO_EDATA;
    if (t->n_rows == 0) {
        if (t->n_refused > 0 || !header_ok) /* reported already */
            return TCO_EDATA;
        tco_diag_add(diags, TCO_EDATA, t->path, t->header.line, 0,
                     "expected at least one price row after the header, got none");
        return TCO_EDATA;
    }

    sheet_row *rows = tco_xcalloc(t->n_rows, sizeof *rows);
    bool *row_ok = tco_xcalloc(t->n_rows, sizeof *row_ok);
    const char *currency = NULL;
    unsigned long currency_line = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        row_ok[r] = parse_row(t, &t->rows[r], col, &rows[r], diags);
        if (row_ok[r] && rows[r].currency) {
            if (!currency) {
                currency = rows[r].currency;
                currency_line = rows[r].line;
            } else if (strcasecmp(currency, rows[r].currency) != 0) {
                char expected[96];
                snprintf(expected, sizeof expected, "%s like line %lu (one currency a sheet)",
                         currency, currency_line);
                tco_diag_add_cell(diags, t->path, rows[r].line, (unsigned)col[COL_CURRENCY] + 1,
                                  "currency", expected, rows[r].currency);
            }
        }
    }
    /* SPEC §5: every sheet of one run agrees on its currency. */
    if (currency)
        for (size_t s = 0; s < p->n_sheets; s++)
            if (p->sheets[s].currency && strcasecmp(p->sheets[s].currency, currency) != 0) {
                char expected[256];
                snprintf(expected, sizeof expected, "%s like %s (no currency is converted)",
                         p->sheets[s].currency, p->sheets[s].path);
                tco_diag_add_cell(diags, t->path, currency_line, (unsigned)col[COL_CURRENCY] + 1,
                                  "currency", expected, currency);
                break;
            }

    /* Group good rows by (vendor, plan), in order of first appearance. */
    size_t n_plans = 0;
    tco_plan *plans = tco_xcalloc(t->n_rows, sizeof *plans);
    size_t *plan_of = tco_xcalloc(t->n_rows, sizeof *plan_of);
    bool too_many_plans = false;
    for (size_t r = 0; r < t->n_rows; r++) {
        if (!row_ok[r])
            continue;
        size_t k = 0;
        while (k < n_plans &&
               !(strcmp(plans[k].vendor, rows[r].vendor) == 0 &&
                 strcmp(plans[k].plan, rows[r].plan) == 0))
            k++;
        if (k == n_plans && p->n_plans + n_plans == TCO_MAX_OPTIONS) {
            /* every plan is an option: more could never run (tco_prices_finish) */
            if (!too_many_plans)
                tco_diag_add(diags, TCO_EDATA, t->path, rows[r].line,
                             (unsigned)col[COL_PLAN] + 1,
                             "plan: expected at most %d plans in the sheets of one run (each "
                             "is an option), got more: %s/%s is one too many",
                             TCO_MAX_OPTIONS, rows[r].vendor, rows[r].plan);
            too_many_plans = true;
            row_ok[r] = false;
            continue;
        }
        if (k == n_plans) {
            plans[k].vendor = tco_xstrdup(rows[r].vendor);
            plans[k].plan = tco_xstrdup(rows[r].plan);
            plans[k].model = rows[r].model;
            plans[k].line = rows[r].line;
            plans[k].sheet = p->n_sheets;
            n_plans++;
        } else if (plans[k].model != rows[r].model) {
            char expected[160];
            snprintf(expected, sizeof expected,
                     "%s like the first row of %s/%s (line %lu): a plan is one model",
                     tco_model_name(plans[k].model), plans[k].vendor, plans[k].plan,
                     plans[k].line);
            tco_diag_add_cell(diags, t->path, rows[r].line, (unsigned)col[COL_MODEL] + 1,
                              "model", expected, t->rows[r].fields[col[COL_MODEL]]);
            row_ok[r] = false;
            continue;
        }
        plan_of[r] = k;
    }

    /* SPEC §6: every UCaaS plan, every CPaaS plan and every UCaaS x CPaaS pair is an option.
     * Counted over the earlier sheets and this one, so the sheet that goes past the limit is
     * refused, naming the first plan past it. */
    size_t n_u = 0, n_c = 0;
    for (size_t i = 0; i < p->n_plans; i++)
        p->plans[i].model == TCO_MODEL_UCAAS ? n_u++ : n_c++;
    for (size_t k = 0; k < n_plans; k++) {
        plans[k].model == TCO_MODEL_UCAAS ? n_u++ : n_c++;
        if (tco_option_count(n_u, n_c) > TCO_MAX_OPTIONS) {
            for (size_t j = k + 1; j < n_plans; j++)
                plans[j].model == TCO_MODEL_UCAAS ? n_u++ : n_c++;
            tco_diag_add(diags, TCO_EDATA, t->path, plans[k].line, (unsigned)col[COL_PLAN] + 1,
                         "plan: expected at most %d options in one run (UCaaS plans, CPaaS plans "
                         "and a hybrid for each UCaaS x CPaaS pair), got %zu from %zu UCaaS and "
                         "%zu CPaaS plans%s; %s/%s is the first past the limit (compare fewer "
                         "plans at a time)",
                         TCO_MAX_OPTIONS, tco_option_count(n_u, n_c), n_u, n_c,
                         p->n_plans ? " with the sheets before" : "", plans[k].vendor,
                         plans[k].plan);
            break;
        }
    }

    /* Tiers of each (plan, item). */
    slot_ctx ctx = {rows, p->n_values};
    sheet_row **group = tco_xcalloc(t->n_rows, sizeof *group);
    for (size_t k = 0; k < n_plans; k++) {
        char *plan_name = tco_xasprintf("%s/%s", plans[k].vendor, plans[k].plan);
        for (size_t item = 0; item < TCO_N_ITEMS; item++) {
            size_t n = 0;
            for (size_t r = 0; r < t->n_rows; r++)
                if (row_ok[r] && plan_of[r] == k && rows[r].item == item)
                    group[n++] = &rows[r];
            if (n)
                build_item(t, group, n, plan_name, &plans[k].items[item], slot_of_row, &ctx,
                           diags);
        }
        free(plan_name);
    }
    free(group);

    bool ok = diags->n_added == errors_before;
    if (ok) {
        p->values = tco_xreallocarray(p->values, p->n_values + t->n_rows, sizeof *p->values);
        for (size_t r = 0; r < t->n_rows; r++)
            p->values[p->n_values + r] = rows[r].price;
        p->n_values += t->n_rows;
        p->plans = tco_xreallocarray(p->plans, p->n_plans + n_plans, sizeof *p->plans);
        memcpy(p->plans + p->n_plans, plans, n_plans * sizeof *plans);
        p->n_plans += n_plans;
        p->sheets = tco_xreallocarray(p->sheets, p->n_sheets + 1, sizeof *p->sheets);
        tco_sheet_info *info = &p->sheets[p->n_sheets++];
        info->path = tco_xstrdup(t->path);
        info->stem = file_stem(t->path);
        info->currency = NULL;
        if (currency) {
            info->currency = tco_xstrdup(currency);
            for (char *c = info->currency; *c; c++)
                *c = (char)toupper((unsigned char)*c);
        }
    } else {
        for (size_t k = 0; k < n_plans; k++)
            plan_fini(&plans[k]);
    }
    free(plans);
    free(plan_of);
    free(row_ok);
    free(rows);
    return ok ? TCO_OK : TCO_EDATA;
}

tco_status tco_prices_load(tco_prices *p, const char *path, tco_diag_list *diags)
{
    tco_csv_table t;
    tco_csv_table_init(&t);
    tco_status st = tco_csv_load(path, &t, diags);
    if (st == TCO_OK || (st == TCO_EDATA && t.header.n_fields > 0)) {
        tco_status st2 = tco_prices_add_sheet(p, &t, diags);
        if (st == TCO_OK)
            st = st2;
    }
    tco_csv_table_fini(&t);
    return st;
}

/* The identical price cells of plan b and of plan a, the same (vendor, plan) in an earlier
 * sheet: same item, same tier bounds, same distribution and parameters. b's cell takes the
 * draw of a's (of the cell a's took its draw from, so chains of sheets share one draw). */
static void pair_identical_cells(tco_prices *p, const tco_plan *a, const tco_plan *b)
{
    for (size_t item = 0; item < TCO_N_ITEMS; item++) {
        const tco_item_price *ia = &a->items[item], *ib = &b->items[item];
        for (size_t tb = 0; tb < ib->n_tiers; tb++)
            for (size_t ta = 0; ta < ia->n_tiers; ta++) {
                const tco_tier *x = &ia->tiers[ta], *y = &ib->tiers[tb];
                const tco_value *vx = &p->values[x->price], *vy = &p->values[y->price];
                if (x->lo == y->lo && x->hi == y->hi && vx->dist == vy->dist &&
                    vx->a == vy->a && vx->b == vy->b && vx->c == vy->c) {
                    p->draw_from[y->price] = p->draw_from[x->price];
                    break;
                }
            }
    }
}

tco_status tco_prices_finish(tco_prices *p, tco_diag_list *diags)
{
    free(p->draw_from);
    p->draw_from = tco_xcalloc(p->n_values + 1, sizeof *p->draw_from);
    for (size_t i = 0; i < p->n_values; i++)
        p->draw_from[i] = i;
    /* plans are in sheet order, so an earlier sheet's cells are final when a later one looks */
    for (size_t j = 0; j < p->n_plans; j++) {
        const tco_plan *b = &p->plans[j], *a = NULL;
        for (size_t i = 0; i < j; i++)
            if (p->plans[i].sheet < b->sheet && strcmp(p->plans[i].vendor, b->vendor) == 0 &&
                strcmp(p->plans[i].plan, b->plan) == 0)
                a = &p->plans[i]; /* the latest earlier sheet's */
        if (a)
            pair_identical_cells(p, a, b);
    }
    tco_status st = TCO_OK;
    for (size_t i = 0; i < p->n_plans; i++) {
        tco_plan *a = &p->plans[i];
        bool shared = false;
        for (size_t j = 0; j < p->n_plans; j++) {
            const tco_plan *b = &p->plans[j];
            if (j == i || strcmp(a->vendor, b->vendor) != 0 || strcmp(a->plan, b->plan) != 0)
                continue;
            shared = true;
            if (j > i && strcmp(p->sheets[a->sheet].stem, p->sheets[b->sheet].stem) == 0) {
                tco_diag_add(diags, TCO_EDATA, p->sheets[b->sheet].path, b->line, 0,
                             "plan: expected %s/%s to be defined by sheets with different file "
                             "names, got it in %s too (rename one sheet: option names use the "
                             "file name)",
                             b->vendor, b->plan, p->sheets[a->sheet].path);
                st = TCO_EDATA;
            }
        }
        free(a->name);
        a->name = shared ? tco_xasprintf("%s/%s@%s", a->vendor, a->plan, p->sheets[a->sheet].stem)
                         : tco_xasprintf("%s/%s", a->vendor, a->plan);
    }
    return st;
}

static void draw_cell(const tco_prices *p, size_t i, gsl_rng *r, double *out)
{
    const tco_value *v = &p->values[i];
    if (p->draw_from && p->draw_from[i] != i) {
        out[i] = out[p->draw_from[i]]; /* draw_from[i] < i: already drawn */
        return;
    }
    if (v->dist == TCO_DIST_CONST) {
        out[i] = v->a;
        return;
    }
    double x = tco_value_draw(v, r);
    out[i] = x < 0 ? 0 : x > PRICE_MAX ? PRICE_MAX : x;
}

void tco_prices_draw(const tco_prices *p, gsl_rng *r, double *out)
{
    for (size_t i = 0; i < p->n_values; i++)
        draw_cell(p, i, r, out);
}

void tco_prices_draw_plan(const tco_prices *p, size_t plan, gsl_rng *r, double *out)
{
    const tco_plan *pl = &p->plans[plan];
    for (size_t item = 0; item < TCO_N_ITEMS; item++)
        for (size_t t = 0; t < pl->items[item].n_tiers; t++)
            draw_cell(p, pl->items[item].tiers[t].price, r, out);
}

size_t tco_option_count(size_t n_ucaas, size_t n_cpaas)
{
    return n_ucaas + n_cpaas + n_ucaas * n_cpaas;
}

size_t tco_prices_option_count(const tco_prices *p)
{
    size_t n_u = 0, n_c = 0;
    for (size_t i = 0; i < p->n_plans; i++)
        p->plans[i].model == TCO_MODEL_UCAAS ? n_u++ : n_c++;
    return tco_option_count(n_u, n_c);
}
