/* SPDX-License-Identifier: MIT */
/* recommend: the rules beside the simulated TCO, and the tables of its output (see
 * tco/recommend.h). */
#include "tco/recommend.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tco/breakeven.h"
#include "tco/numfmt.h"
#include "tco/report.h"
#include "tco/stats.h"

tco_verdict tco_recommend_kind_verdict(tco_option_kind k)
{
    switch (k) {
    case TCO_OPTION_UCAAS: return TCO_VERDICT_UCAAS;
    case TCO_OPTION_CPAAS: return TCO_VERDICT_CPAAS;
    case TCO_OPTION_HYBRID: break;
    case TCO_OPTION_MIGRATE: break; /* SPEC §12.2: it ends as the dual stack */
    }
    return TCO_VERDICT_HYBRID;
}

/* ---- the deterministic break-even estimate --------------------------------------------- */

int tco_recommend_mean_breakeven(const tco_scenario *s, const tco_prices *p,
                                 const tco_option_set *set, const tco_option *a,
                                 const tco_option *b, double *n, int *sign)
{
    tco_mean_trial t;
    tco_mean_trial_init(&t, s, p, set);
    const tco_breakeven_problem pb = {p, a, b, t.price_draws, &t.w, &t.cost};
    tco_breakeven_solver *solver = tco_breakeven_solver_alloc();
    double root;
    int found = tco_breakeven_solve(solver, &pb, TCO_BREAKEVEN_NOTIFICATIONS, &root);
    tco_breakeven_solver_free(solver);
    const double top = TCO_BREAKEVEN_MAX_NOTIFICATIONS;
    const double d_top = tco_breakeven_difference(&pb, TCO_BREAKEVEN_NOTIFICATIONS, top);
    if (found && root == 0 && fabs(d_top) <= TCO_BREAKEVEN_TIE &&
        fabs(tco_breakeven_difference(&pb, TCO_BREAKEVEN_NOTIFICATIONS, 0)) <= TCO_BREAKEVEN_TIE)
        found = 0; /* equal at 0 and at the top: the same cost at any volume */
    double probe;
    if (found) {
        *n = root;
        probe = root < top ? fmin(top, root * (1 + 1e-6) + 1) : top;
    } else {
        probe = 0;
    }
    const double d = tco_breakeven_difference(&pb, TCO_BREAKEVEN_NOTIFICATIONS, probe);
    *sign = fabs(d) <= TCO_BREAKEVEN_TIE ? 0 : d > 0 ? 1 : -1;
    if (found && *sign == 0)
        *sign = d_top > 0 ? 1 : -1;
    tco_mean_trial_fini(&t);
    return found;
}

/* ---- the simulation beside the rules --------------------------------------------------- */

static void append(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}

/* A share p of n trials for a sentence, with its error or its 95% bound: "99.8% ± 0.0%" is
 * never printed, "> 99.96%" is (tco_numfmt_share_words). */
static void honest_share(char *buf, size_t size, double p, unsigned long n)
{
    const double se = n > 0 ? sqrt(p * (1 - p) / (double)n) : 0;
    tco_numfmt_share_words(buf, size, p, se, (double)n);
}

/* Why the leading option x beats v, the best option of the recommended kind, by volume. */
static void explain_by_volume(tco_recommend *it, const tco_prices *prices, const tco_option *x,
                              const tco_option *v)
{
    const tco_result *r = it->result;
    if (x->kind == TCO_OPTION_MIGRATE || v->kind == TCO_OPTION_MIGRATE)
        return; /* SPEC §12.2: a migration's question is when, not at what volume (README) */
    double n;
    int sign;
    char be[48], have[48];
    /* SPEC §12.1: a plan launched later is read at its first month with notifications */
    double level;
    const int month = tco_scenario_reference_month(r->scenario, TCO_SCN_NOTIFICATIONS, &level);
    tco_numfmt_amount(have, sizeof have, round(level));
    if (tco_recommend_mean_breakeven(r->scenario, prices, &r->options, v, x, &n, &sign)) {
        it->breakeven = n;
        tco_numfmt_amount(be, sizeof be, round(n));
        /* sign > 0: v dearer than x above the break-even, so x is cheaper above it */
        append(it->detail, sizeof it->detail,
               "; with every cell at its mean, %s and %s cost the same at %s notifications in "
               "month %d and %s is cheaper %s that (this scenario: %s)",
               x->name, v->name, be, month, x->name, sign > 0 ? "above" : "below", have);
    } else if (sign > 0) {
        append(it->detail, sizeof it->detail,
               "; with every cell at its mean, %s is cheaper than %s at any notification "
               "volume, so volume does not explain it: %s",
               x->name, v->name, x->note ? x->note : "seats, fixed fees, labor and delay do");
    } else if (sign < 0) {
        append(it->detail, sizeof it->detail,
               "; with every cell at its mean, %s would cost less than %s at any notification "
               "volume: %s wins on the spread of the draws, not on the expected workload",
               v->name, x->name, x->name);
    } else {
        append(it->detail, sizeof it->detail,
               "; with every cell at its mean, %s and %s cost the same at any notification volume",
               v->name, x->name);
    }
}

void tco_recommend_analyse(tco_recommend *it, const char *file, const tco_result *r,
                           const tco_prices *prices, const tco_rule_thresholds *t)
{
    memset(it, 0, sizeof *it);
    it->file = file;
    it->result = r;
    tco_rules_evaluate(r->scenario, t, &it->rules);
    it->order = tco_report_rank(r, &it->n_offered);
    it->cheapest = -1;
    it->p_cheapest = NAN;
    it->cheapest_kind = TCO_VERDICT_NEUTRAL;
    it->p_kind = NAN;
    it->agrees = -1;
    it->breakeven = NAN;
    it->detail[0] = '\0';
    if (it->n_offered == 0) {
        append(it->detail, sizeof it->detail, "no option is offered by the price sheets");
        return;
    }
    double p_kind[TCO_VERDICT_HYBRID + 1] = {0};
    for (size_t k = 0; k < it->n_offered; k++)
        p_kind[tco_recommend_kind_verdict(r->options.items[it->order[k]].kind)] +=
            tco_result_p_cheapest(r, it->order[k], NULL);
    /* the kind with the most; then its option with the highest p_cheapest, ties to the lower
     * mean (rank order) */
    const tco_verdict kinds[] = {TCO_VERDICT_UCAAS, TCO_VERDICT_CPAAS, TCO_VERDICT_HYBRID};
    for (size_t k = 0; k < 3; k++)
        if (it->cheapest_kind == TCO_VERDICT_NEUTRAL || p_kind[kinds[k]] > it->p_kind) {
            it->cheapest_kind = kinds[k];
            it->p_kind = p_kind[kinds[k]];
        }
    for (size_t k = 0; k < it->n_offered; k++) {
        const size_t o = it->order[k];
        double p = tco_result_p_cheapest(r, o, NULL);
        if (tco_recommend_kind_verdict(r->options.items[o].kind) == it->cheapest_kind &&
            (it->cheapest < 0 || p > it->p_cheapest)) {
            it->cheapest = (long)o;
            it->p_cheapest = p;
        }
    }
    const tco_option *x = &r->options.items[it->cheapest];
    const char *kind = tco_verdict_name(it->cheapest_kind);
    /* the shares as every share of the report: never "100.0%" for 9,999 of 10,000 (SPEC §6) */
    char kind_share[48], alone_share[48];
    honest_share(kind_share, sizeof kind_share, it->p_kind, r->n_trials);
    honest_share(alone_share, sizeof alone_share, it->p_cheapest, r->n_trials);
    if (!(it->p_kind > 0.5)) {
        append(it->detail, sizeof it->detail,
               "no kind of option is cheapest in more than half of the trials (%s options "
               "lead with %s, %s the best of them), so the simulation does not settle it",
               kind, kind_share, x->name);
        return;
    }
    const tco_verdict want = it->rules.overall;
    if (it->cheapest_kind == want) {
        it->agrees = 1;
        append(it->detail, sizeof it->detail,
               "%s options are cheapest in %s of trials (%s alone in %s), as the rules "
               "recommend",
               kind, kind_share, x->name, alone_share);
        return;
    }
    it->agrees = 0;
    append(it->detail, sizeof it->detail,
           "%s options are cheapest in %s of trials (%s alone in %s), not the %s the "
           "rules recommend",
           kind, kind_share, x->name, alone_share, tco_verdict_name(want));
    /* the best option of the recommended kind, to explain the gap by volume */
    const tco_option *v = NULL;
    for (size_t k = 0; k < it->n_offered && !v; k++)
        if (tco_recommend_kind_verdict(r->options.items[it->order[k]].kind) == want)
            v = &r->options.items[it->order[k]];
    if (!v) {
        append(it->detail, sizeof it->detail,
               "; the price sheets offer no %s option for this scenario", tco_verdict_name(want));
        return;
    }
    explain_by_volume(it, prices, x, v);
}

void tco_recommend_fini(tco_recommend *x)
{
    if (!x)
        return;
    free(x->order);
    x->order = NULL;
}

/* ---- tables ---------------------------------------------------------------------------- */

static const tco_column RECOMMEND_COLUMNS[TCO_RECOMMEND_N_COLUMNS] = {
    /* SPEC §7's five columns */
    [TCO_RECOMMEND_COL_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [TCO_RECOMMEND_COL_SCENARIO] = {"scenario", TCO_COLUMN_TEXT, true},
    [TCO_RECOMMEND_COL_RULE] = {"rule", TCO_COLUMN_TEXT, false},
    [TCO_RECOMMEND_COL_VERDICT] = {"verdict", TCO_COLUMN_TEXT, false},
    [TCO_RECOMMEND_COL_DETAIL] = {"detail", TCO_COLUMN_TEXT, false},
    /* extensions, filled on the overall row only (README) */
    [TCO_RECOMMEND_COL_SIMULATED_CHEAPEST] = {"simulated_cheapest", TCO_COLUMN_TEXT, false},
    [TCO_RECOMMEND_COL_P_CHEAPEST] = {"p_cheapest", TCO_COLUMN_REAL, false},
    [TCO_RECOMMEND_COL_CHEAPEST_KIND] = {"cheapest_kind", TCO_COLUMN_TEXT, false},
    [TCO_RECOMMEND_COL_P_CHEAPEST_KIND] = {"p_cheapest_kind", TCO_COLUMN_REAL, false},
    [TCO_RECOMMEND_COL_AGREES] = {"agrees", TCO_COLUMN_TEXT, false},
    [TCO_RECOMMEND_COL_SIMULATION_DETAIL] = {"simulation_detail", TCO_COLUMN_TEXT, false},
    [TCO_RECOMMEND_COL_P_CHEAPEST_LO] = {"p_cheapest_lo", TCO_COLUMN_REAL, false},
    [TCO_RECOMMEND_COL_P_CHEAPEST_HI] = {"p_cheapest_hi", TCO_COLUMN_REAL, false},
    [TCO_RECOMMEND_COL_P_CHEAPEST_KIND_LO] = {"p_cheapest_kind_lo", TCO_COLUMN_REAL, false},
    [TCO_RECOMMEND_COL_P_CHEAPEST_KIND_HI] = {"p_cheapest_kind_hi", TCO_COLUMN_REAL, false},
};
const tco_table_spec TCO_RECOMMEND_SPEC = {"recommend", "recommend", RECOMMEND_COLUMNS,
                                           TCO_RECOMMEND_N_COLUMNS, NULL, 0};

void tco_recommend_rows(tco_table *t, const tco_recommend *it)
{
    for (int k = 0; k <= TCO_N_RULES; k++) {
        const bool overall = k == TCO_N_RULES;
        const bool sim = overall && it->cheapest >= 0;
        char rule[16];
        snprintf(rule, sizeof rule, "%d", k + 1);
        tco_table_text(t, it->file);
        tco_table_text(t, it->result->scenario->name);
        tco_table_text(t, overall ? "overall" : rule);
        tco_table_text(t, tco_verdict_name(overall ? it->rules.overall : it->rules.rule[k].verdict));
        tco_table_text(t, overall ? it->rules.reason : it->rules.rule[k].detail);
        tco_table_text(t, sim ? it->result->options.items[it->cheapest].name : NULL);
        tco_table_real(t, sim ? it->p_cheapest : NAN);
        tco_table_text(t, sim ? tco_verdict_name(it->cheapest_kind) : NULL);
        tco_table_real(t, sim ? it->p_kind : NAN);
        tco_table_text(t, !overall || it->agrees < 0 ? NULL : it->agrees ? "yes" : "no");
        tco_table_text(t, overall ? it->detail : NULL);
        double lo = NAN, hi = NAN, kind_lo = NAN, kind_hi = NAN;
        if (sim) {
            const double n_trials = (double)it->result->n_trials;
            tco_proportion_interval95(it->p_cheapest * n_trials, n_trials, &lo, &hi);
            tco_proportion_interval95(it->p_kind * n_trials, n_trials, &kind_lo, &kind_hi);
        }
        tco_table_real(t, lo);
        tco_table_real(t, hi);
        tco_table_real(t, kind_lo);
        tco_table_real(t, kind_hi);
        tco_table_end_row(t);
    }
}

static const tco_column RANKING_COLUMNS[] = {
    {"file", TCO_COLUMN_TEXT, true},
    {"scenario", TCO_COLUMN_TEXT, true},
    {"option", TCO_COLUMN_TEXT, false},
    {"kind", TCO_COLUMN_TEXT, false},
    {"mean", TCO_COLUMN_REAL, false},
    {"p_cheapest", TCO_COLUMN_REAL, false},
    {"p_cheapest_se", TCO_COLUMN_REAL, false},
    {"p_cheapest_lo", TCO_COLUMN_REAL, false},
    {"p_cheapest_hi", TCO_COLUMN_REAL, false},
};
const tco_table_spec TCO_RECOMMEND_RANKING_SPEC = {
    "ranking", "ranking", RANKING_COLUMNS, sizeof RANKING_COLUMNS / sizeof RANKING_COLUMNS[0],
    NULL, 0};

void tco_recommend_ranking_rows(tco_table *t, const tco_recommend *it)
{
    const tco_result *r = it->result;
    const double n_trials = (double)r->n_trials;
    for (size_t k = 0; k < it->n_offered; k++) {
        const size_t o = it->order[k];
        const tco_option *opt = &r->options.items[o];
        double se, lo, hi;
        const double p = tco_result_p_cheapest(r, o, &se);
        tco_proportion_interval95(p * n_trials, n_trials, &lo, &hi);
        tco_table_text(t, it->file);
        tco_table_text(t, r->scenario->name);
        tco_table_text(t, opt->name);
        tco_table_text(t, tco_verdict_name(tco_recommend_kind_verdict(opt->kind)));
        tco_table_real(t, r->per_option[o].tco.mean);
        tco_table_real(t, p);
        tco_table_real(t, se);
        tco_table_real(t, lo);
        tco_table_real(t, hi);
        tco_table_end_row(t);
    }
}
