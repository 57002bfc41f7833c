/* SPDX-License-Identifier: MIT */
/* schedule: a schedule file (--schedule, SPEC §12.1) checked, loaded and bound to the scenarios
 * it plans.
 *
 * CSV `scenario,month,...` whose other columns are among `seats`, `notifications`,
 * `api_requests` (and `note`, text ignored by the model): a row plans the level of each
 * quantity whose cell it fills from that month on, a step function; a blank cell leaves that
 * quantity as it was. Months before a quantity's first row keep the scenario's cell. Cells
 * are values (SPEC §3) in the scenario column's range, read by the scenario loader's own
 * parser (tco_scenario_parse_field), so a distribution is drawn once per trial (tco/workload.h,
 * from a stream of the schedule's own).
 *
 * Checked alone (tco_schedule_from_table): the header (required `scenario` and `month`, at
 * least one quantity, no unknown or repeated column), every cell, months 1..600, each month
 * once per scenario, a row with no level at all, a file with no row. Checked against the
 * scenarios (tco_schedule_bind): every scenario named exists, its months are within the
 * scenario's horizon, and a scheduled quantity's growth column is 0 or absent (the schedule
 * replaces it). Problems are reported all at once, one located diagnostic each.
 */
#ifndef TCO_SCHEDULE_H
#define TCO_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "tco/csvload.h"
#include "tco/diag.h"
#include "tco/scenario.h"

/* A row of the schedule, for the checks against a scenario. */
typedef struct tco_schedule_row {
    unsigned long line;
    int month;
} tco_schedule_row;

/* The planned levels of one scenario name. */
typedef struct tco_schedule_plan {
    const char *scenario;          /* in the schedule's arena */
    const tco_scenario_step *steps; /* [n_steps], sorted by field then month */
    size_t n_steps;
    const tco_schedule_row *rows;  /* [n_rows], by month */
    size_t n_rows;
} tco_schedule_plan;

typedef struct tco_schedule {
    char *path;                    /* owned; NULL before a load */
    tco_scenario_step *steps;      /* every plan's steps, plan after plan */
    size_t n_steps;
    tco_schedule_row *rows;
    size_t n_rows;
    tco_schedule_plan *plans;      /* sorted by scenario name (strcmp) */
    size_t n_plans;
    unsigned scenario_col, month_col; /* 1-based, for diagnostics */
    tco_arena arena;
} tco_schedule;

void tco_schedule_init(tco_schedule *sc);
void tco_schedule_fini(tco_schedule *sc);

/* True when the header has `scenario` and `month` and no `months` (how `validate` tells a
 * schedule from a scenario file). */
bool tco_schedule_table_is_schedule(const tco_csv_table *t);

/* Checks every row of t alone and fills *sc with the good ones. TCO_OK, or TCO_EDATA with a
 * diagnostic per problem appended to diags, or TCO_EUSAGE for a scenario file or price sheet
 * given as a schedule (the command line put a good file in the wrong place). */
tco_status tco_schedule_from_table(const tco_csv_table *t, tco_schedule *sc,
                                   tco_diag_list *diags);

/* tco_csv_load + tco_schedule_from_table. */
tco_status tco_schedule_load(const char *path, tco_schedule *sc, tco_diag_list *diags);

/* Checks the schedule against the scenarios of files[0..n_files) and gives each scenario whose
 * name it plans its steps (tco_scenario.steps, pointing into sc: sc must outlive them; every
 * scenario of that name, in any file). A scenario named by the schedule but by no file is an
 * error only when `unknown_is_error` (false when a scenario file of the run was refused: it
 * may be the one that has it). TCO_OK or TCO_EDATA with located diagnostics (in the schedule
 * file). */
tco_status tco_schedule_bind(const tco_schedule *sc, tco_scenario_file *files, size_t n_files,
                             bool unknown_is_error, tco_diag_list *diags);

/* Every column a schedule accepts, for tcosim-scenario(5) (a test compares the two lists):
 * tco_schedule_column(i) for i < tco_schedule_n_columns(), NULL past the end. */
size_t tco_schedule_n_columns(void);
const char *tco_schedule_column(size_t i);

/* SPEC §10 sensitivity: the schedule cells of scenario s that are distributions, each named
 * `schedule:COLUMN@MONTH`. For k < tco_schedule_n_inputs(s), tco_schedule_input(s, k) is the
 * index i of its step: s->steps[i].input is its name, s->steps[i].level its distribution, and
 * a trial's draw of it is tco_workload.step_draws[i]. */
size_t tco_schedule_n_inputs(const tco_scenario *s);
size_t tco_schedule_input(const tco_scenario *s, size_t k);

#endif
