/* SPDX-License-Identifier: MIT */
/* rules: SPEC §7's four decision rules and the overall verdict (see tco/rules.h).
 *
 * The rules come from the source analysis's "How Do You Evaluate Which Architecture Fits"
 * section: developer capacity, implementation timeline, use-case target, customisation
 * threshold. Each detail sentence carries the values that decided the verdict, printed the way
 * a reader checks them by hand ("notifications 300,000 > 10,000 and seats 8 < 50").
 */
#include "tco/rules.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tco/defaults.h"
#include "tco/numfmt.h"

tco_rule_thresholds tco_rules_thresholds_default(void)
{
    /* SPEC §7 */
    tco_rule_thresholds t = {TCO_DEFAULT_MIN_DEV_HOURS,          TCO_DEFAULT_MIN_TIME_TO_MARKET,
                             TCO_DEFAULT_NOTIFICATION_THRESHOLD, TCO_DEFAULT_SEAT_THRESHOLD,
                             TCO_DEFAULT_DEVIATION_REQUIRED,     TCO_DEFAULT_DEVIATION_SHIFT};
    return t;
}

const char *tco_verdict_name(tco_verdict v)
{
    switch (v) {
    case TCO_VERDICT_UCAAS: return "ucaas";
    case TCO_VERDICT_CPAAS: return "cpaas";
    case TCO_VERDICT_HYBRID: return "hybrid";
    case TCO_VERDICT_NEUTRAL: break;
    }
    return "neutral";
}

/* A share as a percentage: 0.35 -> "35%". */
static void format_percent(char *buf, size_t size, double share)
{
    char n[48];
    tco_numfmt_amount(n, sizeof n, share * 100);
    snprintf(buf, size, "%s%%", n);
}

static void set(tco_rule_result *r, tco_verdict v, bool required, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void set(tco_rule_result *r, tco_verdict v, bool required, const char *fmt, ...)
{
    r->verdict = v;
    r->required = required;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->detail, sizeof r->detail, fmt, ap);
    va_end(ap);
}

/* ---- rule 1: developer capacity -------------------------------------------------------- */

/* SPEC §7 rule 1: bandwidth < min_dev_hours OR no REST API expertise -> UCaaS required. The OR
 * means one present input that triggers decides; otherwise both are needed to say "neutral"
 * with confidence, and the detail names what is missing. */
static void rule_capacity(const tco_scenario *s, const tco_rule_thresholds *t, tco_rule_result *r)
{
    const char *DEV = tco_scenario_field_name(TCO_SCN_DEV_HOURS_PER_WEEK);
    const bool dev_given = s->given[TCO_SCN_DEV_HOURS_PER_WEEK];
    const bool api_given = s->api_expertise >= 0;
    const double dev = tco_value_mean(&s->v[TCO_SCN_DEV_HOURS_PER_WEEK]);
    const bool dev_low = dev_given && dev < t->min_dev_hours;
    const bool api_absent = api_given && s->api_expertise == 0;
    char hours[64], min[64];
    tco_numfmt_amount(hours, sizeof hours, dev);
    tco_numfmt_amount(min, sizeof min, t->min_dev_hours);

    if (dev_low && api_absent)
        set(r, TCO_VERDICT_UCAAS, true, "%s %s < %s and api_expertise no: UCaaS required", DEV,
            hours, min);
    else if (dev_low)
        set(r, TCO_VERDICT_UCAAS, true, "%s %s < %s: UCaaS required%s", DEV, hours, min,
            api_given ? "" : " (api_expertise not given)");
    else if (api_absent)
        set(r, TCO_VERDICT_UCAAS, true, "api_expertise no: UCaaS required%s%s%s",
            dev_given ? "" : " (", dev_given ? "" : DEV, dev_given ? "" : " not given)");
    else if (dev_given && api_given)
        set(r, TCO_VERDICT_NEUTRAL, false, "%s %s >= %s and api_expertise yes: no constraint",
            DEV, hours, min);
    else if (dev_given)
        set(r, TCO_VERDICT_NEUTRAL, false, "%s %s >= %s, but api_expertise not given", DEV,
            hours, min);
    else if (api_given)
        set(r, TCO_VERDICT_NEUTRAL, false, "api_expertise yes, but %s not given", DEV);
    else
        set(r, TCO_VERDICT_NEUTRAL, false, "%s and api_expertise not given", DEV);
}

/* ---- rule 2: implementation timeline --------------------------------------------------- */

static void rule_timeline(const tco_scenario *s, const tco_rule_thresholds *t, tco_rule_result *r)
{
    const char *TTM = tco_scenario_field_name(TCO_SCN_TIME_TO_MARKET_DAYS);
    if (!s->given[TCO_SCN_TIME_TO_MARKET_DAYS]) {
        set(r, TCO_VERDICT_NEUTRAL, false, "%s not given", TTM);
        return;
    }
    const double days = tco_value_mean(&s->v[TCO_SCN_TIME_TO_MARKET_DAYS]);
    char d[64], min[64];
    tco_numfmt_amount(d, sizeof d, days);
    tco_numfmt_amount(min, sizeof min, t->min_time_to_market);
    /* SPEC §7 rule 2: strictly less: 30 days is not < 30 */
    if (days < t->min_time_to_market)
        set(r, TCO_VERDICT_UCAAS, true, "%s %s < %s: UCaaS required", TTM, d, min);
    else
        set(r, TCO_VERDICT_NEUTRAL, false, "%s %s >= %s: no constraint", TTM, d, min);
}

/* ---- rule 3: use-case target ----------------------------------------------------------- */

/* notifications and seats always exist (defaults 0 and a required column), so rule 3 is never
 * neutral for want of inputs. */
static void rule_use_case(const tco_scenario *s, const tco_rule_thresholds *t, tco_rule_result *r)
{
    /* SPEC §7: as of month 1 (a schedule's month-1 level where it gives one) */
    const double notif = tco_scenario_month1_mean(s, TCO_SCN_NOTIFICATIONS);
    const double seats = tco_scenario_month1_mean(s, TCO_SCN_SEATS);
    char n[64], nt[64], se[64], st[64];
    tco_numfmt_amount(n, sizeof n, notif);
    tco_numfmt_amount(nt, sizeof nt, t->notification_threshold);
    tco_numfmt_amount(se, sizeof se, seats);
    tco_numfmt_amount(st, sizeof st, t->seat_threshold);
    const bool many = notif > t->notification_threshold;
    const bool few = seats < t->seat_threshold;
    if (many && few)
        set(r, TCO_VERDICT_CPAAS, true, "notifications %s > %s and seats %s < %s: CPaaS", n, nt,
            se, st);
    else if (many)
        set(r, TCO_VERDICT_NEUTRAL, false, "notifications %s > %s but seats %s >= %s", n, nt, se,
            st);
    else if (few)
        set(r, TCO_VERDICT_NEUTRAL, false, "notifications %s <= %s (seats %s < %s)", n, nt, se,
            st);
    else
        set(r, TCO_VERDICT_NEUTRAL, false, "notifications %s <= %s and seats %s >= %s", n, nt, se,
            st);
}

/* ---- rule 4: customisation threshold --------------------------------------------------- */

static void rule_customisation(const tco_scenario *s, const tco_rule_thresholds *t,
                               tco_rule_result *r)
{
    const char *DEV = tco_scenario_field_name(TCO_SCN_WORKFLOW_DEVIATION);
    if (!s->given[TCO_SCN_WORKFLOW_DEVIATION]) {
        set(r, TCO_VERDICT_NEUTRAL, false, "%s not given", DEV);
        return;
    }
    const double dev = tco_value_mean(&s->v[TCO_SCN_WORKFLOW_DEVIATION]);
    char d[64], req[64], shift[64];
    format_percent(d, sizeof d, dev);
    format_percent(req, sizeof req, t->deviation_required);
    format_percent(shift, sizeof shift, t->deviation_shift);
    if (dev > t->deviation_required)
        set(r, TCO_VERDICT_CPAAS, true, "%s %s > %s: CPaaS required", DEV, d, req);
    else if (dev > t->deviation_shift)
        /* the source: "> 10% ... dictates a mandatory shift toward a CPaaS API strategy" */
        set(r, TCO_VERDICT_CPAAS, false, "%s %s > %s but not > %s: a shift toward CPaaS", DEV, d,
            shift, req);
    else
        set(r, TCO_VERDICT_NEUTRAL, false, "%s %s <= %s: standard workflows", DEV, d, shift);
}

/* ---- overall --------------------------------------------------------------------------- */

/* "rule 2", "rules 1 and 2": the rules whose verdict is v. */
static void list_rules(char *buf, size_t size, const tco_recommendation *rec, tco_verdict v)
{
    int which[TCO_N_RULES], n = 0;
    for (int i = 0; i < TCO_N_RULES; i++)
        if (rec->rule[i].verdict == v)
            which[n++] = i + 1;
    size_t o = (size_t)snprintf(buf, size, "%s", n == 1 ? "rule " : "rules ");
    for (int i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%d",
                              i == 0 ? "" : i == n - 1 ? " and " : ", ", which[i]);
}

/* Rule details joined with "; " for the reasoning sentence, e.g. "time_to_market_days 21 < 30"
 * (the detail up to its ':' so that the verdict is not said twice). */
static void list_details(char *buf, size_t size, const tco_recommendation *rec, tco_verdict v)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < TCO_N_RULES && o < size; i++) {
        if (rec->rule[i].verdict != v)
            continue;
        const char *d = rec->rule[i].detail;
        const char *colon = strstr(d, ": ");
        int len = colon ? (int)(colon - d) : (int)strlen(d);
        o += (size_t)snprintf(buf + o, size - o, "%s%.*s", o ? "; " : "", len, d);
    }
}

void tco_rules_evaluate(const tco_scenario *s, const tco_rule_thresholds *t,
                        tco_recommendation *out)
{
    memset(out, 0, sizeof *out);
    rule_capacity(s, t, &out->rule[0]);
    rule_timeline(s, t, &out->rule[1]);
    rule_use_case(s, t, &out->rule[2]);
    rule_customisation(s, t, &out->rule[3]);

    /* capacity rules (1, 2) can only demand UCaaS, use-case rules (3, 4) only CPaaS */
    bool ucaas = false, cpaas = false;
    for (int i = 0; i < TCO_N_RULES; i++) {
        ucaas |= out->rule[i].verdict == TCO_VERDICT_UCAAS;
        cpaas |= out->rule[i].verdict == TCO_VERDICT_CPAAS;
    }
    char u_rules[64], c_rules[64], u_why[TCO_RULE_DETAIL_SIZE], c_why[TCO_RULE_DETAIL_SIZE];
    list_rules(u_rules, sizeof u_rules, out, TCO_VERDICT_UCAAS);
    list_rules(c_rules, sizeof c_rules, out, TCO_VERDICT_CPAAS);
    list_details(u_why, sizeof u_why, out, TCO_VERDICT_UCAAS);
    list_details(c_why, sizeof c_why, out, TCO_VERDICT_CPAAS);
    if (ucaas && cpaas) {
        /* SPEC §7 / source: the dual stack isolates internal staff from customer traffic */
        out->overall = TCO_VERDICT_HYBRID;
        snprintf(out->reason, sizeof out->reason,
                 "%s require%s UCaaS (%s) while %s call%s for CPaaS (%s): the source's dual "
                 "stack answers both, UCaaS for internal staff now and CPaaS for "
                 "customer-facing traffic once engineering capacity exists",
                 u_rules, strncmp(u_rules, "rules", 5) == 0 ? "" : "s", u_why, c_rules,
                 strncmp(c_rules, "rules", 5) == 0 ? "" : "s", c_why);
    } else if (ucaas) {
        out->overall = TCO_VERDICT_UCAAS;
        snprintf(out->reason, sizeof out->reason,
                 "%s require%s UCaaS (%s) and no rule calls for CPaaS", u_rules,
                 strncmp(u_rules, "rules", 5) == 0 ? "" : "s", u_why);
    } else if (cpaas) {
        out->overall = TCO_VERDICT_CPAAS;
        snprintf(out->reason, sizeof out->reason,
                 "%s call%s for CPaaS (%s) and no rule requires UCaaS", c_rules,
                 strncmp(c_rules, "rules", 5) == 0 ? "" : "s", c_why);
    } else {
        /* documented default (tco/rules.h, README): the pre-built option */
        out->overall = TCO_VERDICT_UCAAS;
        snprintf(out->reason, sizeof out->reason,
                 "no rule calls for CPaaS, and UCaaS is the pre-built default (no engineering, "
                 "1 to 4 weeks to deploy)");
    }
}
