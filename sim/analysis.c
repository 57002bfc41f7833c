/* SPDX-License-Identifier: MIT */
/* analysis: the registry of run's analyses and a run's outputs made once (tco/analysis.h). */
#include "tco/analysis.h"

#include <stdlib.h>

#include "tco/breakeven.h"
#include "tco/cli.h"
#include "tco/compare.h"
#include "tco/report_breakdown.h"
#include "tco/report_breakeven.h"
#include "tco/report_compare.h"
#include "tco/report_sensitivity.h"
#include "tco/sensitivity.h"
#include "tco/report_migration.h"
#include "tco/sheet_diff.h"
#include "tco/table_csv.h"
#include "tco/table_xlsx.h"
#include "tco/xalloc.h"

/* ---- the engine's own statistics: summary, monthly, histogram ------------------------------ */

static tco_table *make_summary(const tco_report_item *items, size_t n, const void *shared)
{
    (void)shared;
    return tco_report_summary_table(items, n);
}

static tco_table *make_monthly(const tco_report_item *items, size_t n, const void *shared)
{
    (void)shared;
    return tco_report_monthly_table(items, n);
}

static tco_table *make_histogram(const tco_report_item *items, size_t n, const void *shared)
{
    (void)shared;
    return tco_report_histogram_table(items, n);
}

static tco_table *make_breakdown(const tco_report_item *items, size_t n, const void *shared)
{
    (void)shared;
    return tco_report_breakdown_table(items, n);
}

static const tco_analysis_table ENGINE_TABLES[] = {
    {"summary.csv", make_summary}, {"monthly.csv", make_monthly},
    {"histogram.csv", make_histogram}, {"breakdown.csv", make_breakdown}};

/* Where the money goes (SPEC §8.2), under the ranking. */
static void engine_text_after(FILE *fp, const tco_scenario_outputs *out, size_t t,
                              const void *shared)
{
    (void)t, (void)shared;
    tco_report_breakdown_lines(fp, out->item, NULL);
}

/* The option objects of the JSON: the rows of the summary, monthly and histogram tables, and
 * each option's breakdown. */
static void engine_json(void *scenario, const tco_scenario_outputs *out, size_t t,
                        const void *shared)
{
    (void)shared;
    tco_report_options_json(scenario, out->item, out->tables[t], out->tables[t + 1],
                            out->tables[t + 2]);
    tco_report_breakdown_json(scenario, out->item, NULL);
}

/* ---- compare: pairwise, the sheet diff, the verdict ------------------------------------------ */

/* The sheet diff, made once per scenario for diff.csv, the JSON and the table report. */
static void *compare_prepare(const tco_report_item *item)
{
    const tco_compare *c = tco_compare_find(item->result);
    if (!c)
        return NULL;
    tco_sheet_diff *sd = tco_xcalloc(1, sizeof *sd);
    tco_sheet_diff_build(sd, tco_compare_prices(c), &item->result->options);
    return sd;
}

static void compare_release(void *shared)
{
    tco_sheet_diff_fini(shared);
    free(shared);
}

static tco_table *make_pairwise(const tco_report_item *items, size_t n, const void *shared)
{
    (void)shared;
    return tco_report_pairwise_table(items, n);
}

static tco_table *make_diff(const tco_report_item *items, size_t n, const void *shared)
{
    /* no compare summary (no shared sheet diff): no rows */
    return shared ? tco_report_diff_table_of(items, shared) : tco_report_diff_table(items, n);
}

static const tco_analysis_table COMPARE_TABLES[] = {{"pairwise.csv", make_pairwise},
                                                    {"diff.csv", make_diff}};

static void compare_text_before(FILE *fp, const tco_scenario_outputs *out, size_t t,
                                const void *shared)
{
    (void)t, (void)shared;
    tco_report_compare_table_before(fp, out->item, NULL);
}

static void compare_text_after(FILE *fp, const tco_scenario_outputs *out, size_t t,
                               const void *shared)
{
    (void)t;
    if (shared)
        tco_report_compare_text_after(fp, out->item, shared);
}

static void compare_json(void *scenario, const tco_scenario_outputs *out, size_t t,
                         const void *shared)
{
    (void)shared;
    tco_report_compare_json_tables(scenario, out->item, out->tables[t], out->tables[t + 1]);
}

static tco_observer compare_observer(const tco_prices *prices)
{
    return tco_compare_observer(prices);
}

/* ---- breakeven: per seat against per transaction ------------------------------------------- */

static tco_table *make_breakeven(const tco_report_item *items, size_t n, const void *shared)
{
    (void)shared;
    return tco_report_breakeven_pairs_table(items, n);
}

static const tco_analysis_table BREAKEVEN_TABLES[] = {{"breakeven.csv", make_breakeven}};

static void breakeven_text_after(FILE *fp, const tco_scenario_outputs *out, size_t t,
                                 const void *shared)
{
    (void)t, (void)shared;
    tco_report_breakeven_table(fp, out->item, NULL);
}

static void breakeven_json(void *scenario, const tco_scenario_outputs *out, size_t t,
                           const void *shared)
{
    (void)shared;
    tco_report_breakeven_json_table(scenario, out->item, out->tables[t]);
}

static tco_observer breakeven_observer(const tco_prices *prices)
{
    (void)prices;
    return tco_breakeven_observer();
}

/* ---- sensitivity: what drives the decision (SPEC §10) -------------------------------------- */

static tco_table *make_sensitivity(const tco_report_item *items, size_t n, const void *shared)
{
    (void)shared;
    return tco_report_sensitivity_table(items, n);
}

static const tco_analysis_table SENSITIVITY_TABLES[] = {{"sensitivity.csv", make_sensitivity}};

static void sensitivity_text_after(FILE *fp, const tco_scenario_outputs *out, size_t t,
                                   const void *shared)
{
    (void)t, (void)shared;
    tco_report_sensitivity_lines(fp, out->item, NULL);
}

static void sensitivity_json(void *scenario, const tco_scenario_outputs *out, size_t t,
                             const void *shared)
{
    (void)shared;
    tco_report_sensitivity_json(scenario, out->item, out->tables[t]);
}

static tco_observer sensitivity_observer(const tco_prices *prices)
{
    return tco_sensitivity_observer(prices);
}

/* ---- migrations (SPEC §12.2): against staying and against moving at once ------------------ */

/* The migration table, made once per scenario from compare's pairs (NULL without them) for
 * the table report and the JSON; not a file of --out: pairwise.csv has its figures. */
static void *migration_prepare(const tco_report_item *item)
{
    if (!tco_compare_find(item->result))
        return NULL;
    return tco_report_migration_table(item, 1);
}

static void migration_release(void *shared)
{
    tco_table_free(shared);
}

static void migration_text_after(FILE *fp, const tco_scenario_outputs *out, size_t t,
                                 const void *shared)
{
    (void)t;
    if (shared)
        tco_report_migration_text(fp, out->item, shared);
}

static void migration_json(void *scenario, const tco_scenario_outputs *out, size_t t,
                           const void *shared)
{
    (void)t;
    if (shared)
        tco_report_migration_json(scenario, out->item, shared);
}

/* ---- the registry ------------------------------------------------------------------------ */

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const tco_analysis ANALYSES[] = {
    {NULL, 0, false, NULL, NULL, NULL, ENGINE_TABLES, N_OF(ENGINE_TABLES), NULL,
     engine_text_after, engine_json},
    {"compare", TCO_SKIP_COMPARE, true, compare_observer, compare_prepare, compare_release,
     COMPARE_TABLES, N_OF(COMPARE_TABLES), compare_text_before, compare_text_after,
     compare_json},
    {"breakeven", TCO_SKIP_BREAKEVEN, false, breakeven_observer, NULL, NULL, BREAKEVEN_TABLES,
     N_OF(BREAKEVEN_TABLES), NULL, breakeven_text_after, breakeven_json},
    /* reads compare's pairs: skipped with it (no pairs, no section) */
    {NULL, 0, false, NULL, migration_prepare, migration_release, NULL, 0, NULL,
     migration_text_after, migration_json},
    /* pairs: it keeps the moments of every pair's difference */
    {"sensitivity", TCO_SKIP_SENSITIVITY, true, sensitivity_observer, NULL, NULL,
     SENSITIVITY_TABLES, N_OF(SENSITIVITY_TABLES), NULL, sensitivity_text_after,
     sensitivity_json},
};
enum { N_ANALYSES = N_OF(ANALYSES) };

const tco_analysis *tco_analyses(size_t *n)
{
    *n = N_ANALYSES;
    return ANALYSES;
}

bool tco_analysis_enabled(const tco_analysis *a, unsigned skip)
{
    return !(a->skip_bit & skip);
}

bool tco_analyses_pairs(unsigned skip)
{
    for (size_t k = 0; k < N_ANALYSES; k++)
        if (ANALYSES[k].pairs && tco_analysis_enabled(&ANALYSES[k], skip))
            return true;
    return false;
}

size_t tco_analyses_observers(const tco_prices *prices, unsigned skip, tco_observer *observers)
{
    size_t n = 0;
    for (size_t k = 0; k < N_ANALYSES; k++)
        if (ANALYSES[k].observer && tco_analysis_enabled(&ANALYSES[k], skip))
            observers[n++] = ANALYSES[k].observer(prices);
    return n;
}

size_t tco_analyses_n_tables(void)
{
    size_t n = 0;
    for (size_t k = 0; k < N_ANALYSES; k++)
        n += ANALYSES[k].n_tables;
    return n;
}

/* The analysis of table slot t, and the table's index in it. */
static const tco_analysis *analysis_of(size_t t, size_t *index)
{
    for (size_t k = 0; k < N_ANALYSES; k++) {
        if (t < ANALYSES[k].n_tables) {
            *index = t;
            return &ANALYSES[k];
        }
        t -= ANALYSES[k].n_tables;
    }
    abort(); /* a slot past the registry's tables: a programming error */
}

const char *tco_analysis_table_file(size_t t)
{
    size_t i;
    return analysis_of(t, &i)->tables[i].file;
}

bool tco_analysis_table_enabled(size_t t, unsigned skip)
{
    size_t i;
    return tco_analysis_enabled(analysis_of(t, &i), skip);
}

/* ---- one run's outputs ------------------------------------------------------------------- */

void tco_run_outputs_make(tco_run_outputs *out, const tco_report_item *items, size_t n,
                          unsigned skip)
{
    const size_t n_tables = tco_analyses_n_tables();
    *out = (tco_run_outputs){items, n, skip, tco_xcalloc(n + 1, sizeof *out->scenarios)};
    for (size_t i = 0; i < n; i++) {
        tco_scenario_outputs *s = &out->scenarios[i];
        s->item = &items[i];
        s->tables = tco_xcalloc(n_tables, sizeof *s->tables);
        s->shared = tco_xcalloc(N_ANALYSES, sizeof *s->shared);
        size_t t = 0;
        for (size_t k = 0; k < N_ANALYSES; k++) {
            const tco_analysis *a = &ANALYSES[k];
            if (tco_analysis_enabled(a, skip)) {
                s->shared[k] = a->prepare ? a->prepare(&items[i]) : NULL;
                for (size_t j = 0; j < a->n_tables; j++)
                    s->tables[t + j] = a->tables[j].make(&items[i], 1, s->shared[k]);
            }
            t += a->n_tables;
        }
    }
}

void tco_run_outputs_fini(tco_run_outputs *out)
{
    const size_t n_tables = tco_analyses_n_tables();
    for (size_t i = 0; i < out->n_items; i++) {
        tco_scenario_outputs *s = &out->scenarios[i];
        for (size_t t = 0; t < n_tables; t++)
            tco_table_free(s->tables[t]);
        for (size_t k = 0; k < N_ANALYSES; k++)
            if (s->shared[k])
                ANALYSES[k].release(s->shared[k]);
        free(s->tables);
        free(s->shared);
    }
    free(out->scenarios);
    out->scenarios = NULL;
}

int tco_run_outputs_csv(FILE *fp, const tco_run_outputs *out, size_t t)
{
    size_t j;
    const tco_analysis *a = analysis_of(t, &j);
    /* the header from an empty table: a run of no scenario still has it */
    tco_table *empty = a->tables[j].make(NULL, 0, NULL);
    int rc = tco_table_csv_header(fp, tco_table_get_spec(empty));
    tco_table_free(empty);
    for (size_t i = 0; rc == 0 && i < out->n_items; i++)
        rc = tco_table_csv_rows(fp, out->scenarios[i].tables[t]);
    return rc;
}

/* The slot of the table written to `file`, or n_tables. */
static size_t slot_of(const char *file)
{
    const size_t n = tco_analyses_n_tables();
    for (size_t t = 0; t < n; t++)
        if (strcmp(tco_analysis_table_file(t), file) == 0)
            return t;
    return n;
}

/* The options a workbook's distribution and fan charts show (the leading ones). */
enum { XLSX_TOP_OPTIONS = 3 };

/* The tornado of SPEC §10 under a scenario's charts, when its sensitivity was computed. */
static void tornado_chart(tco_xlsx *x, const tco_report_item *item)
{
    tco_tornado t;
    if (tco_report_tornado(item, TCO_TORNADO_CHART_INPUTS, &t) > 0)
        tco_xlsx_tornado(x, item->result->scenario->name, t.inputs, t.low, t.high, t.n, t.mean);
}

int tco_run_outputs_xlsx(FILE *fp, const tco_run_outputs *out, const size_t *slots,
                         size_t n_slots, const char *dir)
{
    tco_xlsx *x = tco_xlsx_open(dir, TCO_XLSX_MAX_ROWS);
    if (!x)
        return -1;
    tco_table **empty = tco_xcalloc(n_slots + 1, sizeof *empty);
    for (size_t k = 0; k < n_slots; k++) {
        size_t j;
        const tco_analysis *a = analysis_of(slots[k], &j);
        empty[k] = a->tables[j].make(NULL, 0, NULL); /* its spec, for a run of no scenario */
        tco_xlsx_sheet(x, tco_table_get_spec(empty[k]));
        for (size_t i = 0; i < out->n_items; i++)
            tco_xlsx_rows(x, out->scenarios[i].tables[slots[k]]);
    }
    const size_t n_tables = tco_analyses_n_tables();
    const size_t summary = TCO_TABLE_SUMMARY, histogram = slot_of("histogram.csv"),
                 monthly = slot_of("monthly.csv");
    for (size_t i = 0; i < out->n_items; i++) {
        tco_table *const *t = out->scenarios[i].tables;
        const tco_report_item *item = &out->items[i];
        char *heading = tco_xasprintf("%s (%s)", item->result->scenario->name, item->file);
        tco_xlsx_charts(x, heading, item->result->scenario->name, t[summary], histogram < n_tables ? t[histogram] : NULL,
                        monthly < n_tables ? t[monthly] : NULL, XLSX_TOP_OPTIONS);
        free(heading);
        tornado_chart(x, item);
    }
    int rc = tco_xlsx_finish(x, fp);
    for (size_t k = 0; k < n_slots; k++)
        tco_table_free(empty[k]);
    free(empty);
    return rc;
}

/* A section of the report for analysis k: the registry's callbacks reached through
 * tco_report_section, which passes the item (one of out->items) and this as its ctx. */
typedef struct section_ctx {
    const tco_run_outputs *out;
    size_t analysis;
    size_t first_table;
} section_ctx;

static const tco_scenario_outputs *scenario_of(const section_ctx *c, const tco_report_item *item)
{
    return &c->out->scenarios[item - c->out->items];
}

static void section_text_before(FILE *fp, const tco_report_item *item, void *ctx)
{
    const section_ctx *c = ctx;
    const tco_scenario_outputs *s = scenario_of(c, item);
    ANALYSES[c->analysis].text_before(fp, s, c->first_table, s->shared[c->analysis]);
}

static void section_text_after(FILE *fp, const tco_report_item *item, void *ctx)
{
    const section_ctx *c = ctx;
    const tco_scenario_outputs *s = scenario_of(c, item);
    ANALYSES[c->analysis].text_after(fp, s, c->first_table, s->shared[c->analysis]);
}

static void section_json(void *scenario, const tco_report_item *item, void *ctx)
{
    const section_ctx *c = ctx;
    const tco_scenario_outputs *s = scenario_of(c, item);
    ANALYSES[c->analysis].json(scenario, s, c->first_table, s->shared[c->analysis]);
}

/* The report sections of the analyses that run, in registry order; returns how many. */
static size_t sections(const tco_run_outputs *out, section_ctx ctx[N_ANALYSES],
                       tco_report_section section[N_ANALYSES])
{
    size_t n = 0, t = 0;
    for (size_t k = 0; k < N_ANALYSES; k++) {
        const tco_analysis *a = &ANALYSES[k];
        if (tco_analysis_enabled(a, out->skip)) {
            ctx[n] = (section_ctx){out, k, t};
            section[n] = (tco_report_section){a->text_before ? section_text_before : NULL,
                                              a->text_after ? section_text_after : NULL,
                                              a->json ? section_json : NULL, &ctx[n]};
            n++;
        }
        t += a->n_tables;
    }
    return n;
}

int tco_run_outputs_text(FILE *fp, const tco_run_outputs *out)
{
    section_ctx ctx[N_ANALYSES];
    tco_report_section section[N_ANALYSES];
    const size_t n = sections(out, ctx, section);
    return tco_report_table_sections(fp, out->items, out->n_items, section, n);
}

int tco_run_outputs_json(FILE *fp, const tco_run_outputs *out, const tco_diag_list *errors)
{
    section_ctx ctx[N_ANALYSES];
    tco_report_section section[N_ANALYSES];
    const size_t n = sections(out, ctx, section);
    return tco_report_json_sections(fp, out->items, out->n_items, errors, section, n);
}
