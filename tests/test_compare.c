/* SPDX-License-Identifier: MIT */
/* Unit tests for compare and report_compare: signed quantiles against exact order statistics;
 * on engine runs over tests/fixtures/compare: p_cheapest sums to 1, a 10% dearer copy of a
 * plan is never cheapest and costs exactly 1.1 times as much in every trial, pairwise counts
 * are consistent, the diff of identical sheets is exactly zero, changed prices are listed item
 * by item, mixed currencies are refused, and the CSV files do not depend on the thread count.
 */
#include "tco/compare.h"
#include "tco/sheet_diff.h"
#include "tco/report_compare.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "testutil.h"
#include "tco/cost.h"
#include "tco/xalloc.h"

#define DIR "tests/fixtures/compare/"
#define TRIALS 5000UL /* three engine blocks, the last one short */
#define SEED 7ULL

static const double QS[] = {0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0};
#define N_QS (sizeof QS / sizeof QS[0])

/* ---- the sheet diff's lists ----------------------------------------------------------- */
/* The changes of a plan, read as the table report prints them: items joined by "; ". */
static void assert_changes(const tco_change_list *l, const char *want)
{
    char buf[1024] = "";
    for (size_t k = 0; k < l->n; k++) {
        assert_null(strstr(l->items[k], "; ")); /* an item is one change */
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", k ? "; " : "", l->items[k]);
    }
    assert_string_equal(buf, want);
}

/* ---- engine runs ----------------------------------------------------------------------- */

/* The dearer copy's TCO over the base copy's, option by option: min and max over trials. */
typedef struct ratio_summary {
    size_t n_pairs;
    size_t base[8], dearer[8];
    double min[8], max[8];
} ratio_summary;

/* Pairs each option named with "@base" with the same name with every "@base" → "@dearer". */
static void *ratio_alloc(void *ctx, const tco_scenario *scenario, const tco_option_set *set,
                         int months)
{
    (void)scenario;
    (void)ctx;
    (void)months;
    ratio_summary *s = tco_xcalloc(1, sizeof *s);
    for (size_t o = 0; o < set->n; o++) {
        const char *name = set->items[o].name;
        if (!strstr(name, "@base") || strstr(name, "@dearer"))
            continue;
        char want[256] = "";
        for (const char *p = name; *p;)
            if (strncmp(p, "@base", 5) == 0) {
                strcat(want, "@dearer");
                p += 5;
            } else {
                strncat(want, p++, 1);
            }
        for (size_t d = 0; d < set->n; d++)
            if (strcmp(set->items[d].name, want) == 0) {
                assert_true(s->n_pairs < 8);
                s->base[s->n_pairs] = o;
                s->dearer[s->n_pairs++] = d;
            }
    }
    for (size_t k = 0; k < 8; k++) {
        s->min[k] = INFINITY;
        s->max[k] = -INFINITY;
    }
    return s;
}

static void ratio_reset(void *summary)
{
    ratio_summary *s = summary;
    for (size_t k = 0; k < 8; k++) {
        s->min[k] = INFINITY;
        s->max[k] = -INFINITY;
    }
}

static void ratio_trial(void *summary, const tco_trial_view *view)
{
    ratio_summary *s = summary;
    for (size_t k = 0; k < s->n_pairs; k++) {
        const double q = view->cost->total[s->dearer[k]] / view->cost->total[s->base[k]];
        s->min[k] = fmin(s->min[k], q);
        s->max[k] = fmax(s->max[k], q);
    }
}

static void ratio_merge(void *dst, const void *src)
{
    ratio_summary *d = dst;
    const ratio_summary *s = src;
    for (size_t k = 0; k < 8; k++) {
        d->min[k] = fmin(d->min[k], s->min[k]);
        d->max[k] = fmax(d->max[k], s->max[k]);
    }
}

static void ratio_free(void *summary)
{
    free(summary);
}

typedef struct run {
    tco_prices prices;
    tco_scenario_file scenarios;
    tco_observer observers[2];
    tco_result result;
    tco_diag_list diags;
} run;

/* Loads the sheets (in order) and the scenario fixture, then runs the engine with the
 * compare observer and the ratio observer. */
static run *run_new(const char *const *sheets, size_t n_sheets, unsigned threads)
{
    run *r = tco_xcalloc(1, sizeof *r);
    tco_prices_init(&r->prices);
    tco_diag_list_init(&r->diags);
    for (size_t i = 0; i < n_sheets; i++)
        assert_int_equal(tco_prices_load(&r->prices, sheets[i], &r->diags), TCO_OK);
    assert_int_equal(tco_prices_finish(&r->prices, &r->diags), TCO_OK);
    tco_scenario_file_init(&r->scenarios);
    assert_int_equal(tco_scenario_load(DIR "scenario.csv", &r->scenarios, &r->diags), TCO_OK);
    r->observers[0] = tco_compare_observer(&r->prices);
    r->observers[1] = (tco_observer){ratio_alloc, ratio_reset, ratio_trial, ratio_merge,
                                     ratio_free, NULL, NULL, NULL, NULL, NULL};
    const tco_engine_config cfg = {TRIALS, SEED, threads, NULL, NULL, NULL, r->observers, 2,
                                   false,  0,    0,       false};
    assert_int_equal(tco_engine_run(&r->scenarios.items[0], &r->prices, &cfg, &r->result),
                     TCO_OK);
    return r;
}

static void run_free(run *r)
{
    tco_result_fini(&r->result);
    tco_scenario_file_fini(&r->scenarios);
    tco_prices_fini(&r->prices);
    tco_diag_list_fini(&r->diags);
    free(r);
}

static size_t option_named(const tco_result *res, const char *name)
{
    for (size_t o = 0; o < res->options.n; o++)
        if (strcmp(res->options.items[o].name, name) == 0)
            return o;
    fail_msg("no option %s", name);
    return SIZE_MAX;
}

static void p_cheapest_should_sum_to_one_over_offered_options(void **state)
{
    (void)state;
    const char *sheets[] = {DIR "base.csv", DIR "dearer.csv", DIR "rival.csv"};
    run *r = run_new(sheets, 3, 2);
    double sum = 0;
    size_t offered = 0;
    for (size_t o = 0; o < r->result.options.n; o++)
        if (r->result.options.items[o].offered) {
            sum += tco_result_p_cheapest(&r->result, o, NULL);
            offered++;
        }
    assert_true(offered == r->result.options.n); /* every plan prices what the workload has */
    assert_true(fabs(sum - 1) <= 1e-12);
    run_free(r);
}

static void dearer_copy_should_never_be_cheapest_and_cost_exactly_1_1_times(void **state)
{
    (void)state;
    const char *sheets[] = {DIR "base.csv", DIR "dearer.csv"};
    run *r = run_new(sheets, 2, 2);
    const tco_result *res = &r->result;
    const tco_compare *c = tco_compare_find(res);
    assert_non_null(c);
    const ratio_summary *rs = NULL;
    for (size_t k = 0; k < res->n_observers; k++)
        if (res->observers[k].trial == ratio_trial)
            rs = res->observed[k];
    assert_non_null(rs);
    /* ucaas, cpaas, and the hybrid of the base copies against that of the dearer copies */
    assert_int_equal(rs->n_pairs, 3);
    for (size_t k = 0; k < rs->n_pairs; k++) {
        const tco_option *ob = &res->options.items[rs->base[k]];
        if (ob->kind == TCO_OPTION_UCAAS) {
            /* whole seats x 20 and x 22 are exact integers, so the ratio is the double 1.1 */
            assert_true(rs->min[k] == 1.1 && rs->max[k] == 1.1);
        } else {
            /* sms prices 0.008 and 0.0088 are not exact in binary: 1.1 up to rounding */
            assert_true(fabs(rs->min[k] / 1.1 - 1) <= 1e-12);
            assert_true(fabs(rs->max[k] / 1.1 - 1) <= 1e-12);
        }
        assert_true(tco_result_p_cheapest(res, rs->dearer[k], NULL) == 0);
        tco_difference d;
        assert_true(tco_compare_difference(c, rs->base[k], rs->dearer[k], &d));
        assert_int_equal(d.n, TRIALS);
        assert_int_equal(d.n_cheaper, TRIALS); /* the base copy is cheaper in every trial */
        assert_true(d.p_cheaper == 1 && d.p_cheaper_se == 0 && d.p_tie == 0);
        /* the saving is a tenth of the base TCO, trial by trial, so on average too */
        const double base_mean = res->per_option[rs->base[k]].tco.mean;
        assert_true(fabs(d.mean - 0.1 * base_mean) <= 1e-9 * base_mean);
    }
    /* the sheet diff pairs the same options and reports the same +10% */
    tco_sheet_diff sd;
    tco_sheet_diff_build(&sd, &r->prices, &res->options);
    assert_int_equal(sd.n_plans, 2);
    assert_changes(&sd.plans[0].changes, "seat: 20 → 22");
    assert_int_equal(sd.plans[1].changes.n, 2); /* a list of texts, not one joined text */
    assert_changes(&sd.plans[1].changes, "sms: 0.008 → 0.0088; number: 1.15 → 1.265");
    const size_t ub = option_named(res, "ucaas:Acme/Office@base");
    const size_t ud = option_named(res, "ucaas:Acme/Office@dearer");
    assert_int_equal(sd.options[0].option_old, ub);
    assert_int_equal(sd.options[0].option_new, ud);
    tco_sheet_diff_fini(&sd);
    /* the verdict never names a dearer copy as the winner */
    char *v = tco_report_compare_verdict(res);
    assert_non_null(v);
    assert_null(strstr(v, "@dearer is cheapest"));
    free(v);
    run_free(r);
}

static void pairwise_probabilities_should_be_consistent(void **state)
{
    (void)state;
    const char *sheets[] = {DIR "old.csv", DIR "new.csv", DIR "rival.csv"};
    run *r = run_new(sheets, 3, 2);
    const tco_result *res = &r->result;
    const tco_compare *c = tco_compare_find(res);
    size_t some_uncertain = 0;
    for (size_t a = 0; a < res->options.n; a++) {
        tco_difference self;
        assert_false(tco_compare_difference(c, a, a, &self));
        for (size_t b = 0; b < res->options.n; b++) {
            if (a == b)
                continue;
            tco_difference ab, ba;
            assert_true(tco_compare_difference(c, a, b, &ab));
            assert_true(tco_compare_difference(c, b, a, &ba));
            /* P(A<B) + P(B<A) + P(tie) = 1 exactly in counts */
            assert_int_equal(ab.n, TRIALS);
            assert_int_equal(ab.n_cheaper + ba.n_cheaper + ab.n_tie, TRIALS);
            assert_int_equal(ab.n_cheaper, ba.n_dearer);
            assert_int_equal(ab.n_tie, ba.n_tie);
            assert_true(fabs(ab.p_cheaper + ba.p_cheaper + ab.p_tie - 1) <= 1e-15);
            if (ab.p_tie == 0) /* sqrt(p (1-p) / n) is symmetric */
                assert_true(fabs(ab.p_cheaper_se - ba.p_cheaper_se) <= 1e-12);
            /* the saving of a over b is the negated saving of b over a */
            assert_true(ab.mean == -ba.mean);
            assert_true(ab.min == -ba.max);
            assert_true(tco_compare_difference_quantile(c, a, b, 0.0) == ab.min);
            assert_true(tco_compare_difference_quantile(c, b, a, 1.0) == -ab.min);
            if (ab.n_cheaper > 0 && ab.n_dearer > 0)
                some_uncertain++;
        }
    }
    assert_true(some_uncertain > 0); /* the fixture has pairs that are not a foregone result */
    run_free(r);
}

static void pairs_within_half_a_cent_should_tie(void **state)
{
    (void)state;
    /* SPEC §6, the rule p_cheapest uses: one seat for one month at A 10, B 10.004, C 10.006.
     * A-B differ by 0.004 and B-C by 0.002: ties; A-C by 0.006: A is cheaper in every trial.
     * The $23.70 seat against 3,000 SMS at $0.0079 (23.700000000000003): a tie. */
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, "scenario,months,seats,notifications\nt,1,1,3000\n");
    tu_prices(&p, "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                  "V,A,ucaas,seat,10,,,\n"
                  "V,B,ucaas,seat,10.004,,,\n"
                  "V,C,ucaas,seat,10.006,,,\n"
                  "U,Seat,ucaas,seat,23.70,,,\n"
                  "C,Sms,cpaas,sms,0.0079,,,\n");
    tco_observer obs = tco_compare_observer(&p);
    const tco_engine_config cfg = {300, SEED, 2, NULL, NULL, NULL, &obs, 1, false, 0, 0, false};
    tco_result res;
    assert_int_equal(tco_engine_run(&f.items[0], &p, &cfg, &res), TCO_OK);
    const tco_compare *c = tco_compare_find(&res);
    const size_t a = option_named(&res, "ucaas:V/A"), b = option_named(&res, "ucaas:V/B"),
                 cc = option_named(&res, "ucaas:V/C"), seat = option_named(&res, "ucaas:U/Seat"),
                 sms = option_named(&res, "cpaas:C/Sms");
    tco_difference d;
    assert_true(tco_compare_difference(c, a, b, &d));
    assert_true(d.n == 300 && d.n_tie == 300 && d.p_cheaper == 0 && d.p_tie == 1);
    assert_true(tco_compare_difference(c, b, cc, &d));
    assert_true(d.n_tie == 300 && d.p_cheaper == 0);
    assert_true(tco_compare_difference(c, a, cc, &d));
    assert_true(d.n_cheaper == 300 && d.n_tie == 0 && d.p_cheaper == 1);
    assert_true(tco_compare_difference(c, cc, a, &d));
    assert_true(d.n_dearer == 300 && d.p_cheaper == 0);
    assert_true(tco_compare_difference(c, seat, sms, &d));
    assert_true(d.n_tie == 300 && d.p_cheaper == 0 && d.mean != 0); /* not bit-equal */
    assert_true(tco_compare_difference(c, sms, seat, &d));
    assert_true(d.n_tie == 300 && d.p_cheaper == 0);
    tco_result_fini(&res);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void diff_of_identical_sheets_should_be_exactly_zero(void **state)
{
    (void)state;
    const char *sheets[] = {DIR "base.csv", DIR "base-copy.csv"};
    run *r = run_new(sheets, 2, 2);
    const tco_compare *c = tco_compare_find(&r->result);
    tco_sheet_diff sd;
    tco_sheet_diff_build(&sd, &r->prices, &r->result.options);
    assert_int_equal(sd.n_plans, 2);
    assert_int_equal(sd.n_options, 6); /* ucaas, cpaas, and two hybrids for each plan */
    for (size_t k = 0; k < sd.n_plans; k++)
        assert_int_equal(sd.plans[k].changes.n, 0);
    for (size_t k = 0; k < sd.n_options; k++) {
        tco_difference d;
        assert_true(tco_compare_difference(c, sd.options[k].option_old, sd.options[k].option_new,
                                           &d));
        assert_int_equal(d.n_tie, TRIALS); /* every trial */
        assert_true(d.min == 0 && d.max == 0 && d.mean == 0 && d.mean_se == 0);
        for (size_t q = 0; q < N_QS; q++)
            assert_true(tco_compare_difference_quantile(c, sd.options[k].option_old,
                                                        sd.options[k].option_new, QS[q]) == 0);
    }
    tco_sheet_diff_fini(&sd);
    run_free(r);
}

static void changed_prices_should_be_listed_item_by_item(void **state)
{
    (void)state;
    const char *sheets[] = {DIR "old.csv", DIR "new.csv", DIR "next.csv"};
    run *r = run_new(sheets, 3, 1);
    tco_sheet_diff sd;
    tco_sheet_diff_build(&sd, &r->prices, &r->result.options);
    /* each plan with the sheet before it: old → new, new → next */
    assert_int_equal(sd.n_plans, 4);
    const char *want[4] = {
        "sms included: 50 → 100",
        "sms tier 0–150000: 0.0079 → 0.0083; api: removed; number: added 1.15",
        "seat: uniform(18,24) → uniform(19,26)",
        "sms tiers: 0.0083 (0–150000), 0.0075 (150000+) → 0.0081 (0–100000), 0.0072 (100000+); "
        "platform: removed",
    };
    for (size_t k = 0; k < 4; k++) {
        const tco_plan *np = &r->prices.plans[sd.plans[k].new_plan];
        const tco_plan *op = &r->prices.plans[sd.plans[k].old_plan];
        assert_true(op->sheet + 1 == np->sheet);
        assert_changes(&sd.plans[k].changes, want[k]);
    }
    /* hybrids are paired where exactly one part changed sheet */
    for (size_t k = 0; k < sd.n_options; k++) {
        const tco_option *a = &r->result.options.items[sd.options[k].option_old];
        const tco_option *b = &r->result.options.items[sd.options[k].option_new];
        assert_int_equal(a->kind, b->kind);
        assert_true((a->ucaas_plan != b->ucaas_plan) + (a->cpaas_plan != b->cpaas_plan) == 1);
    }
    tco_sheet_diff_fini(&sd);
    run_free(r);
}

static void added_item_should_show_its_allowance(void **state)
{
    (void)state;
    tco_prices p;
    tco_prices_init(&p);
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    assert_int_equal(tco_prices_load(&p, DIR "base.csv", &diags), TCO_OK);
    assert_int_equal(tco_prices_load(&p, DIR "old.csv", &diags), TCO_OK);
    assert_int_equal(tco_prices_finish(&p, &diags), TCO_OK);
    /* base.csv's Acme/Office prices seats only; old.csv's adds sms with 50 included */
    tco_change_list l;
    tco_sheet_diff_plan_changes(&p, &p.plans[0], &p.plans[2], &l);
    assert_changes(&l, "seat: 20 → uniform(18,24); sms: added 0.01 (50 included)");
    tco_sheet_diff_changes_fini(&l);
    tco_sheet_diff_plan_changes(&p, &p.plans[2], &p.plans[0], &l);
    assert_changes(&l, "seat: uniform(18,24) → 20; sms: removed");
    tco_sheet_diff_changes_fini(&l);
    tco_prices_fini(&p);
    tco_diag_list_fini(&diags);
}

static void mixed_currencies_should_be_refused_naming_both_files(void **state)
{
    (void)state;
    tco_prices p;
    tco_prices_init(&p);
    tco_diag_list diags;
    tco_diag_list_init(&diags);
    assert_int_equal(tco_prices_load(&p, DIR "base.csv", &diags), TCO_OK);
    assert_int_equal(tco_prices_load(&p, DIR "eur.csv", &diags), TCO_EDATA);
    assert_int_equal(diags.n, 1);
    assert_string_equal(diags.items[0].file, DIR "eur.csv");
    assert_non_null(strstr(diags.items[0].msg, DIR "base.csv"));
    assert_int_equal(p.n_sheets, 1); /* nothing of the bad sheet was added */
    tco_prices_fini(&p);
    tco_diag_list_fini(&diags);
}

/* pairwise.csv, diff.csv, the table sections and the JSON members of one run, as bytes. */
static char *render(const run *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    const tco_report_item item = {"scenario.csv", &r->result};
    assert_int_equal(tco_report_pairwise_csv(fp, &item, 1), 0);
    assert_int_equal(tco_report_diff_csv(fp, &item, 1), 0);
    tco_report_compare_table_before(fp, &item, NULL);
    tco_report_compare_table_after(fp, &item, NULL);
    json_t *js = json_object();
    tco_report_compare_json(js, &item, NULL);
    assert_int_equal(json_dumpf(js, fp, JSON_INDENT(1) | JSON_PRESERVE_ORDER), 0);
    json_decref(js);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void outputs_should_not_depend_on_the_thread_count(void **state)
{
    (void)state;
    const char *sheets[] = {DIR "old.csv", DIR "new.csv", DIR "rival.csv"};
    run *one = run_new(sheets, 3, 1);
    run *two = run_new(sheets, 3, 2);
    run *four = run_new(sheets, 3, 4);
    char *a = render(one), *b = render(two), *c = render(four);
    assert_true(strlen(a) > 1000);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    free(a);
    free(b);
    free(c);
    run_free(one);
    run_free(two);
    run_free(four);
}

static void csv_files_should_have_the_documented_headers(void **state)
{
    (void)state;
    const char *sheets[] = {DIR "base.csv", DIR "dearer.csv"};
    run *r = run_new(sheets, 2, 1);
    char *out = render(r);
    const char *pairwise = "\"file\",\"scenario\",\"option\",\"versus\",\"p_cheaper\","
                           "\"p_cheaper_se\",\"p_cheaper_lo\",\"p_cheaper_hi\",\"p_tie\","
                           "\"mean_saving\",\"mean_saving_se\","
                           "\"saving_p05\",\"saving_p95\",\"trials\",";
    assert_true(strncmp(out, pairwise, strlen(pairwise)) == 0);
    assert_non_null(strstr(out, "\"file\",\"scenario\",\"option_old\",\"option_new\","
                                "\"change_mean\",\"change_p05\",\"change_p50\",\"change_p95\","
                                "\"change_mean_se\",\"trials\",\"changed_prices\","));
    /* 8 options (2 ucaas, 2 cpaas, 4 hybrids): 56 ordered pairs; diff.csv: 2 plans x 3 options */
    size_t rows = 0;
    for (const char *s = out; (s = strstr(s, "\r\n\"scenario.csv\",\"office\",")) != NULL; s++)
        rows++;
    assert_int_equal(rows, 56 + 6);
    free(out);
    run_free(r);
}

/* Needs the identical-cell pairing of tco_prices_draw (pricesheet.c, issue 5). */
static void identical_distribution_cells_should_share_their_draw(void **state)
{
    (void)state;
    /* old.csv and new.csv both price Acme/Office seats "uniform(18,24)"; internal sms (10 a
     * seat) stays within both allowances (50 and 100 a seat), so the hybrid that puts staff on
     * Acme/Office costs the same with either sheet in every trial: the seat price is one draw */
    const char *sheets[] = {DIR "old.csv", DIR "new.csv"};
    run *r = run_new(sheets, 2, 2);
    const tco_prices *p = &r->prices; /* plans: old Acme, old Zed, new Acme, new Zed */
    assert_int_equal(p->draw_from[p->plans[2].items[TCO_ITEM_SEAT].tiers[0].price],
                     p->plans[0].items[TCO_ITEM_SEAT].tiers[0].price);
    /* a changed cell keeps its own draw */
    const size_t sms_new = p->plans[3].items[TCO_ITEM_SMS].tiers[0].price;
    assert_int_equal(p->draw_from[sms_new], sms_new);
    const tco_compare *c = tco_compare_find(&r->result);
    tco_difference d;
    assert_true(tco_compare_difference(c,
                                       option_named(&r->result, "hybrid:Acme/Office@old+Zed/Msg@old"),
                                       option_named(&r->result, "hybrid:Acme/Office@new+Zed/Msg@old"),
                                       &d));
    assert_int_equal(d.n_tie, TRIALS);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_distribution_cells_should_share_their_draw),
        cmocka_unit_test(p_cheapest_should_sum_to_one_over_offered_options),
        cmocka_unit_test(dearer_copy_should_never_be_cheapest_and_cost_exactly_1_1_times),
        cmocka_unit_test(pairwise_probabilities_should_be_consistent),
        cmocka_unit_test(pairs_within_half_a_cent_should_tie),
        cmocka_unit_test(diff_of_identical_sheets_should_be_exactly_zero),
        cmocka_unit_test(changed_prices_should_be_listed_item_by_item),
        cmocka_unit_test(added_item_should_show_its_allowance),
        cmocka_unit_test(mixed_currencies_should_be_refused_naming_both_files),
        cmocka_unit_test(outputs_should_not_depend_on_the_thread_count),
        cmocka_unit_test(csv_files_should_have_the_documented_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
