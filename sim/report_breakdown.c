/* SPDX-License-Identifier: MIT */
/* report_breakdown: breakdown.csv, its JSON rows and its table lines (tco/report_breakdown.h). */
#include "tco/report_breakdown.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "tco/cost.h"
#include "tco/table_csv.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

enum {
    BREAKDOWN_FILE, BREAKDOWN_SCENARIO, BREAKDOWN_OPTION, BREAKDOWN_COMPONENT, BREAKDOWN_MEAN,
    BREAKDOWN_SHARE, N_BREAKDOWN
};
static const tco_column BREAKDOWN_COLUMNS[N_BREAKDOWN] = {
    [BREAKDOWN_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [BREAKDOWN_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [BREAKDOWN_OPTION] = {"option", TCO_COLUMN_TEXT, true},
    [BREAKDOWN_COMPONENT] = {"component", TCO_COLUMN_TEXT, false},
    [BREAKDOWN_MEAN] = {"mean", TCO_COLUMN_REAL, false},
    [BREAKDOWN_SHARE] = {"share", TCO_COLUMN_REAL, false},
};
static const tco_table_spec BREAKDOWN_SPEC = {"breakdown", "breakdown", BREAKDOWN_COLUMNS,
                                              N_BREAKDOWN, NULL, 0};

/* An option with trials whose breakdown can be shown. */
static bool has_breakdown(const tco_result *r, size_t o)
{
    return r->options.items[o].offered && r->per_option[o].tco.n > 0;
}

/* The mean of component c of option o over the run's trials. */
static double component_mean(const tco_option_result *res, tco_component c)
{
    return res->component_sum[c] / (double)res->tco.n;
}

/* Adds the rows of one scenario: its offered options in option order. */
static void breakdown_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    for (size_t o = 0; o < r->options.n; o++) {
        if (!has_breakdown(r, o))
            continue;
        const tco_option_result *res = &r->per_option[o];
        for (int c = 0; c < TCO_N_COMPONENTS; c++) {
            if (res->component_sum[c] == 0)
                continue; /* zero in every trial (SPEC §8.2 lets it be left out) */
            const double mean = component_mean(res, (tco_component)c);
            tco_table_text(t, item->file);
            tco_table_text(t, r->scenario->name);
            tco_table_text(t, r->options.items[o].name);
            tco_table_text(t, tco_component_name((tco_component)c));
            tco_table_real(t, mean);
            tco_table_real(t, res->tco.mean != 0 ? mean / res->tco.mean : NAN);
            tco_table_end_row(t);
        }
    }
}

tco_table *tco_report_breakdown_table(const tco_report_item *items, size_t n)
{
    tco_table *t = tco_table_alloc(&BREAKDOWN_SPEC);
    for (size_t i = 0; i < n; i++)
        breakdown_rows(t, &items[i]);
    return t;
}

int tco_report_breakdown_csv(FILE *out, const tco_report_item *items, size_t n)
{
    /* one scenario's rows at a time */
    tco_table *t = tco_table_alloc(&BREAKDOWN_SPEC);
    int rc = tco_table_csv_header(out, &BREAKDOWN_SPEC);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        breakdown_rows(t, &items[i]);
        rc = tco_table_csv_rows(out, t);
        tco_table_clear(t);
    }
    tco_table_free(t);
    return rc;
}

/* ---- the table report ------------------------------------------------------------------- */

/* The groups of the table line, each a set of components. */
enum { N_GROUPS = 5 };
static const char *const GROUP_NAMES[N_GROUPS] = {"seats", "usage", "fixed fees", "labor",
                                                  "delay"};

static int group_of(tco_component c)
{
    switch (c) {
    case TCO_COMPONENT_SEAT:
    case TCO_COMPONENT_STAFF_COST: return 0;
    case TCO_COMPONENT_SMS:
    case TCO_COMPONENT_VOICE:
    case TCO_COMPONENT_API: return 1;
    case TCO_COMPONENT_NUMBER:
    case TCO_COMPONENT_PLATFORM:
    case TCO_COMPONENT_SETUP:
    case TCO_COMPONENT_MINIMUM: return 2;
    case TCO_COMPONENT_UCAAS_LABOR:
    case TCO_COMPONENT_CPAAS_LABOR: return 3;
    default: return 4;
    }
}

void tco_report_breakdown_lines(FILE *out, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    const tco_result *r = item->result;
    size_t n_offered;
    size_t *order = tco_report_rank(r, &n_offered);
    if (n_offered > 0)
        fputs("  where the money goes (share of the mean TCO; seats include cpaas_cost_per_seat):"
              "\n",
              out);
    for (size_t k = 0; k < n_offered && k < TCO_BREAKDOWN_TABLE_OPTIONS; k++) {
        const tco_option_result *res = &r->per_option[order[k]];
        double group[N_GROUPS] = {0};
        for (int c = 0; c < TCO_N_COMPONENTS; c++)
            group[group_of((tco_component)c)] += component_mean(res, (tco_component)c);
        fprintf(out, "    rank %zu:", k + 1);
        for (int g = 0; g < N_GROUPS; g++) {
            if (res->tco.mean != 0 && isfinite(res->tco.mean))
                fprintf(out, "%s %s %.1f%%", g ? "," : "", GROUP_NAMES[g],
                        100 * group[g] / res->tco.mean);
            else
                fprintf(out, "%s %s -", g ? "," : "", GROUP_NAMES[g]);
        }
        fputc('\n', out);
    }
    free(order);
}

/* ---- JSON --------------------------------------------------------------------------------- */

void tco_report_breakdown_json(void *scenario, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    json_t *opts = json_object_get(scenario, "options");
    if (!opts)
        return;
    /* per scenario: a file given twice makes two scenarios with the same keys */
    tco_table *t = tco_report_breakdown_table(item, 1);
    const tco_result *r = item->result;
    size_t cursor = 0;
    for (size_t o = 0; o < r->options.n; o++) {
        json_t *j = json_array_get(opts, o);
        if (!j || !has_breakdown(r, o))
            continue;
        const char *const keys[] = {item->file, r->scenario->name, r->options.items[o].name};
        tco_table_json_nest(j, t, keys, 3, &cursor);
    }
    tco_table_free(t);
}
