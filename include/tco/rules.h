/* SPDX-License-Identifier: MIT */
/* rules: the four decision rules of the source analysis (SPEC §7) and the overall verdict.
 *
 * Pure: a scenario and the thresholds in, verdicts with their one-sentence details out; no I/O,
 * no simulation. Every rule reads the expected value of its inputs (tco_value_mean of the
 * scenario cell; `notifications` and `seats` as of month 1), and compares strictly as the
 * source writes it (< 20, < 30, > 10,000 and < 50, > 30%, > 10%): 20 hours is not < 20.
 *
 *   1. dev_hours_per_week < min_dev_hours, or api_expertise = no  -> ucaas (required)
 *   2. time_to_market_days < min_time_to_market                  -> ucaas (required)
 *   3. notifications > notification_threshold and seats < seat_threshold -> cpaas
 *   4. workflow_deviation > deviation_required -> cpaas (required);
 *      > deviation_shift -> cpaas (a shift toward CPaaS)
 *
 * Overall: capacity rules (1, 2) demanding UCaaS and use-case rules (3, 4) demanding CPaaS
 * conflict, and the source's answer is the dual-stack hybrid; only UCaaS demands give ucaas,
 * only CPaaS demands give cpaas; no demand at all gives ucaas, the pre-built default (no
 * engineering needed, 1-4 weeks to deploy). The default is fixed so that the verdict depends
 * on the rules alone; the simulated TCO is set beside it by `recommend`, not mixed into it.
 */
#ifndef TCO_RULES_H
#define TCO_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "tco/scenario.h"

typedef enum tco_verdict {
    TCO_VERDICT_NEUTRAL, /* a rule that requires nothing (or lacks its inputs) */
    TCO_VERDICT_UCAAS,
    TCO_VERDICT_CPAAS,
    TCO_VERDICT_HYBRID   /* overall only */
} tco_verdict;

/* The thresholds, with SPEC §7's values from tco_rules_thresholds_default. Shares are
 * fractions (0.30 is 30%). */
typedef struct tco_rule_thresholds {
    double min_dev_hours;          /* rule 1: hours per week (20) */
    double min_time_to_market;     /* rule 2: days (30) */
    double notification_threshold; /* rule 3: customer SMS in month 1 (10,000) */
    double seat_threshold;         /* rule 3: seats in month 1 (50) */
    double deviation_required;     /* rule 4: share of workflows (0.30) */
    double deviation_shift;        /* rule 4: share of workflows (0.10) */
} tco_rule_thresholds;

#define TCO_N_RULES 4
#define TCO_RULE_DETAIL_SIZE 512

typedef struct tco_rule_result {
    tco_verdict verdict;               /* NEUTRAL, UCAAS or CPAAS */
    bool required;                     /* the source says "required" (rule 4: > 30%) */
    char detail[TCO_RULE_DETAIL_SIZE]; /* the values that decided it, one sentence */
} tco_rule_result;

typedef struct tco_recommendation {
    tco_rule_result rule[TCO_N_RULES]; /* rule[0] is rule 1 */
    tco_verdict overall;               /* UCAAS, CPAAS or HYBRID */
    char reason[3 * TCO_RULE_DETAIL_SIZE]; /* why, one sentence */
} tco_recommendation;

/* SPEC §7's thresholds: 20 hours/week, 30 days, 10,000 notifications, 50 seats, 30%, 10%. */
tco_rule_thresholds tco_rules_thresholds_default(void);

/* Evaluates the four rules and the overall verdict of scenario s into *out. Never fails: a
 * rule whose inputs are missing is neutral and its detail names the missing column.
 * Thread-safe. */
void tco_rules_evaluate(const tco_scenario *s, const tco_rule_thresholds *t,
                        tco_recommendation *out);

/* "ucaas", "cpaas", "hybrid" or "neutral" (static). */
const char *tco_verdict_name(tco_verdict v);

#endif
