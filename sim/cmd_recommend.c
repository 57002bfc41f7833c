/* SPDX-License-Identifier: MIT */
/* cmd_recommend: the rules of SPEC §7 beside the simulated TCO (see tco/cmd_recommend.h).
 *
 * Loads, simulates every scenario like `run` (same flags), has recommend analyse each (the
 * rules, the simulated verdict by kind, the break-even that explains a disagreement) and prints
 * it: the table (default); `--format csv`: recommend's table of SPEC §7's rows
 * (TCO_RECOMMEND_SPEC); `--format json`: one document, its ranking rows from recommend's
 * ranking table.
 */
#include "tco/cmd_recommend.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tco/cmdutil.h"
#include "tco/defaults.h"
#include "tco/engine.h"
#include "tco/numfmt.h"
#include "tco/recommend.h"
#include "tco/report.h"
#include "tco/rules.h"
#include "tco/stats.h"
#include "tco/table.h"
#include "tco/table_csv.h"
#include "tco/table_json.h"
#include "tco/xalloc.h"

/* Options shown in the table's ranking; `run` lists them all. */
#define TABLE_TOP_OPTIONS 5

/* ---- table ----------------------------------------------------------------------------- */

static void table_one(FILE *out, const tco_recommend *it)
{
    const tco_result *r = it->result;
    tco_report_heading(out, r->scenario->name, it->file);
    fputc('\n', out);
    /* laid out for the line as run's report is (tco_report_line_width) */
    const size_t line = tco_report_line_width();
    char label[64];
    for (int i = 0; i < TCO_N_RULES; i++) {
        snprintf(label, sizeof label, "  rule %d   %-7s  ", i + 1,
                 tco_verdict_name(it->rules.rule[i].verdict));
        tco_report_print_hanging(out, label, it->rules.rule[i].detail, 20, line);
    }
    snprintf(label, sizeof label, "  overall  %-7s  ", tco_verdict_name(it->rules.overall));
    tco_report_print_hanging(out, label, it->rules.reason, 20, line);

    char trials[48];
    tco_numfmt_amount(trials, sizeof trials, (double)r->n_trials);
    fprintf(out, "  simulated TCO over %d months (%s trials, seed %llu), by mean:\n", r->months,
            trials, (unsigned long long)r->seed);
    size_t shown = it->n_offered < TABLE_TOP_OPTIONS ? it->n_offered : TABLE_TOP_OPTIONS;
    size_t width = strlen("option"), mean_width = 12; /* money columns adapt, never cut */
    for (size_t k = 0; k < shown; k++) {
        size_t len = tco_diag_text_width(r->options.items[it->order[k]].name);
        if (len > width)
            width = len;
        char mean[48];
        tco_numfmt_money(mean, sizeof mean, r->per_option[it->order[k]].tco.mean);
        if (strlen(mean) > mean_width)
            mean_width = strlen(mean);
    }
    /* the option column takes what the numbers leave; a longer name gets its own lines */
    const size_t numbers = 2 + mean_width + 2 + 14;
    const size_t room = line > 10 + numbers + 6 ? line - 10 - numbers : 6;
    if (width > room)
        width = room;
    if (shown > 0)
        fprintf(out, "    %4s  %-*s  %*s  %s\n", "rank", (int)width, "option", (int)mean_width,
                "mean TCO", "p_cheapest");
    for (size_t k = 0; k < shown; k++) {
        const size_t o = it->order[k];
        char mean[48];
        tco_numfmt_money(mean, sizeof mean, r->per_option[o].tco.mean);
        double se;
        double p = tco_result_p_cheapest(r, o, &se);
        char share[48];
        tco_numfmt_share(share, sizeof share, p, se, (double)r->per_option[o].tco.n);
        const char *name = r->options.items[o].name;
        if (tco_diag_text_width(name) > width) {
            char rank[24];
            snprintf(rank, sizeof rank, "%zu", k + 1);
            tco_report_print_long_name(out, 4, rank, name, line);
            fprintf(out, "    %4s  ", "");
            tco_report_pad(out, "", width, false);
        } else {
            fprintf(out, "    %4zu  ", k + 1);
            tco_report_pad(out, name, width, false);
        }
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
    snprintf(label, sizeof label, "  simulation %s: ",
             it->agrees == 1 ? "agrees" : it->agrees == 0 ? "DISAGREES" : "unsettled");
    tco_report_print_hanging(out, label, it->detail, 2, line);
    if (it->cheapest >= 0 && r->options.items[it->cheapest].note) {
        char *note = tco_diag_printable(r->options.items[it->cheapest].note);
        tco_report_print_hanging(out, "  note: ", note, 2, line);
        free(note);
    }
}

static int write_table(FILE *out, const tco_recommend *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputc('\n', out);
        table_one(out, &items[i]);
    }
    return ferror(out) ? -1 : 0;
}

/* ---- CSV (SPEC §7) --------------------------------------------------------------------- */

static int write_csv(FILE *out, const tco_recommend *items, size_t n)
{
    tco_table *t = tco_table_alloc(&TCO_RECOMMEND_SPEC);
    for (size_t i = 0; i < n; i++)
        tco_recommend_rows(t, &items[i]);
    int rc = tco_table_csv(out, t);
    tco_table_free(t);
    return rc;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* A member named as recommend's CSV column c. */
static void set_column(json_t *j, size_t c, json_t *v)
{
    json_object_set_new(j, TCO_RECOMMEND_SPEC.columns[c].name, v);
}

static json_t *json_item(const tco_recommend *it)
{
    const tco_result *r = it->result;
    json_t *j = json_object();
    json_object_set_new(j, "file", tco_report_json_text(it->file));
    json_object_set_new(j, "scenario", tco_report_json_text(r->scenario->name));
    json_t *rules = json_array();
    for (int k = 0; k < TCO_N_RULES; k++) {
        json_t *rule = json_object();
        set_column(rule, TCO_RECOMMEND_COL_RULE, json_integer(k + 1));
        set_column(rule, TCO_RECOMMEND_COL_VERDICT,
                   json_string(tco_verdict_name(it->rules.rule[k].verdict)));
        json_object_set_new(rule, "required", json_boolean(it->rules.rule[k].required));
        set_column(rule, TCO_RECOMMEND_COL_DETAIL, json_string(it->rules.rule[k].detail));
        json_array_append_new(rules, rule);
    }
    json_object_set_new(j, "rules", rules);
    json_t *overall = json_object();
    set_column(overall, TCO_RECOMMEND_COL_VERDICT, json_string(tco_verdict_name(it->rules.overall)));
    json_object_set_new(overall, "reason", json_string(it->rules.reason));
    json_object_set_new(j, "overall", overall);

    json_t *sim = json_object();
    json_object_set_new(sim, "months", json_integer(r->months));
    json_object_set_new(sim, "trials", json_integer((json_int_t)r->n_trials));
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed); /* exact: see report.c */
    json_object_set_new(sim, "seed", json_string(seed));
    tco_table *ranking = tco_table_alloc(&TCO_RECOMMEND_RANKING_SPEC);
    tco_recommend_ranking_rows(ranking, it);
    json_object_set_new(sim, TCO_RECOMMEND_RANKING_SPEC.json_name,
                        tco_table_json_rows(ranking, 0, tco_table_n_rows(ranking)));
    tco_table_free(ranking);
    json_object_set_new(sim, "cheapest",
                        it->cheapest >= 0
                            ? tco_report_json_text(r->options.items[it->cheapest].name)
                            : json_null());
    set_column(sim, TCO_RECOMMEND_COL_P_CHEAPEST, jnum(it->p_cheapest));
    set_column(sim, TCO_RECOMMEND_COL_CHEAPEST_KIND,
               it->cheapest >= 0 ? json_string(tco_verdict_name(it->cheapest_kind)) : json_null());
    set_column(sim, TCO_RECOMMEND_COL_P_CHEAPEST_KIND, jnum(it->p_kind));
    if (it->cheapest >= 0) {
        const double n_trials = (double)r->n_trials;
        double lo, hi;
        tco_proportion_interval95(it->p_cheapest * n_trials, n_trials, &lo, &hi);
        set_column(sim, TCO_RECOMMEND_COL_P_CHEAPEST_LO, jnum(lo));
        set_column(sim, TCO_RECOMMEND_COL_P_CHEAPEST_HI, jnum(hi));
        tco_proportion_interval95(it->p_kind * n_trials, n_trials, &lo, &hi);
        set_column(sim, TCO_RECOMMEND_COL_P_CHEAPEST_KIND_LO, jnum(lo));
        set_column(sim, TCO_RECOMMEND_COL_P_CHEAPEST_KIND_HI, jnum(hi));
    }
    set_column(sim, TCO_RECOMMEND_COL_AGREES,
               it->agrees < 0 ? json_null() : json_boolean(it->agrees));
    json_object_set_new(sim, "breakeven_notifications", jnum(it->breakeven));
    set_column(sim, TCO_RECOMMEND_COL_DETAIL, json_string(it->detail));
    json_object_set_new(j, "simulation", sim);
    return j;
}

static int write_json(FILE *out, const tco_recommend *items, size_t n, const tco_options *o,
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
    tco_result *results = NULL;
    tco_report_item *sim = NULL;
    tco_recommend *items = NULL;
    size_t n_done = 0;
    if (!tco_cmd_load_inputs(o, &prices, &batch, &worst)) {
        if (worst == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop);
        goto done;
    }
    const tco_status size = tco_cmd_check_run_size(&prices, &batch, false);
    if (size != TCO_OK) {
        if (size > worst)
            worst = size;
        goto done;
    }

    const tco_rule_thresholds thresholds = {o->min_dev_hours,          o->min_time_to_market,
                                            o->notification_threshold, o->seat_threshold,
                                            o->deviation_required,     o->deviation_shift};
    results = tco_xcalloc(batch.n_scenarios + 1, sizeof *results);
    sim = tco_xcalloc(batch.n_scenarios + 1, sizeof *sim);
    items = tco_xcalloc(batch.n_scenarios + 1, sizeof *items);
    const tco_status simulated =
        tco_cmd_simulate(o, &prices, &batch, NULL, 0, stop, results, sim, &n_done);
    if (simulated != TCO_OK) {
        if (simulated == TCO_EINTERRUPTED)
            tco_cmd_print_interrupted(stop);
        worst = simulated; /* else said in one line (the ranks of an MPI run disagree) */
        goto done;
    }
    for (size_t i = 0; i < n_done; i++)
        tco_recommend_analyse(&items[i], sim[i].file, &results[i], &prices, &thresholds);
    int rc = 0;
    switch (o->format) {
    case TCO_FORMAT_TABLE: rc = write_table(stdout, items, n_done); break;
    case TCO_FORMAT_CSV: rc = write_csv(stdout, items, n_done); break;
    case TCO_FORMAT_JSON: rc = write_json(stdout, items, n_done, o, &batch.errors); break;
    }
    if (rc != 0 && worst < TCO_EIOERR)
        worst = TCO_EIOERR; /* main says why, once */
done:
    /* the one way out: what was made is freed (items and results of the scenarios done) */
    for (size_t i = 0; i < n_done; i++) {
        tco_recommend_fini(&items[i]);
        tco_result_fini(&results[i]);
    }
    free(items);
    free(sim);
    free(results);
    tco_cmd_batch_fini(&batch);
    tco_prices_fini(&prices);
    return worst;
}
