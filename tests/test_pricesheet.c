/* SPDX-License-Identifier: MIT */
/* Tests of pricesheet (SPEC §5): plans grouped by (vendor, plan) in order, graduated tiers
 * sorted and contiguous in both conventions of writing a boundary, the open last tier,
 * allowances on their item, one model a plan, price cells indexed into one array, "@sheet"
 * names when two sheets define a plan, one currency a run, and draws clamped at 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/csvload.h"
#include "tco/pricesheet.h"

#define HEADER "vendor,plan,model,item,price,tier_from,tier_to,included,currency\n"

typedef struct fixture {
    tco_prices p;
    tco_diag_list d;
} fixture;

static int setup(void **state)
{
    fixture *f = malloc(sizeof *f);
    if (!f)
        return -1;
    tco_prices_init(&f->p);
    tco_diag_list_init(&f->d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tco_prices_fini(&f->p);
    tco_diag_list_fini(&f->d);
    free(f);
    return 0;
}

/* Adds the sheet `text` named `name` to f->p. */
static tco_status add(fixture *f, const char *name, const char *text)
{
    tco_csv_table t;
    tco_csv_table_init(&t);
    tco_status st = tco_csv_load_buffer(name, text, strlen(text), &t, &f->d);
    if (st == TCO_OK)
        st = tco_prices_add_sheet(&f->p, &t, &f->d);
    tco_csv_table_fini(&t);
    return st;
}

static void assert_diag(const tco_diag_list *d, size_t i, const char *want)
{
    if (i >= d->n)
        fail_msg("no diagnostic %zu, want \"%s\"", i, want);
    char *got = tco_diag_format(&d->items[i]);
    if (strcmp(got, want) != 0)
        fail_msg("diagnostic %zu:\n got \"%s\"\nwant \"%s\"", i, got, want);
    free(got);
}

/* The price (a constant) of tier i of an item. */
static double tier_price(const tco_prices *p, const tco_item_price *ip, size_t i)
{
    assert_true(i < ip->n_tiers);
    assert_true(ip->tiers[i].price < p->n_values);
    const tco_value *v = &p->values[ip->tiers[i].price];
    assert_int_equal(v->dist, TCO_DIST_CONST);
    return v->a;
}

static void plans_should_group_rows_by_vendor_and_plan_in_order(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "data/p.csv", HEADER
                                          "Acme,Basic,ucaas,seat,20,,,,USD\n"
                                          "Zed,Msg,cpaas,sms,0.008,,,,USD\n"
                                          "Acme,Basic,ucaas,number,2,,,,\n"
                                          "Acme,Pro,ucaas,seat,30,,,,\n"
                                          "Zed,Msg,cpaas,voice,0.014,,,,\n"),
                     TCO_OK);
    assert_int_equal(tco_prices_finish(&f->p, &f->d), TCO_OK);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(f->p.n_plans, 3);
    assert_string_equal(f->p.plans[0].name, "Acme/Basic");
    assert_string_equal(f->p.plans[1].name, "Zed/Msg");
    assert_string_equal(f->p.plans[2].name, "Acme/Pro");
    assert_int_equal(f->p.plans[0].model, TCO_MODEL_UCAAS);
    assert_int_equal(f->p.plans[1].model, TCO_MODEL_CPAAS);
    assert_int_equal(f->p.plans[0].line, 2);
    assert_int_equal(f->p.plans[2].line, 5);
    const tco_plan *basic = &f->p.plans[0], *msg = &f->p.plans[1];
    assert_int_equal(basic->items[TCO_ITEM_SEAT].n_tiers, 1);
    assert_true(tier_price(&f->p, &basic->items[TCO_ITEM_SEAT], 0) == 20);
    assert_true(tier_price(&f->p, &basic->items[TCO_ITEM_NUMBER], 0) == 2);
    assert_int_equal(basic->items[TCO_ITEM_SMS].n_tiers, 0);
    assert_true(tier_price(&f->p, &msg->items[TCO_ITEM_VOICE], 0) == 0.014);
    /* a single untiered row covers 0 to infinity */
    assert_true(msg->items[TCO_ITEM_SMS].tiers[0].lo == 0);
    assert_true(isinf(msg->items[TCO_ITEM_SMS].tiers[0].hi));
    assert_int_equal(msg->items[TCO_ITEM_SMS].tiers[0].line, 3);
    assert_int_equal(f->p.n_sheets, 1);
    assert_string_equal(f->p.sheets[0].stem, "p");
    assert_string_equal(f->p.sheets[0].currency, "USD");
    assert_string_equal(tco_item_name(TCO_ITEM_API), "api");
    assert_string_equal(tco_model_name(TCO_MODEL_CPAAS), "cpaas");
}

/* Both conventions put the boundary at 150000; rows come in any order. */
static void check_tiers(fixture *f, const char *text)
{
    assert_int_equal(add(f, "t.csv", text), TCO_OK);
    assert_int_equal(f->p.n_plans, 1);
    const tco_item_price *sms = &f->p.plans[0].items[TCO_ITEM_SMS];
    assert_int_equal(sms->n_tiers, 3);
    assert_true(sms->tiers[0].lo == 0 && sms->tiers[0].hi == 150000);
    assert_true(sms->tiers[1].lo == 150000 && sms->tiers[1].hi == 300000);
    assert_true(sms->tiers[2].lo == 300000 && isinf(sms->tiers[2].hi));
    /* each tier points at its own row's price */
    assert_true(tier_price(&f->p, sms, 0) == 0.0083);
    assert_true(tier_price(&f->p, sms, 1) == 0.0081);
    assert_true(tier_price(&f->p, sms, 2) == 0.0079);
    assert_int_equal(sms->tiers[0].line, 3);
    assert_true(sms->included == 1000);
}

static void tiers_should_be_sorted_and_contiguous_in_the_continuous_convention(void **state)
{
    check_tiers(*state, HEADER "Acme,Msg,cpaas,sms,0.0081,150000,300000,,\n"
                               "Acme,Msg,cpaas,sms,0.0083,0,150000,1000,\n"
                               "Acme,Msg,cpaas,sms,0.0079,300000,,,\n");
}

static void tiers_should_be_sorted_and_contiguous_in_the_inclusive_convention(void **state)
{
    check_tiers(*state, HEADER "Acme,Msg,cpaas,sms,0.0079,300001,,,\n"
                               "Acme,Msg,cpaas,sms,0.0083,0,150000,1000,\n"
                               "Acme,Msg,cpaas,sms,0.0081,150001,300000,,\n");
}

static void included_should_go_on_its_own_item(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "i.csv", HEADER "Acme,Basic,ucaas,seat,20,,,,\n"
                                            "Acme,Basic,ucaas,sms,0.01,,,100,\n"
                                            "Acme,Basic,ucaas,voice,0.02,,,1000,\n"),
                     TCO_OK);
    const tco_plan *pl = &f->p.plans[0];
    assert_true(pl->items[TCO_ITEM_SEAT].included == 0);
    assert_true(pl->items[TCO_ITEM_SMS].included == 100);
    assert_true(pl->items[TCO_ITEM_VOICE].included == 1000);
    assert_true(pl->items[TCO_ITEM_API].included == 0);
}

static void price_values_should_follow_sheet_rows_across_sheets(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "a.csv", HEADER "A,X,ucaas,seat,20,,,,\nA,X,ucaas,number,3,,,,\n"),
                     TCO_OK);
    assert_int_equal(add(f, "b.csv", HEADER "B,Y,cpaas,sms,\"uniform(0.006,0.009)\",,,,\n"
                                            "B,Y,cpaas,api,0.5,,,,\n"),
                     TCO_OK);
    assert_int_equal(f->p.n_values, 4);
    const tco_plan *y = &f->p.plans[1];
    assert_int_equal(y->sheet, 1);
    size_t sms = y->items[TCO_ITEM_SMS].tiers[0].price;
    assert_int_equal(sms, 2);
    assert_int_equal(f->p.values[sms].dist, TCO_DIST_UNIFORM);
    assert_true(f->p.values[sms].b == 0.009);
    assert_true(tier_price(&f->p, &y->items[TCO_ITEM_API], 0) == 0.5);
    assert_true(tier_price(&f->p, &f->p.plans[0].items[TCO_ITEM_NUMBER], 0) == 3);
}

static void a_plan_in_two_sheets_should_be_named_after_each_sheet(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "old/acme-2025.csv", HEADER "Acme,Basic,ucaas,seat,20,,,,\n"
                                                        "Zed,Msg,cpaas,sms,0.01,,,,\n"),
                     TCO_OK);
    assert_int_equal(add(f, "acme-2026.CSV", HEADER "Acme,Basic,ucaas,seat,22,,,,\n"), TCO_OK);
    assert_int_equal(tco_prices_finish(&f->p, &f->d), TCO_OK);
    assert_int_equal(f->p.n_plans, 3);
    assert_string_equal(f->p.plans[0].name, "Acme/Basic@acme-2025");
    assert_string_equal(f->p.plans[1].name, "Zed/Msg");
    assert_string_equal(f->p.plans[2].name, "Acme/Basic@acme-2026");
}

static void a_plan_in_two_sheets_of_one_file_name_should_be_refused(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "a/prices.csv", HEADER "Acme,Basic,ucaas,seat,20,,,,\n"), TCO_OK);
    assert_int_equal(add(f, "b/prices.csv", HEADER "Acme,Basic,ucaas,seat,22,,,,\n"), TCO_OK);
    assert_int_equal(tco_prices_finish(&f->p, &f->d), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "b/prices.csv:2: plan: expected Acme/Basic to be defined by sheets "
                          "with different file names, got it in a/prices.csv too (rename one "
                          "sheet: option names use the file name)");
}

static void currencies_that_disagree_across_sheets_should_be_refused(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "usd.csv", HEADER "A,X,ucaas,seat,20,,,,usd\n"), TCO_OK);
    assert_string_equal(f->p.sheets[0].currency, "USD");
    /* a sheet that names no currency agrees with any */
    assert_int_equal(add(f, "none.csv", HEADER "B,Y,ucaas,seat,20,,,,\n"), TCO_OK);
    assert_int_equal(add(f, "also-usd.csv", HEADER "C,Z,ucaas,seat,20,,,,USD\n"), TCO_OK);
    assert_int_equal(add(f, "eur.csv", HEADER "D,W,cpaas,sms,0.01,,,,EUR\n"), TCO_EDATA);
    assert_int_equal(f->d.n, 1);
    assert_diag(&f->d, 0, "eur.csv:2:9: currency: expected USD like usd.csv (no currency is "
                          "converted), got \"EUR\"");
    /* nothing of the refused sheet was added */
    assert_int_equal(f->p.n_plans, 3);
    assert_int_equal(f->p.n_sheets, 3);
    assert_int_equal(f->p.n_values, 3);
}

static void sheet_problems_should_have_their_exact_text_and_place(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "p.csv", "# a comment line\n" HEADER
                                     "Acme,Basic,ucaas,seat,20,,,,\n"
                                     "Acme,Basic,cpaas,sms,0.01,,,,\n"
                                     "Acme,Msg,cpaas,sms,0.008,0,150000,,\n"
                                     "Acme,Msg,cpaas,sms,0.007,150000,300000,5,\n"
                                     "Acme,Msg,cpaas,sms,0.006,300001,,7,\n"
                                     "Acme,Msg,cpaas,voice,0.01,10,,,\n"
                                     "Acme,Msg,cpaas,api,\"normal(-1,1)\",,,,\n"),
                     TCO_EDATA);
    assert_int_equal(f->d.n, 4);
    assert_diag(&f->d, 0, "p.csv:9:5: price: expected a price from 0 to 1e9 $ per unit for 99.9% of the draws, got "
                          "\"normal(-1,1)\"");
    assert_diag(&f->d, 1, "p.csv:4:3: model: expected ucaas like the first row of Acme/Basic "
                          "(line 3): a plan is one model, got \"cpaas\"");
    assert_diag(&f->d, 2, "p.csv:7:8: included: expected it on one row of Acme/Msg sms only, "
                          "got a second (line 6 has one)");
    assert_diag(&f->d, 3, "p.csv:8:6: tier_from: expected the first tier of Acme/Msg voice to "
                          "start at 0, got 10 (units 0 to 10 would have no price)");
    assert_int_equal(f->p.n_plans, 0);
    assert_int_equal(f->p.n_sheets, 0);
}

static void tier_problems_should_be_refused(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *rows;
        const char *want;
    } cases[] = {
        {"A,X,cpaas,sms,1,0,100,,\nA,X,cpaas,sms,1,50,,,\n",
         "t.csv:3:6: tier_from: expected tiers of A/X sms that do not overlap, got 50 below the "
         "end 100 of the tier on line 2"},
        {"A,X,cpaas,sms,1,0,100,,\nA,X,cpaas,sms,1,102,,,\n",
         "t.csv:3:6: tier_from: expected 100 (where the tier on line 2 ends), got 102: units in "
         "between would have no price"},
        {"A,X,cpaas,sms,1,0,,,\nA,X,cpaas,sms,1,100,200,,\n",
         "t.csv:3:6: tier_from: expected tiers of A/X sms that do not overlap, got 100 inside "
         "the open tier of line 2"},
        {"A,X,cpaas,sms,1,100,100,,\n",
         "t.csv:2:7: tier_to: expected a number above tier_from (100): the tier runs backwards, "
         "got \"100\""},
        {"A,X,cpaas,sms,1,,,,\nA,X,cpaas,sms,2,,,,\n",
         "t.csv:3: item: expected one row for A/X sms (or tiers with tier_from and tier_to), got "
         "a second row (first on line 2)"},
        {"A,X,cpaas,sms,1,-1,,,\n",
         "t.csv:2:6: tier_from: expected a plain number of units from 0 to 1e15, got \"-1\""},
        {"A,X,cpaas,sms,1,0,5%,,\n",
         "t.csv:2:7: tier_to: expected a plain number of units from 0 to 1e15, got \"5%\""},
        {"A,X,cpaas,sms,1,,,\"uniform(1,2)\",\n",
         "t.csv:2:8: included: expected a plain number of units from 0 to 1e15, got "
         "\"uniform(1,2)\""},
        {"A,X,cpaas,sms,-0.01,,,,\n",
         "t.csv:2:5: price: expected a price from 0 to 1e9 $ per unit, got \"-0.01\""},
        {"A,X,cpaas,sms,\"uniform(-1,1)\",,,,\n",
         "t.csv:2:5: price: expected a price from 0 to 1e9 $ per unit, got \"uniform(-1,1)\""},
        {"A,X,cpaas,sms,nan,,,,\n", "t.csv:2:5: price: expected a finite number, got \"nan\""},
        /* the upper bound is a factor of the worst case (scenario.c), and says so */
        {"A,X,cpaas,sms,1.1e9,,,,\n",
         "t.csv:2:5: price: expected a price from 0 to 1e9 $ per unit (so that costs stay finite "
         "over 600 months), got \"1.1e9\""},
        {"A,X,cpaas,sms,\"normal(9e8,1e8)\",,,,\n",
         "t.csv:2:5: price: expected a price from 0 to 1e9 $ per unit for 99.9% of the draws (so "
         "that costs stay finite over 600 months), got \"normal(9e8,1e8)\""},
        {"A,X+Y,cpaas,sms,1,,,,\n", "t.csv:2:2: plan: expected a name without '/', '+' or '@' "
                                    "(they separate option names), got \"X+Y\""},
        {"A@b,X,cpaas,sms,1,,,,\n", "t.csv:2:1: vendor: expected a name without '/', '+' or '@' "
                                    "(they separate option names), got \"A@b\""},
        {",X,cpaas,sms,1,,,,\n", "t.csv:2:1: vendor: expected a name, got \"\""},
        {"A,X,cpaas,sms,1,,,,US\n", "t.csv:2:9: currency: expected a three-letter ISO 4217 "
                                    "code such as USD, got \"US\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tco_prices_fini(&f->p);
        tco_diag_list_fini(&f->d);
        char text[512];
        snprintf(text, sizeof text, HEADER "%s", cases[i].rows);
        assert_int_equal(add(f, "t.csv", text), TCO_EDATA);
        assert_int_equal(f->d.n, 1);
        assert_diag(&f->d, 0, cases[i].want);
        assert_int_equal(f->p.n_plans, 0);
    }
}

static void a_normal_price_should_be_drawn_and_clamped_at_zero(void **state)
{
    /* The loader admits a normal price with 99.9% of its draws >= 0; the rest is clamped.
     * normal(0.01,0.003): P(x < 0) = Phi(-3.333) = 4.29e-4, so 100,000 draws give 42.9 zeros
     * on average, sd sqrt(42.9) = 6.5: the 5-sigma band is [10, 76] (false alarm < 1e-6). */
    fixture *f = *state;
    assert_int_equal(add(f, "d.csv", HEADER "A,X,cpaas,sms,\"normal(0.01,0.003)\",,,,\n"
                                            "A,X,cpaas,voice,0.02,,,,\n"),
                     TCO_OK);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double out[2];
    int zeros = 0;
    for (int k = 0; k < 100000; k++) {
        tco_prices_draw(&f->p, r, out);
        assert_true(out[0] >= 0);
        zeros += out[0] == 0;
        assert_true(out[1] == 0.02);
    }
    assert_in_range(zeros, 10, 76);
    /* constants alone do not touch the generator */
    tco_prices_fini(&f->p);
    assert_int_equal(add(f, "c.csv", HEADER "A,X,cpaas,sms,0.01,,,,\n"), TCO_OK);
    gsl_rng *copy = gsl_rng_clone(r);
    tco_prices_draw(&f->p, r, out);
    assert_true(out[0] == 0.01);
    assert_true(gsl_rng_get(r) == gsl_rng_get(copy));
    gsl_rng_free(copy);
    gsl_rng_free(r);
}

static void the_file_kind_should_be_told_by_vendor_and_item(void **state)
{
    (void)state;
    tco_csv_table t;
    tco_diag_list d;
    tco_csv_table_init(&t);
    tco_diag_list_init(&d);
    tco_csv_load_buffer("p.csv", HEADER, strlen(HEADER), &t, &d);
    assert_true(tco_prices_table_is_sheet(&t));
    tco_csv_load_buffer("s.csv", "scenario,months,seats\n", 22, &t, &d);
    assert_false(tco_prices_table_is_sheet(&t));
    tco_csv_table_fini(&t);
    tco_diag_list_fini(&d);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* SPEC §6, §12.2: `+` separates a hybrid's plans and the part after the last `@` names the
 * sheet (or a migration month): a sheet's file name is %XX-encoded where it would make an
 * option name ambiguous or unprintable, reversibly (`%` itself is encoded). */
static void sheet_names_in_option_names_should_encode_what_would_make_them_ambiguous(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *path, *name;
    } CASES[] = {
        {"q1+q2.csv", "Acme/Basic@q1%2Bq2"},
        {"dir/a@b%.csv", "Acme/Basic@a%40b%25"},
        {"a%2Bb.csv", "Acme/Basic@a%252Bb"}, /* not the same name as "a+b.csv" */
        {"a+b.csv", "Acme/Basic@a%2Bb"},
        {"\xff.csv", "Acme/Basic@%FF"},       /* not UTF-8 */
        {"t\x1b[2J.csv", "Acme/Basic@t%1B[2J"}, /* a terminal escape */
        {"c\xc2\x9b.csv", "Acme/Basic@c%C2%9B"},  /* a C1 control (CSI) */
        {"tarif-\xc3\xa9t\xc3\xa9.csv", "Acme/Basic@tarif-\xc3\xa9t\xc3\xa9"}, /* UTF-8 kept */
    };
    const size_t n = sizeof CASES / sizeof CASES[0];
    for (size_t i = 0; i < n; i++)
        assert_int_equal(add(f, CASES[i].path, HEADER "Acme,Basic,ucaas,seat,20,,,,\n"), TCO_OK);
    assert_int_equal(tco_prices_finish(&f->p, &f->d), TCO_OK);
    assert_int_equal(f->p.n_plans, n);
    for (size_t i = 0; i < n; i++) {
        const char *name = f->p.plans[i].name;
        assert_string_equal(name, CASES[i].name);
        /* unambiguous: one '@', no '+', the part after it reads back as the file's stem */
        assert_null(strchr(name, '+'));
        assert_true(strchr(name, '@') == strrchr(name, '@'));
    }
}

static void vendor_and_plan_names_should_refuse_every_control_character(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "p.csv", HEADER "A\x7f" "b,Basic,ucaas,seat,20,,,,\n"
                                            "Acme,B\xc2\x9b" "x,ucaas,seat,20,,,,\n"
                                            "Acme,B+C,ucaas,seat,20,,,,\n"),
                     TCO_EDATA);
    assert_int_equal(f->d.n, 3);
    assert_diag(&f->d, 0, "p.csv:2:1: vendor: expected a name without control characters, got "
                          "\"A\\x7Fb\"");
    assert_diag(&f->d, 1, "p.csv:3:2: plan: expected a name without control characters, got "
                          "\"B\\u009Bx\"");
    assert_diag(&f->d, 2, "p.csv:4:2: plan: expected a name without '/', '+' or '@' (they "
                          "separate option names), got \"B+C\"");
}

/* SPEC §12.4: a minimum row is one open tier with no free units; a second one, a tier_to, a
 * tier_from other than 0 or included units are refused at their cell; it is drawn after the
 * plan's other cells, so adding one re-draws none of them. */
static void a_minimum_should_load_as_one_open_amount_drawn_last(void **state)
{
    fixture *f = *state;
    /* the minimum's row first: cells are drawn in item order, the minimum last */
    assert_int_equal(add(f, "m.csv",
                         HEADER "A,X,ucaas,minimum,\"uniform(200,300)\",0,,0,\n"
                                "A,X,ucaas,seat,\"uniform(15,40)\",,,,\n"),
                     TCO_OK);
    const tco_item_price *m = &f->p.plans[0].items[TCO_ITEM_MINIMUM];
    assert_int_equal(m->n_tiers, 1);
    assert_true(m->tiers[0].lo == 0 && isinf(m->tiers[0].hi) && m->included == 0);
    assert_string_equal(tco_item_name(TCO_ITEM_MINIMUM), "minimum");
    /* the seat's draw is the one the plan without a minimum gets from the same stream */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 11);
    double with[2], without[1];
    tco_prices_draw_plan(&f->p, 0, r, with);
    const double seat_with = with[f->p.plans[0].items[TCO_ITEM_SEAT].tiers[0].price];
    assert_true(with[m->tiers[0].price] >= 200 && with[m->tiers[0].price] <= 300);
    tco_prices_fini(&f->p);
    assert_int_equal(add(f, "s.csv", HEADER "A,X,ucaas,seat,\"uniform(15,40)\",,,,\n"), TCO_OK);
    gsl_rng_set(r, 11);
    tco_prices_draw_plan(&f->p, 0, r, without);
    assert_true(seat_with == without[0]);
    gsl_rng_free(r);

    static const struct {
        const char *rows, *want;
    } bad[] = {
        {"A,X,ucaas,minimum,100,0,500,,\n",
         "m.csv:2:7: tier_to: expected a blank cell on a minimum row (a plan's least monthly "
         "charge is one amount, not tiered: tcosim-prices(5)), got \"500\""},
        {"A,X,ucaas,minimum,100,10,,,\n",
         "m.csv:2:6: tier_from: expected a blank cell on a minimum row (a plan's least monthly "
         "charge is one amount, not tiered: tcosim-prices(5)), got \"10\""},
        {"A,X,ucaas,minimum,100,,,5,\n",
         "m.csv:2:8: included: expected a blank cell on a minimum row (a plan's least monthly "
         "charge has no free units: tcosim-prices(5)), got \"5\""},
        {"A,X,ucaas,minimum,100,,,,\nA,X,ucaas,minimum,200,,,,\n",
         "m.csv:3:4: item: expected one minimum row for A/X, got a second (line 2 has one)"},
        {"A,X,ucaas,minimum,-1,,,,\n",
         "m.csv:2:5: price: expected a minimum from 0 to 1e9 $ a month, got \"-1\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tco_prices_fini(&f->p);
        tco_diag_list_fini(&f->d);
        char text[512];
        snprintf(text, sizeof text, HEADER "%s", bad[i].rows);
        assert_int_equal(add(f, "m.csv", text), TCO_EDATA);
        assert_int_equal(f->d.n, 1);
        assert_diag(&f->d, 0, bad[i].want);
        assert_int_equal(f->p.n_plans, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(plans_should_group_rows_by_vendor_and_plan_in_order),
        T(tiers_should_be_sorted_and_contiguous_in_the_continuous_convention),
        T(tiers_should_be_sorted_and_contiguous_in_the_inclusive_convention),
        T(included_should_go_on_its_own_item),
        T(price_values_should_follow_sheet_rows_across_sheets),
        T(a_plan_in_two_sheets_should_be_named_after_each_sheet),
        T(a_plan_in_two_sheets_of_one_file_name_should_be_refused),
        T(currencies_that_disagree_across_sheets_should_be_refused),
        T(sheet_problems_should_have_their_exact_text_and_place),
        T(tier_problems_should_be_refused),
        T(a_normal_price_should_be_drawn_and_clamped_at_zero),
        T(the_file_kind_should_be_told_by_vendor_and_item),
        T(sheet_names_in_option_names_should_encode_what_would_make_them_ambiguous),
        T(vendor_and_plan_names_should_refuse_every_control_character),
        T(a_minimum_should_load_as_one_open_amount_drawn_last),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
