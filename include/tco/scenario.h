/* SPDX-License-Identifier: MIT */
/* scenario: a scenario file (SPEC §4) checked and loaded into typed scenarios.
 *
 * Every numeric column is a tco_value (number or distribution, SPEC §3) with a documented range;
 * a draw outside the range of an unbounded distribution (a normal's tail) is clamped to it by
 * tco_scenario_draw, and a bounded distribution must lie inside the range to load at all.
 * Problems are reported all at once, one located diagnostic each.
 */
#ifndef TCO_SCENARIO_H
#define TCO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <gsl/gsl_rng.h>

#include "tco/csvload.h"
#include "tco/defaults.h"
#include "tco/diag.h"
#include "tco/value.h"

/* The numeric columns, in SPEC §4's order, then §8.1's; then the §7 rule inputs. */
typedef enum tco_scn_field {
    TCO_SCN_SEATS,
    TCO_SCN_SEAT_GROWTH,
    TCO_SCN_SEAT_VOLATILITY,
    TCO_SCN_INTERNAL_SMS_PER_SEAT,
    TCO_SCN_VOICE_MINUTES_PER_SEAT,
    TCO_SCN_NOTIFICATIONS,
    TCO_SCN_NOTIFICATION_GROWTH,
    TCO_SCN_API_REQUESTS,
    TCO_SCN_API_GROWTH,
    TCO_SCN_VOLUME_VOLATILITY,
    TCO_SCN_SPIKE_PROBABILITY,
    TCO_SCN_SPIKE_MULTIPLIER,
    TCO_SCN_ENGINEER_RATE,
    TCO_SCN_CPAAS_BUILD_HOURS,
    TCO_SCN_CPAAS_MAINTENANCE_HOURS,
    TCO_SCN_UCAAS_SETUP_HOURS,
    TCO_SCN_UCAAS_ADMIN_HOURS,
    TCO_SCN_PRICE_ESCALATION,
    TCO_SCN_DISCOUNT_RATE,
    TCO_SCN_PHONE_NUMBERS,
    TCO_SCN_UCAAS_DEPLOY_MONTHS,
    TCO_SCN_CPAAS_DEPLOY_MONTHS,
    TCO_SCN_DELAY_COST_PER_MONTH,
    TCO_SCN_CPAAS_STAFF_BUILD_HOURS,       /* SPEC §8.1: `cpaas:` options only */
    TCO_SCN_CPAAS_STAFF_MAINTENANCE_HOURS,
    TCO_SCN_CPAAS_COST_PER_SEAT,
    TCO_SCN_DEV_HOURS_PER_WEEK,
    TCO_SCN_TIME_TO_MARKET_DAYS,
    TCO_SCN_WORKFLOW_DEVIATION,
    TCO_SCN_N_FIELDS
} tco_scn_field;

/* SPEC §4 `spike_multiplier` is drawn per spike, not per trial: the engine draws it itself. */

/* SPEC §12.1: one planned level of a schedule (--schedule, tco/schedule.h): quantity `field`
 * (TCO_SCN_SEATS, TCO_SCN_NOTIFICATIONS or TCO_SCN_API_REQUESTS) is planned at `level` from
 * `month` on. A scenario's steps are sorted by field, then month (each month once a field). */
typedef struct tco_scenario_step {
    tco_scn_field field;
    int month;               /* 1..months */
    tco_value level;         /* in the field's range; drawn once per trial */
    const char *input;       /* "schedule:seats@7", the name sensitivity gives it (SPEC §10) */
    unsigned long line;      /* where the schedule file has it */
    unsigned col;
} tco_scenario_step;
struct tco_copula;

typedef struct tco_scenario {
    const char *name;            /* in the file's arena */
    unsigned long line;          /* where its row starts */
    int months;                  /* 1..TCO_MAX_MONTHS */
    tco_value v[TCO_SCN_N_FIELDS];
    bool given[TCO_SCN_N_FIELDS]; /* the file has the column and the cell is not blank */
    int api_expertise;           /* 1 yes, 0 no, -1 not given */
    /* SPEC §12.1: the planned levels a schedule gives it (tco_schedule_bind), NULL/0: none;
     * owned by the tco_schedule, which must outlive every use of the scenario */
    const tco_scenario_step *steps;
    size_t n_steps;
    /* SPEC §12.3: the copula of its correlated inputs while it is simulated (tco/copula.h,
     * borrowed, set by the caller of the engine); NULL: none */
    const struct tco_copula *copula;
    /* SPEC §12.2 migrate_month: the months k (2..months, ascending, distinct) at which a
     * `migrate:U+C@k` option moves customer traffic from ucaas:U to hybrid:U+C */
    int migrate_month[TCO_MAX_MIGRATE_MONTHS];
    int n_migrate;
} tco_scenario;

typedef struct tco_scenario_file {
    char *path;                  /* owned */
    tco_scenario *items;
    size_t n;
    tco_arena arena;
} tco_scenario_file;

void tco_scenario_file_init(tco_scenario_file *f);
void tco_scenario_file_fini(tco_scenario_file *f);

/* True when the header names a `scenario` column (how `validate` tells the file kinds apart). */
bool tco_scenario_table_is_scenario(const tco_csv_table *t);

/* Checks every row of t and fills *f with the good ones. Returns TCO_OK or TCO_EDATA with a
 * diagnostic per problem appended to diags (plausibility warnings too, tco_diag_warn: errors
 * when diags->warnings_are_errors), or TCO_EUSAGE for a price sheet given as a scenario
 * file. */
tco_status tco_scenario_from_table(const tco_csv_table *t, tco_scenario_file *f,
                                   tco_diag_list *diags);

/* tco_csv_load + tco_scenario_from_table. */
tco_status tco_scenario_load(const char *path, tco_scenario_file *f, tco_diag_list *diags);

/* Every column a scenario file accepts (SPEC §4, §7 and the extensions such as `note`):
 * tco_scenario_column(i) for i < tco_scenario_n_columns(), NULL past the end. Static strings;
 * tcosim-scenario(5) documents each (a test compares the two lists). */
size_t tco_scenario_n_columns(void);
const char *tco_scenario_column(size_t i);

/* The column name of a field ("seat_growth"). */
const char *tco_scenario_field_name(tco_scn_field field);

/* Draws every workload field once (SPEC §3: a distribution is drawn once per trial) into out[],
 * each clamped to its column's range. Constants do not touch r. spike_multiplier and the §7
 * rule inputs are not drawn: out[] holds their means. */
void tco_scenario_draw(const tco_scenario *s, gsl_rng *r, double out[TCO_SCN_N_FIELDS]);

/* One draw of value v as a cell of `field` (tco_scenario_draw's clamping into the column's
 * range); a constant does not touch r. A schedule's levels are drawn so (tco/workload.h). */
double tco_scenario_draw_field(tco_scn_field field, const tco_value *v, gsl_rng *r);

/* Parses the cell of `field` in row `row`, column `col` (0-based) of t into *out, checked
 * against the column's range with the scenario loader's messages, hints and plausibility
 * warnings (a schedule's cells are read so). False with a diagnostic appended on error. */
bool tco_scenario_parse_field(const tco_csv_table *t, const tco_csv_row *row, long col,
                              tco_scn_field field, tco_value *out, tco_diag_list *diags);

/* SPEC §5, §12.1: whether the workload has quantity `field` at all: its cell or one of its
 * planned levels is not constantly zero (a product launched in month 7 has notifications). */
bool tco_scenario_has(const tco_scenario *s, tco_scn_field field);

/* The mean of `field` as of month 1 (SPEC §7 reads the rules so): its month-1 planned level
 * when a schedule gives one, else its cell. */
double tco_scenario_month1_mean(const tco_scenario *s, tco_scn_field field);

/* The month whose level a break-even of `field` is read as, with every cell at its mean
 * (tco/workload.h: month 1, or where the plan is 0 in month 1 its first month with a level
 * that is not 0), and that level's mean in *mean. 1 without a schedule of the field. */
int tco_scenario_reference_month(const tco_scenario *s, tco_scn_field field, double *mean);
/* Whether tco_scenario_draw draws the field once per trial (a correlatable input, SPEC §12.3):
 * every workload field but spike_multiplier (drawn per spike) and the §7 rule inputs (read as
 * their means). */
bool tco_scenario_field_is_drawn(tco_scn_field field);

/* The range tco_scenario_draw clamps the field's draw into. */
void tco_scenario_field_clamp(tco_scn_field field, double *lo, double *hi);

/* The field named `name` (a column of tco_scenario_column that holds a number or a
 * distribution), or -1. */
int tco_scenario_field_of(const char *name);

/* The accepted column closest to `name` by edit distance (for "did you mean"), or NULL when
 * none is close. */
const char *tco_scenario_closest_column(const char *name);

/* Draws spike_multiplier once (a fresh draw per spike, SPEC §4), clamped to its range. */
double tco_scenario_draw_spike(const tco_scenario *s, gsl_rng *r);

#endif
