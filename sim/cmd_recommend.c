/* SPDX-License-Identifier: MIT */
/* cmd_recommend: the rules of SPEC §7 beside the simulated TCO (see tco/cmd_recommend.h).
 *
 * For each scenario: the four rules and the overall verdict (rules), then `run`'s simulation
 * (engine, same flags), ranked by mean TCO with p_cheapest. The kind (ucaas/cpaas/hybrid)
 * whose options are together cheapest in the most trials is the simulated answer, led by its
 * option with the highest p_cheapest; when that kind is cheapest in more than half of the
 * trials and is not the overall verdict, the disagreement is flagged and explained by a
 * break-even volume: the month-1 notification volume at which the leading option and the best
 * (lowest mean) option of the recommended kind cost the same, with every scenario cell and
 * price at its mean (tco_mean_trial, the definition `tcosim breakeven` uses, and the same
 * solver: the lowest root; `run`'s breakeven.csv gives the distribution over trials).
 *
 * Output: the table (default); `--format csv`: SPEC §7's `file,scenario,rule,verdict,detail`
 * with extension columns filled on the `overall` row only (simulated_cheapest, p_cheapest,
 * cheapest_kind, p_cheapest_kind, agrees, simulation_detail); `--format json`: one document.
 */
#include "tco/cmd_recommend.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tco/breakeven.h"
#include "tco/cmdutil.h"
#include "tco/csvwrite.h"
#include "tco/defaults.h"
#include "tco/engine.h"
#include "tco/report.h"
#include "tco/rules.h"
#include "tco/stats.h"
#include "tco/xalloc.h"

/* Options shown in the table's ranking; `run` lists them all. */
#define TABLE_TOP_OPTIONS 5

/* One scenario's rules and what the simulation says beside them. */
typedef struct rec_item {
    const char *file;
    const tco_result *result;
    tco_recommendation rec;
    size_t *order;        /* options by mean TCO, offered first; owned */
    size_t n_offered;
    tco_verdict cheapest_kind; /* the kind whose options are cheapest in most trials */
    double p_kind;        /* the sum of p_cheapest over that kind's options */
    long cheapest;        /* that kind's option with the highest p_cheapest; -1: none offered */
    double p_cheapest;
    int agrees;           /* 1 yes, 0 no, -1 unsettled (no kind above 50%, or none offered) */
    double breakeven;     /* month-1 notifications, NAN when none was computed or found */
    char detail[2048];    /* the simulation's side in one sentence */
} rec_item;

static tco_verdict kind_verdict(tco_option_kind k)
{
    switch (k) {
    case TCO_OPTION_UCAAS: return TCO_VERDICT_UCAAS;
    case TCO_OPTION_CPAAS: return TCO_VERDICT_CPAAS;
    case TCO_OPTION_HYBRID: break;
    }
    return TCO_VERDICT_HYBRID;
}

/* ---- ranking --------------------------------------------------------------------------- */


/* ---- the deterministic break-even estimate --------------------------------------------- */

/* The break-even of options a and b over month-1 notifications, every cell at its mean (the
 * definition and the solver that `tcosim breakeven` uses: tco_mean_trial, tco_breakeven_solve,
 * the lowest root). Returns 1 and *n when found, *sign the sign of TCO(a) - TCO(b) just above
 * it; else 0 with *sign its sign everywhere (+1: a dearer, -1: a cheaper, 0: equal, to half a
 * cent, at every volume). */
static int mean_breakeven(const tco_scenario *s, const tco_prices *p, const tco_option_set *set,
                          const tco_option *a, const tco_option *b, double *n, int *sign)
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

/* Fills the simulation side of it: the cheapest kind and option, agreement, its sentence.
 *
 * Agreement is judged by kind, the thing the rules decide: the p_cheapest of a kind's options
 * add up (ties share a trial, SPEC §6, so two UCaaS plans at the same seat price split 100%
 * into 50% + 50%, and no single option would pass 50% although UCaaS is cheapest in every
 * trial). When one option alone is cheapest in more than half the trials, its kind is above
 * 50% too, so this flags every case the single-option test would. */
/* A share p of n trials for a sentence, with its error or its 95% bound: "99.8% ± 0.0%" is
 * never printed, "> 99.96%" is (tco_report_format_share, without the column's padding). */
static void honest_share(char *buf, size_t size, double p, unsigned long n)
{
    char text[48];
    const double se = n > 0 ? sqrt(p * (1 - p) / (double)n) : 0;
    tco_report_format_share(text, sizeof text, p, se, (double)n);
    snprintf(buf, size, "%s", text + strspn(text, " "));
}

static void compare(rec_item *it, const tco_prices *prices)
{
    const tco_result *r = it->result;
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
        p_kind[kind_verdict(r->options.items[it->order[k]].kind)] +=
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
        if (kind_verdict(r->options.items[o].kind) == it->cheapest_kind &&
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
    const tco_verdict want = it->rec.overall;
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
        if (kind_verdict(r->options.items[it->order[k]].kind) == want)
            v = &r->options.items[it->order[k]];
    if (!v) {
        append(it->detail, sizeof it->detail,
               "; the price sheets offer no %s option for this scenario", tco_verdict_name(want));
        return;
    }
    double n;
    int sign;
    char be[48], have[48];
    tco_rules_format_amount(have, sizeof have,
                            round(tco_value_mean(&r->scenario->v[TCO_SCN_NOTIFICATIONS])));
    if (mean_breakeven(r->scenario, prices, &r->options, v, x, &n, &sign)) {
        it->breakeven = n;
        tco_rules_format_amount(be, sizeof be, round(n));
        /* sign > 0: v dearer than x above the break-even, so x is cheaper above it */
        append(it->detail, sizeof it->detail,
               "; with every cell at its mean, %s and %s cost the same at %s notifications in "
               "month 1 and %s is cheaper %s that (this scenario: %s)",
               x->name, v->name, be, x->name, sign > 0 ? "above" : "below", have);
    } else if (sign > 0) {
        append(it->detail, sizeof it->detail,
               "; with every cell at its mean, %s is cheaper than %s at any notification "
               "volume, so volume does not explain it: %s",
               x->name, v->name,
               x->note ? x->note : "seats, fixed fees, labor and delay do");
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

/* ---- table ----------------------------------------------------------------------------- */

static void table_one(FILE *out, const rec_item *it)
{
    const tco_result *r = it->result;
    tco_report_heading(out, r->scenario->name, it->file);
    fputc('\n', out);
    for (int i = 0; i < TCO_N_RULES; i++)
        fprintf(out, "  rule %d   %-7s  %s\n", i + 1, tco_verdict_name(it->rec.rule[i].verdict),
                it->rec.rule[i].detail);
    fprintf(out, "  overall  %-7s  %s\n", tco_verdict_name(it->rec.overall), it->rec.reason);

    char trials[48];
    tco_rules_format_amount(trials, sizeof trials, (double)r->n_trials);
    fprintf(out, "  simulated TCO over %d months (%s trials, seed %llu), by mean:\n", r->months,
            trials, (unsigned long long)r->seed);
    size_t shown = it->n_offered < TABLE_TOP_OPTIONS ? it->n_offered : TABLE_TOP_OPTIONS;
    size_t width = strlen("option"), mean_width = 12; /* money columns adapt, never cut */
    for (size_t k = 0; k < shown; k++) {
        size_t len = tco_diag_text_width(r->options.items[it->order[k]].name);
        if (len > width)
            width = len;
        char mean[48];
        tco_report_format_money(mean, sizeof mean, r->per_option[it->order[k]].tco.mean);
        if (strlen(mean) > mean_width)
            mean_width = strlen(mean);
    }
    if (shown > 0)
        fprintf(out, "    %4s  %-*s  %*s  %s\n", "rank", (int)width, "option", (int)mean_width,
                "mean TCO", "p_cheapest");
    for (size_t k = 0; k < shown; k++) {
        const size_t o = it->order[k];
        char mean[48];
        tco_report_format_money(mean, sizeof mean, r->per_option[o].tco.mean);
        double se;
        double p = tco_result_p_cheapest(r, o, &se);
        char share[48];
        tco_report_format_share(share, sizeof share, p, se, (double)r->per_option[o].tco.n);
        fprintf(out, "    %4zu  ", k + 1);
        tco_report_pad(out, r->options.items[o].name, width, false);
        fprintf(out, "  %*s  %s\n", (int)mean_width, mean, share);
    }
    const size_t more = it->n_offered - shown, not_offered = r->options.n - it->n_offered;
    if (more > 0 || not_offered > 0) {
        fprintf(out, "    (");
        if (more > 0)
            fprintf(out, "%zu more offered option%s", more, more == 1 ? "" : "s");
        if (more > 0 && not_offered > 0)
            fprintf(out, ", ");
        if (not_offered > 0)
            fprintf(out, "%zu not offered", not_offered);
        fprintf(out, ": `tcosim run` lists them all)\n");
    }
    fprintf(out, "  simulation %s: %s\n",
            it->agrees == 1 ? "agrees" : it->agrees == 0 ? "DISAGREES" : "unsettled", it->detail);
    if (it->cheapest >= 0 && r->options.items[it->cheapest].note) {
        char *note = tco_diag_printable(r->options.items[it->cheapest].note);
        fprintf(out, "  note: %s\n", note);
        free(note);
    }
}

static int write_table(FILE *out, const rec_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc('\n', out);
        table_one(out, &items[i]);
    }
    return ferror(out) ? -1 : 0;
}

/* ---- CSV (SPEC §7) --------------------------------------------------------------------- */

static int write_csv(FILE *out, const rec_item *items, size_t n)
{
    /* SPEC §7's five columns, then extensions filled on the overall row only (README) */
    static const char *const HEADER[] = {
        "file",       "scenario",      "rule",            "verdict", "detail",
        "simulated_cheapest", "p_cheapest", "cheapest_kind", "p_cheapest_kind", "agrees",
        "simulation_detail", "p_cheapest_lo", "p_cheapest_hi", "p_cheapest_kind_lo",
        "p_cheapest_kind_hi"};
    tco_csvw w;
    tco_csvw_init(&w, out);
    tco_csvw_header(&w, HEADER, sizeof HEADER / sizeof HEADER[0]);
    for (size_t i = 0; i < n; i++) {
        const rec_item *it = &items[i];
        for (int k = 0; k <= TCO_N_RULES; k++) {
            const bool overall = k == TCO_N_RULES;
            char rule[16];
            snprintf(rule, sizeof rule, "%d", k + 1);
            tco_csvw_text(&w, it->file);
            tco_csvw_text(&w, it->result->scenario->name);
            tco_csvw_raw(&w, overall ? "overall" : rule);
            tco_csvw_raw(&w, tco_verdict_name(overall ? it->rec.overall : it->rec.rule[k].verdict));
            tco_csvw_text(&w, overall ? it->rec.reason : it->rec.rule[k].detail);
            if (overall && it->cheapest >= 0) {
                tco_csvw_text(&w, it->result->options.items[it->cheapest].name);
                tco_csvw_num(&w, it->p_cheapest);
                tco_csvw_raw(&w, tco_verdict_name(it->cheapest_kind));
                tco_csvw_num(&w, it->p_kind);
            } else {
                for (int b = 0; b < 4; b++)
                    tco_csvw_blank(&w);
            }
            tco_csvw_raw(&w, !overall || it->agrees < 0 ? "" : it->agrees ? "yes" : "no");
            tco_csvw_text(&w, overall ? it->detail : "");
            if (overall && it->cheapest >= 0) {
                const double n_trials = (double)it->result->n_trials;
                double lo, hi;
                tco_proportion_interval95(it->p_cheapest * n_trials, n_trials, &lo, &hi);
                tco_csvw_num(&w, lo);
                tco_csvw_num(&w, hi);
                tco_proportion_interval95(it->p_kind * n_trials, n_trials, &lo, &hi);
                tco_csvw_num(&w, lo);
                tco_csvw_num(&w, hi);
            } else {
                for (int b = 0; b < 4; b++)
                    tco_csvw_blank(&w);
            }
            tco_csvw_end_row(&w);
        }
    }
    return tco_csvw_finish(&w);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *json_item(const rec_item *it)
{
    const tco_result *r = it->result;
    json_t *j = json_object();
    json_object_set_new(j, "file", tco_report_json_text(it->file));
    json_object_set_new(j, "scenario", tco_report_json_text(r->scenario->name));
    json_t *rules = json_array();
    for (int k = 0; k < TCO_N_RULES; k++) {
        json_t *rule = json_object();
        json_object_set_new(rule, "rule", json_integer(k + 1));
        json_object_set_new(rule, "verdict", json_string(tco_verdict_name(it->rec.rule[k].verdict)));
        json_object_set_new(rule, "required", json_boolean(it->rec.rule[k].required));
        json_object_set_new(rule, "detail", json_string(it->rec.rule[k].detail));
        json_array_append_new(rules, rule);
    }
    json_object_set_new(j, "rules", rules);
    json_t *overall = json_object();
    json_object_set_new(overall, "verdict", json_string(tco_verdict_name(it->rec.overall)));
    json_object_set_new(overall, "reason", json_string(it->rec.reason));
    json_object_set_new(j, "overall", overall);

    json_t *sim = json_object();
    json_object_set_new(sim, "months", json_integer(r->months));
    json_object_set_new(sim, "trials", json_integer((json_int_t)r->n_trials));
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed); /* exact: see report.c */
    json_object_set_new(sim, "seed", json_string(seed));
    json_t *ranking = json_array();
    for (size_t k = 0; k < it->n_offered; k++) {
        const size_t o = it->order[k];
        const tco_option *opt = &r->options.items[o];
        double se;
        double p = tco_result_p_cheapest(r, o, &se);
        json_t *row = json_object();
        json_object_set_new(row, "option", tco_report_json_text(opt->name));
        json_object_set_new(row, "kind", json_string(tco_verdict_name(kind_verdict(opt->kind))));
        json_object_set_new(row, "mean", jnum(r->per_option[o].tco.mean));
        json_object_set_new(row, "p_cheapest", jnum(p));
        json_object_set_new(row, "p_cheapest_se", jnum(se));
        double lo, hi;
        tco_proportion_interval95(p * (double)r->n_trials, (double)r->n_trials, &lo, &hi);
        json_object_set_new(row, "p_cheapest_lo", jnum(lo));
        json_object_set_new(row, "p_cheapest_hi", jnum(hi));
        json_array_append_new(ranking, row);
    }
    json_object_set_new(sim, "ranking", ranking);
    json_object_set_new(sim, "cheapest",
                        it->cheapest >= 0
                            ? tco_report_json_text(r->options.items[it->cheapest].name)
                            : json_null());
    json_object_set_new(sim, "p_cheapest", jnum(it->p_cheapest));
    json_object_set_new(sim, "cheapest_kind", it->cheapest >= 0
                                                  ? json_string(tco_verdict_name(it->cheapest_kind))
                                                  : json_null());
    json_object_set_new(sim, "p_cheapest_kind", jnum(it->p_kind));
    if (it->cheapest >= 0) {
        const double n_trials = (double)r->n_trials;
        double lo, hi;
        tco_proportion_interval95(it->p_cheapest * n_trials, n_trials, &lo, &hi);
        json_object_set_new(sim, "p_cheapest_lo", jnum(lo));
        json_object_set_new(sim, "p_cheapest_hi", jnum(hi));
        tco_proportion_interval95(it->p_kind * n_trials, n_trials, &lo, &hi);
        json_object_set_new(sim, "p_cheapest_kind_lo", jnum(lo));
        json_object_set_new(sim, "p_cheapest_kind_hi", jnum(hi));
    }
    json_object_set_new(sim, "agrees", it->agrees < 0 ? json_null() : json_boolean(it->agrees));
    json_object_set_new(sim, "breakeven_notifications", jnum(it->breakeven));
    json_object_set_new(sim, "detail", json_string(it->detail));
    json_object_set_new(j, "simulation", sim);
    return j;
}

static int write_json(FILE *out, const rec_item *items, size_t n, const tco_options *o,
                      const tco_diag_list *errors)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "tool", json_string("tcosim"));
    json_object_set_new(doc, "version", json_string(TCO_VERSION));
    json_object_set_new(doc, "command", json_string("recommend"));
    json_t *t = json_object();
    json_object_set_new(t, "min_dev_hours", json_real(o->min_dev_hours));
    json_object_set_new(t, "min_time_to_market", json_real(o->min_time_to_market));
    json_object_set_new(t, "notification_threshold", json_real(o->notification_threshold));
    json_object_set_new(t, "seat_threshold", json_real(o->seat_threshold));
    json_object_set_new(t, "deviation_required", json_real(o->deviation_required));
    json_object_set_new(t, "deviation_shift", json_real(o->deviation_shift));
    json_object_set_new(doc, "thresholds", t);
    json_t *results = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(results, json_item(&items[i]));
    json_object_set_new(doc, "results", results);
    return tco_report_json_write(out, doc, errors);
}

/* ---- the command ----------------------------------------------------------------------- */

tco_status tco_cmd_recommend(const tco_options *o, const atomic_int *stop)
{
    tco_prices prices;
    tco_batch batch;
    tco_status worst;
    if (!tco_cmd_load_inputs(o, &prices, &batch, &worst)) {
        if (worst == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop);
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return worst;
    }
    tco_status size = tco_cmd_check_run_size(&prices, &batch, false);
    if (size != TCO_OK) {
        tco_cmd_batch_fini(&batch);
        tco_prices_fini(&prices);
        return size > worst ? size : worst;
    }

    const tco_rule_thresholds thresholds = {o->min_dev_hours,          o->min_time_to_market,
                                            o->notification_threshold, o->seat_threshold,
                                            o->deviation_required,     o->deviation_shift};
    tco_result *results = tco_xcalloc(batch.n_scenarios + 1, sizeof *results);
    tco_report_item *sim = tco_xcalloc(batch.n_scenarios + 1, sizeof *sim);
    rec_item *items = tco_xcalloc(batch.n_scenarios + 1, sizeof *items);
    size_t n_done = 0;
    if (tco_cmd_simulate(o, &prices, &batch, NULL, 0, stop, results, sim, &n_done) != TCO_OK) {
        tco_cmd_print_interrupted(stop);
        worst = TCO_EINTERRUPTED;
    } else {
        for (size_t i = 0; i < n_done; i++) {
            items[i].file = sim[i].file;
            items[i].result = &results[i];
            tco_rules_evaluate(results[i].scenario, &thresholds, &items[i].rec);
            compare(&items[i], &prices);
        }
        int rc = 0;
        switch (o->format) {
        case TCO_FORMAT_TABLE: rc = write_table(stdout, items, n_done); break;
        case TCO_FORMAT_CSV: rc = write_csv(stdout, items, n_done); break;
        case TCO_FORMAT_JSON: rc = write_json(stdout, items, n_done, o, &batch.errors); break;
        }
        if (rc != 0 && worst < TCO_EIOERR)
            worst = TCO_EIOERR; /* main says why, once */
    }
    for (size_t i = 0; i < n_done; i++) {
        free(items[i].order);
        tco_result_fini(&results[i]);
    }
    free(items);
    free(sim);
    free(results);
    tco_cmd_batch_fini(&batch);
    tco_prices_fini(&prices);
    return worst;
}
