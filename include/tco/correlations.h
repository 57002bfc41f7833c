/* SPDX-License-Identifier: MIT */
/* correlations: a correlations file (SPEC §12.3) checked against the scenarios of a run, and
 * each scenario's Gaussian copula built from it.
 *
 * CSV `scenario,input_a,input_b,rank_correlation` (columns in any order, an optional `note`);
 * a blank `scenario` gives the pair to every scenario in which both inputs hold distributions.
 * An input is a scenario column drawn once per trial (tco_scenario_field_is_drawn). Checked,
 * each problem one located diagnostic: the header, each row (an unknown input, an input that
 * is not drawn per trial, an input paired with itself, a rank correlation that is not a number
 * above -1 and below 1, a pair given twice for one `scenario` cell), then against the
 * scenarios (an unknown scenario, a named input that holds a number there, a pair given both
 * for every scenario and for this one, a matrix of normal correlations that is not positive
 * definite, located at the row after which it never is again).
 */
#ifndef TCO_CORRELATIONS_H
#define TCO_CORRELATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "tco/copula.h"
#include "tco/csvload.h"
#include "tco/diag.h"
#include "tco/scenario.h"

/* One good row. */
typedef struct tco_correlation {
    unsigned long line;
    const char *scenario; /* in the arena; NULL: every scenario (a blank cell) */
    tco_scn_field a, b;   /* as written */
    double rank;          /* rho, -1 < rho < 1 */
    double normal;        /* tco_copula_normal_correlation(rho) */
    const char *rank_text; /* the cell as written, for messages */
} tco_correlation;

typedef struct tco_correlations {
    char *path;             /* owned */
    tco_correlation *items; /* the good rows, in file order */
    size_t n;
    unsigned col_scenario, col_a, col_b, col_rank; /* 1-based, for the diagnostics; 0: absent */
    size_t *named;          /* indexes of the rows that name a scenario, by (name, line) */
    size_t n_named;
    size_t *every;          /* indexes of the rows for every scenario, in file order */
    size_t n_every;
    tco_arena arena;
} tco_correlations;

void tco_correlations_init(tco_correlations *c);
void tco_correlations_fini(tco_correlations *c);

/* True when the header names `input_a`, `input_b` or `rank_correlation` (how `validate` tells a
 * correlations file from a scenario file, which also has a `scenario` column). */
bool tco_correlations_table_is_correlations(const tco_csv_table *t);

/* Checks the header and every row of t and keeps the good rows in *c. Returns TCO_OK, TCO_EDATA
 * with a diagnostic per problem, or TCO_EUSAGE for a scenario file or price sheet given as a
 * correlations file. */
tco_status tco_correlations_from_table(const tco_csv_table *t, tco_correlations *c,
                                       tco_diag_list *diags);

/* tco_csv_load + tco_correlations_from_table. */
tco_status tco_correlations_load(const char *path, tco_correlations *c, tco_diag_list *diags);

/* Checks c against the scenarios of files[0..n_files) (a file with n == 0 has none). With no
 * scenario at all (`validate` of a correlations file alone) each named scenario is checked with
 * the rows for every scenario, and the rows for every scenario alone, as if every input held a
 * distribution. A row for every scenario that applies to none is a warning. Returns TCO_OK or
 * TCO_EDATA. */
tco_status tco_correlations_check(const tco_correlations *c, const tco_scenario_file *files,
                                  size_t n_files, tco_diag_list *diags);

/* The copula of scenario s (which tco_correlations_check passed), or NULL when no row applies
 * to it. Its inverse CDFs are tabulated here, once for the run of s. Caller frees with
 * tco_copula_free. */
tco_copula *tco_correlations_copula(const tco_correlations *c, const tco_scenario *s);

#endif
