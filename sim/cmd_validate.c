/* SPDX-License-Identifier: MIT */
/* cmd_validate: check scenario files, price sheets and schedules; the kind is told from the
 * header. A schedule is checked alone in its place (columns, months 1..600, cells, each month
 * once per scenario) and, when the command names scenario files too, against the good ones
 * after them all (scenarios it names, months within their horizon, growth columns): its "ok"
 * line comes then, and says which of the two it was. */
#include "tco/cmd_validate.h"

#include <stdio.h>
#include <string.h>

#include "tco/cmdutil.h"
#include "tco/correlations.h"
#include "tco/csvload.h"
#include "tco/pricesheet.h"
#include "tco/scenario.h"
#include "tco/schedule.h"
#include "tco/xalloc.h"

/* A schedule whose own check passed, waiting for the scenario files of the command. */
typedef struct pending_schedule {
    tco_schedule sc;
    tco_status st;
} pending_schedule;

/* The schedules against the good scenario files (all of them, else a scenario it names may
 * be in a refused one); their "ok" lines. */
static tco_status bind_schedules(const tco_options *o, pending_schedule *pend, size_t n_pend,
                                 tco_scenario_file *files, size_t n_files, bool all_good)
{
    tco_status worst = TCO_OK;
    for (size_t i = 0; i < n_pend; i++) {
        tco_diag_list diags;
        tco_diag_list_init(&diags);
        tco_status st = pend[i].st;
        if (st == TCO_OK && n_files > 0)
            st = tco_schedule_bind(&pend[i].sc, files, n_files, all_good, &diags);
        tco_cmd_print_diags(&diags);
        tco_diag_list_fini(&diags);
        if (st == TCO_OK && !o->quiet)
            printf("%s: ok: schedule, %zu %s, %zu planned %s%s\n", pend[i].sc.path,
                   pend[i].sc.n_plans, pend[i].sc.n_plans == 1 ? "scenario" : "scenarios",
                   pend[i].sc.n_steps, pend[i].sc.n_steps == 1 ? "level" : "levels",
                   n_files > 0 ? ", checked against the scenario files"
                               : " (give the scenario files too to check their names, "
                                 "months and growth columns)");
        if (st > worst)
            worst = st;
    }
    return worst;
}

/* A correlations file (SPEC §12.3) against the scenario files of the same command (the ones
 * that loaded), or alone when there are none. */
static tco_status validate_correlations(const tco_options *o, const tco_csv_table *t,
                                        tco_status loaded, const tco_scenario_file *files,
                                        size_t n_files)
{
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    diags.warnings_are_errors = o->strict;
    tco_correlations c;
    tco_correlations_init(&c);
    tco_status st = tco_correlations_from_table(t, &c, &diags);
    if (st == TCO_OK || st == TCO_EDATA) { /* the good rows too: every problem listed */
        tco_status st2 = tco_correlations_check(&c, files, n_files, &diags);
        if (st == TCO_OK)
            st = st2;
    }
    if (loaded != TCO_OK && st != TCO_EUSAGE)
        st = loaded;
    tco_cmd_print_diags(&diags);
    if (st == TCO_OK && !o->quiet)
        printf("%s: ok: correlations file, %zu %s\n", t->path, c.n, c.n == 1 ? "pair" : "pairs");
    tco_correlations_fini(&c);
    tco_diag_list_fini(&diags);
    return st;
}

/* tcosim validate: every file checked, every problem printed, nothing changed. Correlations
 * files are checked last, against every scenario file given. */
tco_status tco_cmd_validate(const tco_options *o)
{
    tco_status worst = TCO_OK;
    tco_prices prices;
    tco_prices_init(&prices);
    /* the good scenario files, kept for the schedules; the schedules to check against them */
    tco_scenario_file *scenarios = tco_xcalloc(o->n_files + 1, sizeof *scenarios);
    pending_schedule *pend = tco_xcalloc(o->n_files + 1, sizeof *pend);
    size_t n_scenarios = 0, n_pend = 0;
    bool scenarios_good = true;
    /* correlations files, checked last against every good scenario file */
    tco_csv_table *correlations = tco_xcalloc(o->n_files + 1, sizeof *correlations);
    tco_status *correlations_loaded = tco_xcalloc(o->n_files + 1, sizeof *correlations_loaded);
    size_t n_correlations = 0;
    for (size_t i = 0; i < o->n_files; i++) {
        const char *path = o->files[i];
        tco_diag_list diags;
        tco_diag_list_init(&diags);
        diags.warnings_are_errors = o->strict;
        tco_csv_table t;
        tco_csv_table_init(&t);
        tco_status st = tco_csv_load(path, &t, &diags);
        const char *kind = NULL;
        size_t count = 0;
        if (t.header.n_fields > 0 && st != TCO_ENOINPUT &&
            tco_correlations_table_is_correlations(&t)) {
            /* checked after the scenario files, which it names */
            tco_cmd_print_diags(&diags);
            tco_diag_list_fini(&diags);
            correlations[n_correlations] = t;
            correlations_loaded[n_correlations++] = st;
            continue;
        }
        if (t.header.n_fields > 0 && st != TCO_ENOINPUT) {
            if (tco_schedule_table_is_schedule(&t)) {
                pending_schedule *p = &pend[n_pend++];
                tco_schedule_init(&p->sc);
                tco_status s2 = tco_schedule_from_table(&t, &p->sc, &diags);
                if (st == TCO_OK)
                    st = s2;
                p->st = st;
                kind = "schedule"; /* its ok line comes after the scenario files */
            } else if (tco_scenario_table_is_scenario(&t)) {
                tco_scenario_file f;
                tco_scenario_file_init(&f);
                tco_status s2 = tco_scenario_from_table(&t, &f, &diags);
                if (st == TCO_OK)
                    st = s2;
                kind = "scenario file";
                count = f.n;
                if (st == TCO_OK)
                    scenarios[n_scenarios++] = f;
                else
                    tco_scenario_file_fini(&f);
            } else if (tco_prices_table_is_sheet(&t)) {
                size_t before = prices.n_plans;
                tco_status s2 = tco_prices_add_sheet(&prices, &t, &diags);
                if (st == TCO_OK)
                    st = s2;
                kind = "price sheet";
                count = prices.n_plans - before;
            } else {
                tco_diag_add(&diags, TCO_EDATA, path, t.header.line, 0,
                             "expected a scenario file (a \"scenario\" column) or a price sheet "
                             "(\"vendor\", \"plan\", \"model\", \"item\", \"price\" columns), got "
                             "neither in the header");
                st = TCO_EDATA;
            }
        } else {
            scenarios_good = false; /* unreadable: it may be a scenario file */
        }
        if (kind && strcmp(kind, "scenario file") == 0 && st != TCO_OK)
            scenarios_good = false;
        tco_cmd_print_diags(&diags);
        if (kind && strcmp(kind, "schedule") == 0)
            kind = NULL;
        if (st == TCO_OK && kind && !o->quiet)
            printf("%s: ok: %s, %zu %s\n", path, kind, count,
                   strcmp(kind, "price sheet") == 0 ? (count == 1 ? "plan" : "plans")
                                                    : (count == 1 ? "scenario" : "scenarios"));
        if (st > worst)
            worst = st;
        tco_csv_table_fini(&t);
        tco_diag_list_fini(&diags);
    }
    for (size_t i = 0; i < n_correlations; i++) {
        tco_status st = validate_correlations(o, &correlations[i], correlations_loaded[i],
                                              scenarios, n_scenarios);
        if (st > worst)
            worst = st;
        tco_csv_table_fini(&correlations[i]);
    }
    free(correlations);
    free(correlations_loaded);
    /* Checks across sheets: the same plan in two sheets of the same file name. */
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    if (tco_prices_finish(&prices, &diags) != TCO_OK && TCO_EDATA > worst)
        worst = TCO_EDATA;
    tco_cmd_print_diags(&diags);
    tco_diag_list_fini(&diags);
    tco_prices_fini(&prices);
    /* SPEC §12.1: each schedule against the scenario files given with it */
    const tco_status bound =
        bind_schedules(o, pend, n_pend, scenarios, n_scenarios, scenarios_good);
    if (bound > worst)
        worst = bound;
    for (size_t i = 0; i < n_pend; i++)
        tco_schedule_fini(&pend[i].sc);
    for (size_t i = 0; i < n_scenarios; i++)
        tco_scenario_file_fini(&scenarios[i]);
    free(pend);
    free(scenarios);
    return worst;
}


