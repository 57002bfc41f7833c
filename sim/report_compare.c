/* SPDX-License-Identifier: MIT */
/* report_compare: pairwise.csv, diff.csv, the verdict, the matrix and the sheet diff of the
 * table, and the JSON members (see tco/report_compare.h). Computes nothing: counts, means and
 * quantiles come from compare, p_cheapest from the engine.
 */
#include "tco/report_compare.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tco/csvwrite.h"
#include "tco/numfmt.h"
#include "tco/sheet_diff.h"
#include "tco/stats.h"
#include "tco/table_csv.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

/* The 90% interval of a paired difference. */
#define Q_LO 0.05
#define Q_HI 0.95
/* Options shown in the table's pairwise matrix (all of them are in pairwise.csv). */
#define MATRIX_MAX 6

/* ---- helpers --------------------------------------------------------------------------- */


/* "$1,234", "-$1,234", and with `sign` "+$1,234" for a positive amount. */
static void money(char *buf, size_t size, double x, bool sign)
{
    char m[48]; /* "$" and 309 digits never happen: costs are capped far below 1e30 */
    tco_numfmt_money(m, sizeof m, x);
    snprintf(buf, size, "%s%s", sign && x > 0 ? "+" : "", m);
}

/* "$12,000–$88,500", or "-$3,000 to $8,000" when a bound is negative. */
static void interval(char *buf, size_t size, double lo, double hi, bool sign)
{
    char a[64], b[64];
    money(a, sizeof a, lo, sign);
    money(b, sizeof b, hi, sign);
    snprintf(buf, size, lo < 0 || sign ? "%s to %s" : "%s–%s", a, b);
}

/* ---- pairwise.csv ---------------------------------------------------------------------- */

enum {
    PAIR_FILE, PAIR_SCENARIO, PAIR_OPTION, PAIR_VERSUS, PAIR_P_CHEAPER, PAIR_P_CHEAPER_SE,
    PAIR_P_CHEAPER_LO, PAIR_P_CHEAPER_HI, PAIR_P_TIE, PAIR_MEAN_SAVING, PAIR_MEAN_SAVING_SE,
    PAIR_SAVING_P05, PAIR_SAVING_P95, PAIR_TRIALS, PAIR_SAVING_P50, PAIR_P_TIE_LO, PAIR_P_TIE_HI,
    N_PAIR
};
static const tco_column PAIR_COLUMNS[N_PAIR] = {
    [PAIR_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [PAIR_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [PAIR_OPTION] = {"option", TCO_COLUMN_TEXT, false},
    [PAIR_VERSUS] = {"versus", TCO_COLUMN_TEXT, false},
    [PAIR_P_CHEAPER] = {"p_cheaper", TCO_COLUMN_REAL, false},
    [PAIR_P_CHEAPER_SE] = {"p_cheaper_se", TCO_COLUMN_REAL, false},
    [PAIR_P_CHEAPER_LO] = {"p_cheaper_lo", TCO_COLUMN_REAL, false},
    [PAIR_P_CHEAPER_HI] = {"p_cheaper_hi", TCO_COLUMN_REAL, false},
    [PAIR_P_TIE] = {"p_tie", TCO_COLUMN_REAL, false},
    [PAIR_MEAN_SAVING] = {"mean_saving", TCO_COLUMN_REAL, false},
    [PAIR_MEAN_SAVING_SE] = {"mean_saving_se", TCO_COLUMN_REAL, false},
    [PAIR_SAVING_P05] = {"saving_p05", TCO_COLUMN_REAL, false},
    [PAIR_SAVING_P95] = {"saving_p95", TCO_COLUMN_REAL, false},
    [PAIR_TRIALS] = {"trials", TCO_COLUMN_COUNT, false},
    [PAIR_SAVING_P50] = {"saving_p50", TCO_COLUMN_REAL, false},
    [PAIR_P_TIE_LO] = {"p_tie_lo", TCO_COLUMN_REAL, false},
    [PAIR_P_TIE_HI] = {"p_tie_hi", TCO_COLUMN_REAL, false},
};
/* The JSON members in the order the document has always had. */
static const size_t PAIR_JSON_ORDER[] = {
    PAIR_OPTION, PAIR_VERSUS, PAIR_P_CHEAPER, PAIR_P_CHEAPER_SE, PAIR_P_CHEAPER_LO,
    PAIR_P_CHEAPER_HI, PAIR_P_TIE, PAIR_P_TIE_LO, PAIR_P_TIE_HI, PAIR_MEAN_SAVING,
    PAIR_MEAN_SAVING_SE, PAIR_SAVING_P05, PAIR_SAVING_P50, PAIR_SAVING_P95, PAIR_TRIALS,
};
static const tco_table_spec PAIR_SPEC = {"pairwise", "pairwise", PAIR_COLUMNS, N_PAIR,
                                         PAIR_JSON_ORDER,
                                         sizeof PAIR_JSON_ORDER / sizeof PAIR_JSON_ORDER[0]};

/* Adds the pairwise rows of one scenario: every ordered pair with paired trials (none without
 * a compare summary). */
static void pairwise_rows(tco_table *t, const tco_report_item *item)
{
    const tco_result *r = item->result;
    const tco_compare *c = tco_compare_find(r);
    if (!c)
        return;
    for (size_t a = 0; a < r->options.n; a++)
        for (size_t b = 0; b < r->options.n; b++) {
            tco_difference d;
            if (!tco_compare_difference(c, a, b, &d))
                continue;
            tco_table_text(t, item->file);
            tco_table_text(t, r->scenario->name);
            tco_table_text(t, r->options.items[a].name);
            tco_table_text(t, r->options.items[b].name);
            tco_table_real(t, d.p_cheaper);
            tco_table_real(t, d.p_cheaper_se);
            tco_table_real(t, d.p_cheaper_lo);
            tco_table_real(t, d.p_cheaper_hi);
            tco_table_real(t, d.p_tie);
            tco_table_real(t, d.mean);
            tco_table_real(t, d.mean_se);
            tco_table_real(t, tco_compare_difference_quantile(c, a, b, Q_LO));
            tco_table_real(t, tco_compare_difference_quantile(c, a, b, Q_HI));
            tco_table_count(t, d.n);
            tco_table_real(t, tco_compare_difference_quantile(c, a, b, 0.5));
            double lo, hi;
            tco_proportion_interval95((double)d.n_tie, (double)d.n, &lo, &hi);
            tco_table_real(t, lo);
            tco_table_real(t, hi);
            tco_table_end_row(t);
        }
}

tco_table *tco_report_pairwise_table(const tco_report_item *items, size_t n)
{
    return tco_report_whole_table(&PAIR_SPEC, items, n, pairwise_rows);
}

int tco_report_pairwise_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return tco_report_csv_by_scenario(out, &PAIR_SPEC, items, n, pairwise_rows);
}

/* ---- diff.csv: a table (tco/table.h) ---------------------------------------------------- */

enum {
    DIFF_FILE, DIFF_SCENARIO, DIFF_OPTION_OLD, DIFF_OPTION_NEW, DIFF_CHANGE_MEAN, DIFF_CHANGE_P05,
    DIFF_CHANGE_P50, DIFF_CHANGE_P95, DIFF_CHANGE_MEAN_SE, DIFF_TRIALS, DIFF_CHANGED_PRICES,
    DIFF_PLAN, DIFF_SHEET_OLD, DIFF_SHEET_NEW, N_DIFF
};
static const tco_column DIFF_COLUMNS[N_DIFF] = {
    [DIFF_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [DIFF_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [DIFF_OPTION_OLD] = {"option_old", TCO_COLUMN_TEXT, false},
    [DIFF_OPTION_NEW] = {"option_new", TCO_COLUMN_TEXT, false},
    [DIFF_CHANGE_MEAN] = {"change_mean", TCO_COLUMN_REAL, false},
    [DIFF_CHANGE_P05] = {"change_p05", TCO_COLUMN_REAL, false},
    [DIFF_CHANGE_P50] = {"change_p50", TCO_COLUMN_REAL, false},
    [DIFF_CHANGE_P95] = {"change_p95", TCO_COLUMN_REAL, false},
    [DIFF_CHANGE_MEAN_SE] = {"change_mean_se", TCO_COLUMN_REAL, false},
    [DIFF_TRIALS] = {"trials", TCO_COLUMN_COUNT, false},
    [DIFF_CHANGED_PRICES] = {"changed_prices", TCO_COLUMN_TEXT_LIST, false},
    [DIFF_PLAN] = {"plan", TCO_COLUMN_TEXT, false},
    [DIFF_SHEET_OLD] = {"sheet_old", TCO_COLUMN_TEXT, false},
    [DIFF_SHEET_NEW] = {"sheet_new", TCO_COLUMN_TEXT, false},
};
/* The JSON members in the order the document has always had. */
static const size_t DIFF_JSON_ORDER[] = {
    DIFF_OPTION_OLD, DIFF_OPTION_NEW, DIFF_PLAN, DIFF_SHEET_OLD, DIFF_SHEET_NEW,
    DIFF_CHANGE_MEAN, DIFF_CHANGE_MEAN_SE, DIFF_CHANGE_P05, DIFF_CHANGE_P50, DIFF_CHANGE_P95,
    DIFF_TRIALS, DIFF_CHANGED_PRICES,
};
static const tco_table_spec DIFF_SPEC = {"diff", "sheet_diff", DIFF_COLUMNS, N_DIFF,
                                         DIFF_JSON_ORDER,
                                         sizeof DIFF_JSON_ORDER / sizeof DIFF_JSON_ORDER[0]};

/* Adds the sheet diff rows of one scenario with a compare summary c, from its sheet diff. */
static void diff_rows_of(tco_table *t, const tco_report_item *item, const tco_compare *c,
                         const tco_sheet_diff *sd)
{
    const tco_result *r = item->result;
    const tco_prices *p = tco_compare_prices(c);
    for (size_t k = 0; k < sd->n_options; k++) {
        const tco_option_change *oc = &sd->options[k];
        const tco_plan_change *pc = &sd->plans[oc->plan_change];
        const tco_plan *np = &p->plans[pc->new_plan];
        tco_difference d;
        /* no paired trial (an option not offered): no statistics, trials 0 */
        const bool have = tco_compare_difference(c, oc->option_old, oc->option_new, &d);
        tco_table_text(t, item->file);
        tco_table_text(t, r->scenario->name);
        tco_table_text(t, r->options.items[oc->option_old].name);
        tco_table_text(t, r->options.items[oc->option_new].name);
        tco_table_real(t, have ? d.mean : NAN);
        tco_table_real(t, have ? tco_compare_difference_quantile(c, oc->option_old,
                                                                 oc->option_new, Q_LO)
                               : NAN);
        tco_table_real(t, have ? tco_compare_difference_quantile(c, oc->option_old,
                                                                 oc->option_new, 0.5)
                               : NAN);
        tco_table_real(t, have ? tco_compare_difference_quantile(c, oc->option_old,
                                                                 oc->option_new, Q_HI)
                               : NAN);
        tco_table_real(t, have ? d.mean_se : NAN);
        tco_table_count(t, d.n);
        tco_table_list(t, (const char *const *)pc->changes.items, pc->changes.n);
        char *plan = tco_xasprintf("%s/%s", np->vendor, np->plan);
        tco_table_text(t, plan);
        free(plan);
        tco_table_text(t, p->sheets[p->plans[pc->old_plan].sheet].path);
        tco_table_text(t, p->sheets[np->sheet].path);
        tco_table_end_row(t);
    }
}

/* Adds the sheet diff rows of one scenario (none without a compare summary). */
static void diff_rows(tco_table *t, const tco_report_item *item)
{
    const tco_compare *c = tco_compare_find(item->result);
    if (!c)
        return;
    tco_sheet_diff sd;
    tco_sheet_diff_build(&sd, tco_compare_prices(c), &item->result->options);
    diff_rows_of(t, item, c, &sd);
    tco_sheet_diff_fini(&sd);
}

tco_table *tco_report_diff_table(const tco_report_item *items, size_t n)
{
    return tco_report_whole_table(&DIFF_SPEC, items, n, diff_rows);
}

tco_table *tco_report_diff_table_of(const tco_report_item *item, const tco_sheet_diff *sd)
{
    tco_table *t = tco_table_alloc(&DIFF_SPEC);
    const tco_compare *c = tco_compare_find(item->result);
    if (c)
        diff_rows_of(t, item, c, sd);
    return t;
}

int tco_report_diff_csv(FILE *out, const tco_report_item *items, size_t n)
{
    return tco_report_csv_by_scenario(out, &DIFF_SPEC, items, n, diff_rows);
}

/* ---- the verdict ----------------------------------------------------------------------- */

/* Offered option with the highest p_cheapest, ties by lower mean then index, skipping `not`
 * and `not2`. */
static size_t most_often_cheapest(const tco_result *r, size_t not, size_t not2)
{
    size_t best = SIZE_MAX;
    double best_p = -1;
    for (size_t o = 0; o < r->options.n; o++) {
        if (o == not || o == not2 || !r->options.items[o].offered || r->per_option[o].tco.n == 0)
            continue;
        const double p = tco_result_p_cheapest(r, o, NULL);
        if (best == SIZE_MAX || p > best_p ||
            (p == best_p && r->per_option[o].tco.mean < r->per_option[best].tco.mean)) {
            best = o;
            best_p = p;
        }
    }
    return best;
}

/* "saves $41,200 (90%: $12,000–$88,500)": option a against b. */
static char *saving_phrase(const tco_compare *c, size_t a, size_t b)
{
    tco_difference d;
    tco_compare_difference(c, a, b, &d);
    char mean[64], iv[160];
    const double lo = tco_compare_difference_quantile(c, a, b, Q_LO);
    const double hi = tco_compare_difference_quantile(c, a, b, Q_HI);
    interval(iv, sizeof iv, lo, hi, false);
    if (d.mean >= 0) {
        money(mean, sizeof mean, d.mean, false);
        return tco_xasprintf("saves %s on average (90%%: %s)", mean, iv);
    }
    money(mean, sizeof mean, -d.mean, false);
    return tco_xasprintf("costs %s more on average (90%% of savings: %s)", mean, iv);
}


/* p_cheapest of option o as verdict text (tco_numfmt_share, no leading blanks). */
typedef struct share_text {
    char s[48];
} share_text;

static const char *trimmed(const share_text *t)
{
    const char *s = t->s;
    while (*s == ' ')
        s++;
    return s;
}

static share_text cheapest_share(const tco_result *r, size_t o)
{
    share_text t;
    double se;
    const double p = tco_result_p_cheapest(r, o, &se);
    tco_numfmt_share(t.s, sizeof t.s, p, se, (double)r->per_option[o].tco.n);
    return t;
}

/* P(a cheaper than b) of a difference, the same way. */
static share_text cheaper_share(const tco_difference *d)
{
    share_text t;
    tco_numfmt_share(t.s, sizeof t.s, d->p_cheaper, d->p_cheaper_se, (double)d->n);
    return t;
}
char *tco_report_compare_verdict(const tco_result *r)
{
    const tco_compare *c = tco_compare_find(r);
    if (!c)
        return NULL;
    const size_t best = most_often_cheapest(r, SIZE_MAX, SIZE_MAX);
    if (best == SIZE_MAX)
        return tco_xstrdup("No option is offered for this scenario.");
    const char *bname = r->options.items[best].name;
    const double p = tco_result_p_cheapest(r, best, NULL);
    const share_text ps = cheapest_share(r, best);
    const size_t second = most_often_cheapest(r, best, SIZE_MAX);
    if (second == SIZE_MAX)
        return tco_xasprintf("%s is the only offered option.", bname);

    if (p > 0.5) {
        /* closest rival: most often cheaper than the best, then the smallest mean saving;
         * beaten by most: the largest mean saving */
        size_t rival = SIZE_MAX, most = SIZE_MAX;
        tco_difference dr = {0}, dm = {0};
        for (size_t o = 0; o < r->options.n; o++) {
            tco_difference d;
            if (o == best || !tco_compare_difference(c, best, o, &d))
                continue;
            if (rival == SIZE_MAX || d.n_dearer > dr.n_dearer ||
                (d.n_dearer == dr.n_dearer && d.mean < dr.mean)) {
                rival = o;
                dr = d;
            }
            if (most == SIZE_MAX || d.mean > dm.mean) {
                most = o;
                dm = d;
            }
        }
        if (rival == SIZE_MAX) /* no paired trials: nothing more to say */
            return tco_xasprintf("%s is cheapest in %s of trials.", bname, trimmed(&ps));
        char *sr = saving_phrase(c, best, rival);
        const share_text pr = cheaper_share(&dr);
        char *text;
        if (most == rival) {
            text = tco_xasprintf("%s is cheapest in %s of trials; against %s it %s over %d "
                                 "months and is cheaper in %s of trials.",
                                 bname, trimmed(&ps), r->options.items[rival].name, sr,
                                 r->months, trimmed(&pr));
        } else {
            char *sm = saving_phrase(c, best, most);
            text = tco_xasprintf("%s is cheapest in %s of trials; against its closest rival %s "
                                 "it %s over %d months and is cheaper in %s of trials; against "
                                 "%s, the option it beats by most, it %s.",
                                 bname, trimmed(&ps), r->options.items[rival].name, sr,
                                 r->months, trimmed(&pr), r->options.items[most].name, sm);
            free(sm);
        }
        free(sr);
        return text;
    }

    /* no option above 50%: the top two, and how they compare with each other */
    const share_text ps2 = cheapest_share(r, second);
    const char *sname = r->options.items[second].name;
    tco_difference d;
    if (!tco_compare_difference(c, best, second, &d))
        return tco_xasprintf("No option is reliably cheapest: %s is cheapest in %s of trials "
                             "and %s in %s.",
                             bname, trimmed(&ps), sname, trimmed(&ps2));
    if (d.n_tie == d.n) {
        /* the same plan twice, in effect: what matters is how the pair does against the next */
        const size_t third = most_often_cheapest(r, best, second);
        tco_difference d3;
        if (third == SIZE_MAX || !tco_compare_difference(c, best, third, &d3))
            return tco_xasprintf("No option is reliably cheapest: %s and %s cost the same in "
                                 "every trial and are cheapest in %s and %s of trials.",
                                 bname, sname, trimmed(&ps), trimmed(&ps2));
        char *s3 = saving_phrase(c, best, third);
        const share_text p3 = cheaper_share(&d3);
        char *text = tco_xasprintf(
            "No option is reliably cheapest: %s and %s cost the same in every trial and are "
            "cheapest in %s and %s of trials; against the next, %s, either one %s over %d "
            "months and is cheaper in %s of trials.",
            bname, sname, trimmed(&ps), trimmed(&ps2), r->options.items[third].name, s3,
            r->months, trimmed(&p3));
        free(s3);
        return text;
    }
    char *s = saving_phrase(c, best, second);
    const share_text pd = cheaper_share(&d);
    char *text = tco_xasprintf("No option is reliably cheapest: %s is cheapest in %s of trials "
                               "and %s in %s; against %s, %s %s over %d months and is cheaper in "
                               "%s of trials.",
                               bname, trimmed(&ps), sname, trimmed(&ps2), sname, bname, s,
                               r->months, trimmed(&pd));
    free(s);
    return text;
}

void tco_report_compare_table_before(FILE *out, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    char *v = tco_report_compare_verdict(item->result);
    if (!v)
        return;
    tco_report_print_wrapped(out, v, 2, tco_report_line_width());
    free(v);
}

/* ---- the table: matrix and sheet diff -------------------------------------------------- */

static void table_matrix(FILE *out, const tco_result *r, const tco_compare *c)
{
    size_t n;
    size_t *order = tco_report_rank(r, &n);
    if (n < 2) {
        free(order);
        return;
    }
    /* as many columns as fit the line (at most MATRIX_MAX); a row's name follows its cells
     * where it fits, else the rank names it (the ranking above) */
    const size_t width = tco_report_line_width();
    size_t fit = width > 6 + 15 ? (width - 6) / 15 : 1;
    fit = fit < 2 ? 2 : fit > MATRIX_MAX ? MATRIX_MAX : fit;
    const size_t k = n < fit ? n : fit;
    char *heading = tco_xasprintf(
        "P(row cheaper than column) ± standard error or 95%% bound, by rank%s:",
        n > k ? " (all pairs in pairwise.csv)" : "");
    tco_report_print_wrapped(out, heading, 2, width);
    free(heading);
    fprintf(out, "  %4s", "");
    for (size_t j = 0; j < k; j++)
        fprintf(out, "  %13zu", j + 1);
    fputc('\n', out);
    for (size_t i = 0; i < k; i++) {
        fprintf(out, "  %4zu", i + 1);
        for (size_t j = 0; j < k; j++) {
            tco_difference d;
            if (i == j || !tco_compare_difference(c, order[i], order[j], &d)) {
                fprintf(out, "  %13s", "-");
                continue;
            }
            /* "98.5% ± 0.3" (the header names the error), "< 0.2%", "> 99.8%" */
            share_text cell = cheaper_share(&d);
            const size_t len = strlen(cell.s);
            const bool has_se = strstr(cell.s, "±") != NULL;
            if (has_se && len > 0 && cell.s[len - 1] == '%')
                cell.s[len - 1] = '\0';
            /* "±" is two bytes and one column */
            fprintf(out, has_se ? "  %14s" : "  %13s", trimmed(&cell));
        }
        const char *name = r->options.items[order[i]].name;
        if (6 + 15 * k + 2 + tco_diag_text_width(name) <= width)
            fprintf(out, "  %s", name);
        fputc('\n', out);
    }
    free(order);
}

/* A plan's changed prices for a sentence: "seat: 20 → 22; api: removed", or "no price changed". */
static char *joined_changes(const tco_change_list *l)
{
    if (l->n == 0)
        return tco_xstrdup("no price changed");
    char *s = tco_xstrdup(l->items[0]);
    for (size_t i = 1; i < l->n; i++) {
        char *t = tco_xasprintf("%s; %s", s, l->items[i]);
        free(s);
        s = t;
    }
    return s;
}

static void table_diff(FILE *out, const tco_result *r, const tco_compare *c,
                       const tco_sheet_diff *diff)
{
    const tco_prices *p = tco_compare_prices(c);
    if (diff->n_plans > 0) {
        char *line = tco_xasprintf("sheet diff: TCO change of each option, new sheet − old, over "
                                   "%d months (mean; 90%% of trials):",
                                   r->months);
        tco_report_print_wrapped(out, line, 2, tco_report_line_width());
        free(line);
    }
    for (size_t k = 0; k < diff->n_plans; k++) {
        const tco_plan_change *pc = &diff->plans[k];
        const tco_plan *a = &p->plans[pc->old_plan], *b = &p->plans[pc->new_plan];
        char *changes = joined_changes(&pc->changes);
        char *line = tco_xasprintf("%s/%s, %s → %s: %s", b->vendor, b->plan,
                                   p->sheets[a->sheet].stem, p->sheets[b->sheet].stem,
                                   changes);
        tco_report_print_wrapped(out, line, 4, tco_report_line_width());
        free(line);
        free(changes);
        for (size_t i = 0; i < diff->n_options; i++) {
            const tco_option_change *oc = &diff->options[i];
            if (oc->plan_change != k)
                continue;
            tco_difference d;
            const char *on = r->options.items[oc->option_old].name;
            const char *nn = r->options.items[oc->option_new].name;
            if (!tco_compare_difference(c, oc->option_old, oc->option_new, &d)) {
                fprintf(out, "      %s → %s: not offered\n", on, nn);
                continue;
            }
            char mean[64], iv[160], med[64];
            money(mean, sizeof mean, d.mean, true);
            interval(iv, sizeof iv,
                     tco_compare_difference_quantile(c, oc->option_old, oc->option_new, Q_LO),
                     tco_compare_difference_quantile(c, oc->option_old, oc->option_new, Q_HI),
                     true);
            money(med, sizeof med,
                  tco_compare_difference_quantile(c, oc->option_old, oc->option_new, 0.5), true);
            char *row = tco_xasprintf("%s → %s: %s (%s; median %s)", on, nn, mean, iv, med);
            tco_report_print_wrapped(out, row, 6, tco_report_line_width());
            free(row);
        }
    }
}

void tco_report_compare_text_after(FILE *out, const tco_report_item *item,
                                   const tco_sheet_diff *sd)
{
    const tco_compare *c = tco_compare_find(item->result);
    if (!c)
        return;
    table_matrix(out, item->result, c);
    table_diff(out, item->result, c, sd);
}

void tco_report_compare_table_after(FILE *out, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    const tco_compare *c = tco_compare_find(item->result);
    if (!c)
        return;
    tco_sheet_diff sd;
    tco_sheet_diff_build(&sd, tco_compare_prices(c), &item->result->options);
    tco_report_compare_text_after(out, item, &sd);
    tco_sheet_diff_fini(&sd);
}

/* ---- JSON ------------------------------------------------------------------------------ */

void tco_report_compare_json_tables(void *scenario, const tco_report_item *item,
                                    const tco_table *pairwise, const tco_table *diff)
{
    json_t *js = scenario;
    const tco_result *r = item->result;
    if (!tco_compare_find(r))
        return;
    char *v = tco_report_compare_verdict(r);
    json_object_set_new(js, "verdict", tco_report_json_text(v));
    free(v);
    const char *const keys[] = {item->file, r->scenario->name};
    size_t pairwise_cursor = 0, diff_cursor = 0;
    tco_table_json_nest(js, pairwise, keys, 2, &pairwise_cursor);
    tco_table_json_nest(js, diff, keys, 2, &diff_cursor);
}

void tco_report_compare_json(void *scenario, const tco_report_item *item, void *ctx)
{
    (void)ctx;
    if (!tco_compare_find(item->result))
        return;
    tco_table *pairwise = tco_report_pairwise_table(item, 1);
    tco_table *diff = tco_report_diff_table(item, 1);
    tco_report_compare_json_tables(scenario, item, pairwise, diff);
    tco_table_free(pairwise);
    tco_table_free(diff);
}
