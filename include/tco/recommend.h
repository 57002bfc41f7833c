/* SPDX-License-Identifier: MIT */
/* recommend: `recommend`'s analysis, the decision rules of SPEC §7 beside the simulated TCO.
 *
 * Pure: a scenario's simulation result, the price sheets and the thresholds in; the rules'
 * verdicts, the simulation's verdict by kind, whether they agree and, when they do not, the
 * break-even that explains the gap out; no I/O. The kind (ucaas/cpaas/hybrid) whose options
 * are together cheapest in the most trials is the simulated answer, led by its option with the
 * highest p_cheapest; when that kind is cheapest in more than half of the trials and is not the
 * overall verdict, the disagreement is explained by a break-even volume: the month-1
 * notification volume at which the leading option and the best (lowest mean) option of the
 * recommended kind cost the same, with every scenario cell and price at its mean
 * (tco_mean_trial and tco_breakeven_solve, the definition and solver `tcosim breakeven` uses:
 * the lowest root). The output's tables (SPEC §7's CSV rows, the JSON ranking) are made here,
 * so that each column's name is written once.
 */
#ifndef TCO_RECOMMEND_H
#define TCO_RECOMMEND_H

#include <stddef.h>

#include "tco/engine.h"
#include "tco/pricesheet.h"
#include "tco/rules.h"
#include "tco/table.h"

#define TCO_RECOMMEND_DETAIL_SIZE 2048

/* One scenario's rules and what the simulation says beside them. */
typedef struct tco_recommend {
    const char *file;          /* the scenario's file name; not owned */
    const tco_result *result;  /* the simulation; not owned */
    tco_recommendation rules;  /* the four rules and the overall verdict */
    size_t *order;             /* options by mean TCO, offered first; owned */
    size_t n_offered;
    tco_verdict cheapest_kind; /* the kind whose options are cheapest in most trials;
                                * NEUTRAL when none is offered */
    double p_kind;             /* the sum of p_cheapest over that kind's options; NAN: none */
    long cheapest;             /* that kind's option with the highest p_cheapest; -1: none */
    double p_cheapest;         /* its p_cheapest; NAN: none */
    int agrees;                /* 1 yes, 0 no, -1 unsettled (no kind above 50%, none offered) */
    double breakeven;          /* month-1 notifications; NAN when none was computed or found */
    char detail[TCO_RECOMMEND_DETAIL_SIZE]; /* the simulation's side in one sentence */
} tco_recommend;

/* Evaluates the rules of r's scenario with thresholds t and sets the simulation r beside them
 * into *out (which the caller finishes with tco_recommend_fini). Agreement is judged by kind,
 * the thing the rules decide: the p_cheapest of a kind's options add up (ties share a trial,
 * SPEC §6, so two UCaaS plans at the same seat price split 100% into 50% + 50%). `prices` are
 * the sheets r was simulated on (for the break-even). Never fails; thread-safe. */
void tco_recommend_analyse(tco_recommend *out, const char *file, const tco_result *r,
                           const tco_prices *prices, const tco_rule_thresholds *t);
void tco_recommend_fini(tco_recommend *x);

/* The kind of verdict an option's kind stands for (UCAAS, CPAAS or HYBRID). */
tco_verdict tco_recommend_kind_verdict(tco_option_kind k);

/* The break-even of options a and b over month-1 notifications, every cell of s and price of p
 * at its mean (the lowest root). Returns 1 and *n when found, *sign the sign of TCO(a) - TCO(b)
 * just above it; else 0 with *sign its sign everywhere (+1: a dearer, -1: a cheaper, 0: equal,
 * to half a cent, at every volume). */
int tco_recommend_mean_breakeven(const tco_scenario *s, const tco_prices *p,
                                 const tco_option_set *set, const tco_option *a,
                                 const tco_option *b, double *n, int *sign);

/* ---- tables ---------------------------------------------------------------------------- */

/* SPEC §7's CSV: file, scenario, rule, verdict, detail, one row per rule and an `overall` row,
 * then extension columns filled on the overall row only (simulated_cheapest, p_cheapest,
 * cheapest_kind, p_cheapest_kind, agrees, simulation_detail, and the 95% intervals of the two
 * shares). */
extern const tco_table_spec TCO_RECOMMEND_SPEC;
/* The columns of TCO_RECOMMEND_SPEC, in order; the JSON document names its members alike
 * (TCO_RECOMMEND_SPEC.columns[TCO_RECOMMEND_COL_P_CHEAPEST].name). */
enum {
    TCO_RECOMMEND_COL_FILE,
    TCO_RECOMMEND_COL_SCENARIO,
    TCO_RECOMMEND_COL_RULE,
    TCO_RECOMMEND_COL_VERDICT,
    TCO_RECOMMEND_COL_DETAIL,
    TCO_RECOMMEND_COL_SIMULATED_CHEAPEST,
    TCO_RECOMMEND_COL_P_CHEAPEST,
    TCO_RECOMMEND_COL_CHEAPEST_KIND,
    TCO_RECOMMEND_COL_P_CHEAPEST_KIND,
    TCO_RECOMMEND_COL_AGREES,
    TCO_RECOMMEND_COL_SIMULATION_DETAIL,
    TCO_RECOMMEND_COL_P_CHEAPEST_LO,
    TCO_RECOMMEND_COL_P_CHEAPEST_HI,
    TCO_RECOMMEND_COL_P_CHEAPEST_KIND_LO,
    TCO_RECOMMEND_COL_P_CHEAPEST_KIND_HI,
    TCO_RECOMMEND_N_COLUMNS
};
/* Adds the five rows of x to t (a table of TCO_RECOMMEND_SPEC). */
void tco_recommend_rows(tco_table *t, const tco_recommend *x);

/* The simulation's ranking of one scenario: its offered options by mean TCO (file, scenario
 * keys; option, kind, mean, p_cheapest, p_cheapest_se, p_cheapest_lo, p_cheapest_hi), the
 * `ranking` array of the JSON document. */
extern const tco_table_spec TCO_RECOMMEND_RANKING_SPEC;
void tco_recommend_ranking_rows(tco_table *t, const tco_recommend *x);

#endif
