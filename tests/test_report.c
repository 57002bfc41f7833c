/* SPDX-License-Identifier: MIT */
/* Tests of report: number formats (shortest round-trip decimals, money for people), the CSV
 * files of SPEC §6 (RFC 4180 through libcsv: every cell quoted, quotes doubled, CRLF; the
 * columns SPEC §6 names, first and in order; formula neutralisation of text cells) and the JSON
 * document (parsed back with jansson; its numbers are the engine's). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "hand_cases.h"
#include "testutil.h"
#include "tco/report.h"

/* ---- numbers --------------------------------------------------------------------------- */

static void assert_number(double x, const char *want)
{
    char buf[32];
    tco_report_format_number(buf, sizeof buf, x);
    assert_string_equal(buf, want);
    assert_true(strtod(buf, NULL) == x);
}

static void numbers_are_the_shortest_decimal_that_reads_back(void **state)
{
    (void)state;
    assert_number(0.1, "0.1");
    assert_number(3500, "3500");
    assert_number(0, "0");
    assert_number(-2.5, "-2.5");
    assert_number(1650.0, "1650");
    assert_number(200000.0 / 7, "28571.428571428572"); /* report.h's own example */
    assert_number(0.1 + 0.2, "0.30000000000000004");  /* needs all 17 digits */
    assert_number(1e21, "1e+21");
    /* 1/3: the shortest string that strtod reads back as 1/3 has 16 significant digits
     * (0.3333333333333333); whatever the length, at most 17 and an exact round trip */
    char buf[32];
    tco_report_format_number(buf, sizeof buf, 1.0 / 3);
    assert_true(strtod(buf, NULL) == 1.0 / 3);
    assert_string_equal(buf, "0.3333333333333333");
    /* a sweep of awkward values: each reads back exactly in at most 17 digits */
    double x = 1.0 / 7;
    for (int i = 0; i < 200; i++, x *= -3.1) {
        tco_report_format_number(buf, sizeof buf, x);
        assert_true(strtod(buf, NULL) == x);
        size_t digits = 0;
        for (const char *c = buf; *c && *c != 'e'; c++)
            digits += *c >= '0' && *c <= '9';
        assert_true(digits <= 18); /* 17 significant, plus a leading "0." zero */
    }
}

/* ---- CSV ------------------------------------------------------------------------------- */

/* Runs every scenario of `scenarios` (a few trials) on `sheet` and writes one CSV file of all
 * of them with `write`, from file name `file`. Returns the text; caller frees. */
static char *csv_of(const char *scenarios, const char *sheet, const char *file,
                    int (*write)(FILE *, const tco_report_item *, size_t))
{
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, scenarios);
    tu_prices(&p, sheet);
    tco_result *r = calloc(f.n, sizeof *r);
    tco_report_item *items = calloc(f.n, sizeof *items);
    assert_true(r && items);
    for (size_t i = 0; i < f.n; i++) {
        tu_run(&f.items[i], &p, 3, 1, 1, &r[i]);
        items[i] = (tco_report_item){file, &r[i]};
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(write(fp, items, f.n), 0);
    assert_int_equal(fclose(fp), 0);
    for (size_t i = 0; i < f.n; i++)
        tco_result_fini(&r[i]);
    free(r);
    free(items);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
    return buf;
}

/* Checks that text is RFC 4180 as report.h promises (every field quoted, CRLF, no bare quote
 * inside a field) and returns the number of records. */
static size_t check_rfc4180(const char *text, size_t fields_per_record)
{
    size_t records = 0;
    const char *c = text;
    while (*c) {
        size_t fields = 0;
        for (;;) {
            assert_true(*c == '"'); /* every field quoted */
            c++;
            for (;;) {
                assert_true(*c != '\0');
                if (*c == '"') {
                    if (c[1] == '"') { /* a doubled quote is a quote inside the field */
                        c += 2;
                        continue;
                    }
                    c++;
                    break;
                }
                c++;
            }
            fields++;
            if (*c == ',') {
                c++;
                continue;
            }
            assert_true(c[0] == '\r' && c[1] == '\n'); /* CRLF line ends */
            c += 2;
            break;
        }
        assert_int_equal(fields, fields_per_record);
        records++;
    }
    return records;
}

static size_t header_fields(const char *text)
{
    size_t n = 1;
    for (const char *c = text; *c != '\r'; c++)
        n += *c == ',';
    return n;
}

static void summary_header_starts_with_the_spec_columns(void **state)
{
    (void)state;
    char *s = csv_of(HAND_SCENARIOS, HAND_SHEET, "hand.csv", tco_report_summary_csv);
    static const char SPEC[] = "\"file\",\"scenario\",\"option\",\"trials\",\"mean\",\"sd\","
                               "\"p05\",\"p25\",\"p50\",\"p75\",\"p95\",\"p_cheapest\"";
    assert_memory_equal(s, SPEC, strlen(SPEC));
    assert_true(s[strlen(SPEC)] == ',' || s[strlen(SPEC)] == '\r');
    /* ours follow, with the interval beside p_cheapest_se (SPEC §6) */
    assert_non_null(strstr(s, ",\"mean_se\",\"p_cheapest_se\",\"p_cheapest_lo\",\"p_cheapest_hi\","
                              "\"offered\",\"not_offered_reason\",\"months\",\"seed\","
                              "\"version\",\"note\",\"max_bill_p50\",\"max_bill_p95\","
                              "\"budget\",\"p_over_budget\",\"p_over_budget_se\","
                              "\"p_over_budget_lo\",\"p_over_budget_hi\"\r\n"));
    /* without --budget its five columns are empty on every row */
    assert_non_null(strstr(s, ",\"\",\"\",\"\",\"\",\"\"\r\n"));
    /* 3 of 3 trials cheapest: p_cheapest 1, mean_se 0, p_cheapest_se 0, the interval
     * [3/(3+z^2), 1] with z = 1.959963984540054: 3/6.841458820694124 = 0.43850...; the option
     * cheapest in none: [0, z^2/(3+z^2)] = [0, 0.56149...] */
    const char *row = strstr(s, "\"hand.csv\",\"base\",\"ucaas:U/Basic\",");
    assert_non_null(row);
    assert_non_null(strstr(row, ",\"1\",\"0\",\"0\",\"0.4385"));
    assert_non_null(strstr(row, "\",\"1\",\"yes\","));
    /* 4 scenarios x 3 options + the header */
    assert_int_equal(check_rfc4180(s, header_fields(s)), 1 + 4 * 3);
    /* a row with the hand value: base, ucaas:U/Basic, 3 trials of 3500 */
    assert_non_null(strstr(s, "\"hand.csv\",\"base\",\"ucaas:U/Basic\",\"3\",\"3500\",\"0\","
                              "\"3500\",\"3500\",\"3500\",\"3500\",\"3500\",\"1\""));
    free(s);

    s = csv_of(HAND_SCENARIOS, HAND_SHEET, "hand.csv", tco_report_monthly_csv);
    static const char MONTHLY[] = "\"file\",\"scenario\",\"option\",\"month\",\"cost_mean\","
                                  "\"cost_p05\",\"cost_p50\",\"cost_p95\",\"cumulative_p50\"";
    assert_memory_equal(s, MONTHLY, strlen(MONTHLY));
    assert_true(s[strlen(MONTHLY)] == ',' || s[strlen(MONTHLY)] == '\r');
    /* (12 + 12 + 12 + 24 months) x 3 options + the header */
    assert_int_equal(check_rfc4180(s, header_fields(s)), 1 + (12 * 3 + 24) * 3);
    /* month 1 of base, ucaas: 750 (hand_cases.h); cumulative to month 1 is the same */
    assert_non_null(strstr(s, "\"hand.csv\",\"base\",\"ucaas:U/Basic\",\"1\",\"750\",\"750\","
                              "\"750\",\"750\",\"750\""));
    free(s);

    s = csv_of(HAND_SCENARIOS, HAND_SHEET, "hand.csv", tco_report_histogram_csv);
    static const char HIST[] = "\"file\",\"scenario\",\"option\",\"bin_low\",\"bin_high\",\"count\"";
    assert_memory_equal(s, HIST, strlen(HIST));
    assert_true(s[strlen(HIST)] == ',' || s[strlen(HIST)] == '\r');
    check_rfc4180(s, header_fields(s));
    free(s);
}

static void text_cells_that_look_like_formulas_are_neutralised(void **state)
{
    (void)state;
    char *s = csv_of("scenario,months,seats\n"
                     "=cmd,1,1\n"
                     "+sum,1,1\n"
                     "-x,1,1\n"
                     "@at,1,1\n"
                     "\"say \"\"hi\"\", ok\",1,1\n"
                     "plain,1,1\n",
                     "vendor,plan,model,item,price\nU,P,ucaas,seat,20\n", "=file.csv",
                     tco_report_summary_csv);
    assert_int_equal(check_rfc4180(s, header_fields(s)), 1 + 6);
    /* the file column too */
    assert_non_null(strstr(s, "\r\n\"'=file.csv\",\"'=cmd\",\"ucaas:U/P\","));
    assert_non_null(strstr(s, ",\"'+sum\",\"ucaas:U/P\","));
    assert_non_null(strstr(s, ",\"'-x\",\"ucaas:U/P\","));
    assert_non_null(strstr(s, ",\"'@at\",\"ucaas:U/P\","));
    /* embedded quotes doubled, the comma kept inside the quoted field */
    assert_non_null(strstr(s, ",\"say \"\"hi\"\", ok\",\"ucaas:U/P\","));
    assert_non_null(strstr(s, ",\"plain\",\"ucaas:U/P\","));
    /* numbers are not text: 1 month x 1 seat x 20 = 20, never '20 */
    assert_non_null(strstr(s, ",\"plain\",\"ucaas:U/P\",\"3\",\"20\","));
    free(s);
}

static void not_offered_options_have_zero_trials_and_blank_statistics(void **state)
{
    (void)state;
    char *s = csv_of("scenario,months,seats,voice_minutes_per_seat\nv,12,10,100\n", HAND_SHEET,
                     "v.csv", tco_report_summary_csv);
    /* C/Pay prices no voice: trials 0, mean .. p_cheapest blank */
    assert_non_null(strstr(s, "\"v.csv\",\"v\",\"cpaas:C/Pay\",\"0\",\"\",\"\",\"\",\"\",\"\","
                              "\"\",\"\",\"\","));
    assert_non_null(strstr(s, "\"C/Pay does not price voice\""));
    free(s);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void json_parses_and_carries_the_results(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, HAND_SCENARIOS);
    tu_prices(&p, HAND_SHEET);
    tco_result r;
    tu_run(&f.items[HAND_DELAY], &p, 4, 1, 1, &r);
    tco_report_item item = {"say \"q\".csv", &r};
    tco_diag_list errors;
    tco_diag_list_init(&errors);
    tco_diag_add(&errors, TCO_EDATA, "bad.csv", 3, 2, "seats: expected a number, got \"x\"");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(tco_report_json(fp, &item, 1, &errors), 0);
    assert_int_equal(fclose(fp), 0);

    json_error_t err;
    json_t *doc = json_loads(buf, 0, &err);
    if (!doc)
        fail_msg("JSON does not parse: %s at line %d: %s", err.text, err.line, buf);
    json_t *res = json_array_get(json_object_get(doc, "results"), 0);
    assert_non_null(res);
    assert_string_equal(json_string_value(json_object_get(res, "file")), "say \"q\".csv");
    assert_string_equal(json_string_value(json_object_get(res, "scenario")), "delay");
    json_t *opts = json_object_get(res, "options");
    assert_int_equal(json_array_size(opts), 3);
    for (size_t k = 0; k < 3; k++) {
        json_t *o = json_array_get(opts, tu_option(&r, HAND_OPTIONS[k]));
        assert_string_equal(json_string_value(json_object_get(o, "option")), HAND_OPTIONS[k]);
        /* hand_cases.h: delay 4,000.00 / 10,564.00 / 14,064.00 */
        tu_assert_cents(json_number_value(json_object_get(o, "mean")), HAND_TCO[HAND_DELAY][k]);
        tu_assert_cents(json_number_value(json_object_get(o, "p50")), HAND_TCO[HAND_DELAY][k]);
        assert_int_equal(json_integer_value(json_object_get(o, "trials")), 4);
        assert_int_equal(json_array_size(json_object_get(o, "monthly")), 12);
        /* p_cheapest with its Wilson interval: 4 of 4 trials (ucaas:U/Basic is cheapest in
         * every trial of "delay") gives [n/(n+z^2), 1] = [4/7.8415, 1] = [0.5101, 1], 0 of 4
         * gives [0, z^2/(n+z^2)] = [0, 0.4899] */
        const double pc = json_number_value(json_object_get(o, "p_cheapest"));
        const double lo = json_number_value(json_object_get(o, "p_cheapest_lo"));
        const double hi = json_number_value(json_object_get(o, "p_cheapest_hi"));
        assert_true(pc == (k == 0 ? 1.0 : 0.0));
        assert_true(k == 0 ? fabs(lo - 0.5101) < 1e-4 && hi == 1 : lo == 0 && fabs(hi - 0.4899) < 1e-4);
    }
    json_t *e = json_array_get(json_object_get(doc, "errors"), 0);
    assert_non_null(e);
    assert_int_equal(json_integer_value(json_object_get(e, "line")), 3);
    assert_string_equal(json_string_value(json_object_get(e, "message")),
                        "bad.csv:3:2: seats: expected a number, got \"x\"");
    json_decref(doc);
    free(buf);
    tco_diag_list_fini(&errors);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* The index of the column named `name` of spec. */
static size_t column_named(const tco_table_spec *spec, const char *name)
{
    for (size_t c = 0; c < spec->n_columns; c++)
        if (strcmp(spec->columns[c].name, name) == 0)
            return c;
    fail_msg("no column %s", name);
    return 0;
}

/* monthly.csv's table (issue 15): one row per month of every offered option, its discounted
 * monthly means adding up to the TCO (hand_cases.h: delay 4,000.00 / 10,564.00 / 14,064.00),
 * and the JSON document's monthly rows of each option carry every one of its cells. */
static void monthly_table_adds_up_and_is_the_json_rows(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    tu_scenarios(&f, HAND_SCENARIOS);
    tu_prices(&p, HAND_SHEET);
    tco_result r;
    tu_run(&f.items[HAND_DELAY], &p, 4, 1, 1, &r);
    tco_report_item item = {"hand.csv", &r};
    tco_table *t = tco_report_monthly_table(&item, 1);
    const tco_table_spec *spec = tco_table_get_spec(t);
    assert_string_equal(spec->name, "monthly");
    assert_int_equal(tco_table_n_rows(t), 3 * 12);

    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(tco_report_json(fp, &item, 1, NULL), 0);
    assert_int_equal(fclose(fp), 0);
    json_t *doc = json_loads(buf, 0, NULL);
    assert_non_null(doc);
    json_t *opts = json_object_get(json_array_get(json_object_get(doc, "results"), 0), "options");

    for (size_t k = 0; k < 3; k++) {
        const size_t o = tu_option(&r, HAND_OPTIONS[k]);
        size_t n_run;
        const char *const keys[] = {"hand.csv", "delay", HAND_OPTIONS[k]};
        const size_t first = tco_table_find_run(t, keys, 3, 0, &n_run);
        assert_int_equal(n_run, 12);
        json_t *rows = json_object_get(json_array_get(opts, o), "monthly");
        assert_int_equal(json_array_size(rows), 12);
        double sum = 0;
        for (size_t m = 0; m < 12; m++) {
            json_t *row = json_array_get(rows, m);
            size_t members = 0;
            for (size_t c = 0; c < spec->n_columns; c++) {
                if (spec->columns[c].key)
                    continue;
                const tco_cell cell = tco_table_cell(t, first + m, c);
                json_t *v = json_object_get(row, spec->columns[c].name);
                assert_non_null(v);
                members++;
                if (cell.type == TCO_COLUMN_COUNT)
                    assert_true(json_integer_value(v) == (json_int_t)cell.count);
                else
                    assert_true(json_real_value(v) == cell.real);
            }
            assert_int_equal(json_object_size(row), members);
            assert_true(tco_table_cell(t, first + m, column_named(spec, "month")).count == m + 1);
            sum += tco_table_cell(t, first + m, column_named(spec, "cost_mean")).real;
        }
        tu_assert_cents(sum, HAND_TCO[HAND_DELAY][k]);
    }
    json_decref(doc);
    free(buf);
    tco_table_free(t);
    tco_result_fini(&r);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

/* SPEC §6: every CSV cell is UTF-8, whatever the file name given; controls that a terminal
 * would obey (ESC) are escaped, line breaks are cell data. */
static void csv_text_is_utf8_with_terminal_controls_escaped(void **state)
{
    (void)state;
    char *s = csv_of("scenario,months,seats\n\"e\x1b[31mred\nx\",1,1\n",
                     "vendor,plan,model,item,price\nU,P,ucaas,seat,20\n", "p\xff.csv",
                     tco_report_summary_csv);
    assert_non_null(strstr(s, "\r\n\"p\xef\xbf\xbd.csv\",\"e\\x1B[31mred\nx\",\"ucaas:U/P\","));
    assert_null(strchr(s, '\x1b'));
    free(s);
}

/* The table, as a user reads it: the scenario's and the file's names printable, money whole
 * in columns as wide as their widest cell. */
static void table_escapes_names_and_widens_columns_for_huge_money(void **state)
{
    (void)state;
    tco_scenario_file f;
    tco_prices p;
    /* 1e9 seats x $1e9 x 12 months = $1.2e19 a trial: "$1.200e+19" */
    tu_scenarios(&f, "scenario,months,seats\n\"big\x1b]0;owned\x07\",12,1e9\nsmall,12,1\n");
    tu_prices(&p, "vendor,plan,model,item,price\nU,P,ucaas,seat,1e9\n");
    tco_result r[2];
    tco_report_item items[2];
    for (size_t i = 0; i < 2; i++) {
        tu_run(&f.items[i], &p, 3, 1, 1, &r[i]);
        items[i] = (tco_report_item){"dir\n\xff.csv", &r[i]};
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(tco_report_table(fp, items, 2), 0);
    assert_int_equal(fclose(fp), 0);
    assert_non_null(strstr(buf, "big\\x1B]0;owned\\x07 (dir\\n\\xFF.csv): 12 months"));
    assert_non_null(strstr(buf, "$1.200e+19"));
    for (const char *c = buf; *c; c++)
        assert_true(*c == '\n' || ((unsigned char)*c >= 0x20 && *c != 0x7f));
    /* the header's "mean TCO" ends where the cells end: right-aligned in one column */
    const char *head = strstr(buf, "mean TCO"), *cell = strstr(buf, "$1.200e+19");
    const char *head_bol = head, *cell_bol = cell;
    while (head_bol > buf && head_bol[-1] != '\n')
        head_bol--;
    while (cell_bol > buf && cell_bol[-1] != '\n')
        cell_bol--;
    assert_int_equal((head - head_bol) + strlen("mean TCO"),
                     (cell - cell_bol) + strlen("$1.200e+19"));
    free(buf);
    for (size_t i = 0; i < 2; i++)
        tco_result_fini(&r[i]);
    tco_prices_fini(&p);
    tco_scenario_file_fini(&f);
}

static void pad_counts_characters_not_bytes(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    tco_report_pad(fp, "caf\xc3\xa9", 6, false);
    fputc('|', fp);
    tco_report_pad(fp, "\xc2\xb1", 3, true);
    fputc('|', fp);
    tco_report_pad(fp, "toolong", 3, true);
    fclose(fp);
    assert_string_equal(buf, "caf\xc3\xa9  |  \xc2\xb1|toolong");
    free(buf);
}

/* jansson refuses text that is not UTF-8 (json_string returns NULL, and the key was dropped):
 * every name reaches the document, bad bytes as U+FFFD. */
static void json_keeps_every_key_whatever_the_bytes_of_a_name(void **state)
{
    (void)state;
    json_t *j = tco_report_json_text("cpaas:C/Api@p\xff");
    assert_non_null(j);
    assert_string_equal(json_string_value(j), "cpaas:C/Api@p\xef\xbf\xbd");
    json_decref(j);
    j = tco_report_json_text("e\x1b[31m");
    assert_string_equal(json_string_value(j), "e\x1b[31m"); /* JSON writes it \u001B */
    char *dump = json_dumps(j, JSON_ENCODE_ANY);
    assert_string_equal(dump, "\"e\\u001B[31m\"");
    free(dump);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_are_the_shortest_decimal_that_reads_back),
        cmocka_unit_test(csv_text_is_utf8_with_terminal_controls_escaped),
        cmocka_unit_test(table_escapes_names_and_widens_columns_for_huge_money),
        cmocka_unit_test(pad_counts_characters_not_bytes),
        cmocka_unit_test(json_keeps_every_key_whatever_the_bytes_of_a_name),
        cmocka_unit_test(summary_header_starts_with_the_spec_columns),
        cmocka_unit_test(text_cells_that_look_like_formulas_are_neutralised),
        cmocka_unit_test(not_offered_options_have_zero_trials_and_blank_statistics),
        cmocka_unit_test(json_parses_and_carries_the_results),
        cmocka_unit_test(monthly_table_adds_up_and_is_the_json_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
