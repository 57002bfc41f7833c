/* SPDX-License-Identifier: MIT */
/* report_migration: the migration table and its sections (see tco/report_migration.h). */
#include "tco/report_migration.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tco/compare.h"
#include "tco/diag.h"
#include "tco/numfmt.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

enum {
    MIG_FILE, MIG_SCENARIO, MIG_OPTION, MIG_MONTH, MIG_MEAN,
    MIG_UCAAS, MIG_SAVING_UCAAS, MIG_SAVING_UCAAS_SE, MIG_P_UCAAS, MIG_P_UCAAS_SE,
    MIG_P_UCAAS_LO, MIG_P_UCAAS_HI,
    MIG_HYBRID, MIG_SAVING_HYBRID, MIG_SAVING_HYBRID_SE, MIG_P_HYBRID, MIG_P_HYBRID_SE,
    MIG_P_HYBRID_LO, MIG_P_HYBRID_HI,
    MIG_BEST, MIG_TRIALS, N_MIG
};
static const tco_column MIG_COLUMNS[N_MIG] = {
    [MIG_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [MIG_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [MIG_OPTION] = {"option", TCO_COLUMN_TEXT, false},
    [MIG_MONTH] = {"migrate_month", TCO_COLUMN_COUNT, false},
    [MIG_MEAN] = {"mean", TCO_COLUMN_REAL, false},
    [MIG_UCAAS] = {"ucaas_option", TCO_COLUMN_TEXT, false},
    [MIG_SAVING_UCAAS] = {"saving_vs_ucaas", TCO_COLUMN_REAL, false},
    [MIG_SAVING_UCAAS_SE] = {"saving_vs_ucaas_se", TCO_COLUMN_REAL, false},
    [MIG_P_UCAAS] = {"p_cheaper_than_ucaas", TCO_COLUMN_REAL, false},
    [MIG_P_UCAAS_SE] = {"p_cheaper_than_ucaas_se", TCO_COLUMN_REAL, false},
    [MIG_P_UCAAS_LO] = {"p_cheaper_than_ucaas_lo", TCO_COLUMN_REAL, false},
    [MIG_P_UCAAS_HI] = {"p_cheaper_than_ucaas_hi", TCO_COLUMN_REAL, false},
    [MIG_HYBRID] = {"hybrid_option", TCO_COLUMN_TEXT, false},
    [MIG_SAVING_HYBRID] = {"saving_vs_hybrid", TCO_COLUMN_REAL, false},
    [MIG_SAVING_HYBRID_SE] = {"saving_vs_hybrid_se", TCO_COLUMN_REAL, false},
    [MIG_P_HYBRID] = {"p_cheaper_than_hybrid", TCO_COLUMN_REAL, false},
    [MIG_P_HYBRID_SE] = {"p_cheaper_than_hybrid_se", TCO_COLUMN_REAL, false},
    [MIG_P_HYBRID_LO] = {"p_cheaper_than_hybrid_lo", TCO_COLUMN_REAL, false},
    [MIG_P_HYBRID_HI] = {"p_cheaper_than_hybrid_hi", TCO_COLUMN_REAL, false},
    [MIG_BEST] = {"best", TCO_COLUMN_FLAG, false},
    [MIG_TRIALS] = {"trials", TCO_COLUMN_COUNT, false},
};
static const tco_table_spec MIG_SPEC = {"migration", "migration", MIG_COLUMNS, N_MIG, NULL, 0};

/* ---- the table ------------------------------------------------------------------------- */

/* The migration option's comparison with `other`: the saving TCO_other - TCO_migration and
 * the share of trials in which the migration is cheaper. */
static void comparison_cells(tco_table *t, const tco_result *r, const tco_compare *c, size_t mig,
                             size_t other)
{
    tco_difference d = {0};
    const bool paired = other != SIZE_MAX && tco_compare_difference(c, mig, other, &d);
    tco_table_text(t, other != SIZE_MAX ? r->options.items[other].name : NULL);
    tco_table_real(t, paired ? d.mean : NAN);
    tco_table_real(t, paired ? d.mean_se : NAN);
    tco_table_real(t, paired ? d.p_cheaper : NAN);
    tco_table_real(t, paired ? d.p_cheaper_se : NAN);
    tco_table_real(t, paired ? d.p_cheaper_lo : NAN);
    tco_table_real(t, paired ? d.p_cheaper_hi : NAN);
}

/* The best migration of o's hybrid: the lowest mean TCO, the earlier month on a tie (options
 * of one hybrid are in ascending k). */
static bool is_best(const tco_result *r, size_t o)
{
    const tco_option *x = &r->options.items[o];
    const double mean = r->per_option[o].tco.mean;
    for (size_t j = 0; j < r->options.n; j++) {
        const tco_option *y = &r->options.items[j];
        if (j == o || !y->offered || y->kind != TCO_OPTION_MIGRATE ||
            y->ucaas_plan != x->ucaas_plan || y->cpaas_plan != x->cpaas_plan)
            continue;
        const double other = r->per_option[j].tco.mean;
        if (other < mean || (other == mean && j < o))
            return false;
    }
    return true;
}

static void migration_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    const tco_compare *c = tco_compare_find(r);
    if (!c)
        return;
    for (size_t o = 0; o < r->options.n; o++) {
        const tco_option *opt = &r->options.items[o];
        if (opt->kind != TCO_OPTION_MIGRATE || !opt->offered)
            continue;
        const size_t u = tco_options_find(&r->options, TCO_OPTION_UCAAS, opt->ucaas_plan, -1, 0);
        const size_t h = tco_options_find(&r->options, TCO_OPTION_HYBRID, opt->ucaas_plan,
                                          opt->cpaas_plan, 0);
        tco_table_text(t, item->file);
        tco_table_text(t, r->scenario->name);
        tco_table_text(t, opt->name);
        tco_table_count(t, (uint64_t)opt->migrate_month);
        tco_table_real(t, r->per_option[o].tco.mean);
        comparison_cells(t, r, c, o, u);
        comparison_cells(t, r, c, o, h);
        tco_table_flag(t, is_best(r, o));
        tco_table_count(t, r->per_option[o].tco.n);
        tco_table_end_row(t);
    }
}

tco_table *tco_report_migration_table(const tco_report_item *items, size_t n)
{
    return tco_report_whole_table(&MIG_SPEC, items, n, migration_rows);
}

/* ---- the table report ------------------------------------------------------------------ */

static double real_of(const tco_table *t, size_t row, int col)
{
    return tco_table_cell(t, row, (size_t)col).real;
}

/* Money for a column: whole dollars from $100 on (the errors of a TCO's mean are dollars, not
 * cents), with a sign for a saving. */
static void money_cell(char *buf, size_t size, double x, double scale, bool sign)
{
    char m[48];
    if (!(fabs(scale) >= 100 && fabs(x) < 1e12)) { /* cents, or the huge and the non-finite */
        tco_numfmt_money(m, sizeof m, x);
        snprintf(buf, size, "%s%s", sign && x > 0 ? "+" : "", m);
        return;
    }
    const double whole = round(x);
    tco_numfmt_amount(m, sizeof m, fabs(whole));
    snprintf(buf, size, "%s$%s", whole < 0 ? "-" : sign && whole > 0 ? "+" : "", m);
}

/* "+$6,413 ± $12 (97.1% ± 0.4%)": the mean saving against one option, its error, and the
 * share of trials in which the migration is cheaper; "-" when they were not compared. */
static void against_cell(char *buf, size_t size, const tco_table *t, size_t row, int first)
{
    const double mean = real_of(t, row, first + 1);
    if (isnan(mean)) {
        snprintf(buf, size, "-");
        return;
    }
    char m[64], e[64], share[32];
    money_cell(m, sizeof m, mean, mean, true);
    money_cell(e, sizeof e, real_of(t, row, first + 2), mean, false);
    tco_numfmt_share_words(share, sizeof share, real_of(t, row, first + 3),
                           real_of(t, row, first + 4),
                           (double)tco_table_cell(t, row, MIG_TRIALS).count);
    snprintf(buf, size, "%s ± %s (%s)", m, e, share);
}

enum { W_MONTH = 5, W_MEAN = 11, W_AGAINST = 32 };

void tco_report_migration_text(FILE *out, const tco_report_item *item, const tco_table *t)
{
    const char *const keys[] = {item->file, item->result->scenario->name};
    size_t n = 0;
    const size_t first = tco_table_find_run(t, keys, 2, 0, &n);
    if (n == 0)
        return;
    const size_t width = tco_report_line_width();
    tco_report_print_wrapped(out,
                             "migrations (SPEC §12.2: ucaas:U in months 1 to k-1, hybrid:U+C "
                             "from month k on): mean saving (TCO of the other option - TCO of "
                             "the migration) ± standard error, and the share of trials in which "
                             "the migration is cheaper:",
                             2, width);
    const char *hybrid = NULL;
    for (size_t row = first; row < first + n; row++) {
        const char *h = tco_table_cell(t, row, MIG_HYBRID).text;
        if (!hybrid || !h || strcmp(h, hybrid) != 0) { /* the rows of one hybrid follow */
            hybrid = h;
            char *name = tco_diag_printable(h ? h : "");
            char *heading = tco_xasprintf("to %s in month k:", name);
            tco_report_print_wrapped(out, heading, 4, width);
            free(heading);
            free(name);
            fprintf(out, "    ");
            tco_report_pad(out, "k", W_MONTH, true);
            fputs("  ", out);
            tco_report_pad(out, "mean TCO", W_MEAN, true);
            fputs("  ", out);
            tco_report_pad(out, "vs staying on UCaaS", W_AGAINST, false);
            fputs("  vs moving at once\n", out);
        }
        char k[24], mean[64], stay[160], now[160];
        snprintf(k, sizeof k, "%llu",
                 (unsigned long long)tco_table_cell(t, row, MIG_MONTH).count);
        const double m = real_of(t, row, MIG_MEAN);
        money_cell(mean, sizeof mean, m, m, false);
        against_cell(stay, sizeof stay, t, row, MIG_UCAAS);
        against_cell(now, sizeof now, t, row, MIG_HYBRID);
        fprintf(out, "    ");
        tco_report_pad(out, k, W_MONTH, true);
        fputs("  ", out);
        tco_report_pad(out, mean, W_MEAN, true);
        fputs("  ", out);
        tco_report_pad(out, stay, W_AGAINST, false);
        fprintf(out, "  %s%s\n", now, tco_table_cell(t, row, MIG_BEST).count ? "  best" : "");
    }
}

/* ---- JSON ------------------------------------------------------------------------------ */

void tco_report_migration_json(void *scenario, const tco_report_item *item, const tco_table *t)
{
    const char *const keys[] = {item->file, item->result->scenario->name};
    size_t n = 0;
    tco_table_find_run(t, keys, 2, 0, &n);
    if (n == 0)
        return;
    size_t cursor = 0;
    tco_table_json_nest(scenario, t, keys, 2, &cursor);
}
