/* SPDX-License-Identifier: MIT */
/* Tests of table_json (issue 15): a row's object holds every column that is not a key, in the
 * spec's json_order (else column order); counts are integers, reals reals and null when not
 * finite, an absent text null, a list an array of strings, text that is not UTF-8 has U+FFFD;
 * nesting puts the rows of one key tuple under the spec's json_name of the parent and moves
 * the cursor past them, and a tuple without rows gets an empty array. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tco/table.h"
#include "tco/table_json.h"

enum { C_FILE, C_OPTION, C_MONTH, C_COST, C_NOTE, C_CHANGES, N_C };
static const tco_column COLUMNS[N_C] = {
    [C_FILE] = {"file", TCO_COLUMN_TEXT, true},
    [C_OPTION] = {"option", TCO_COLUMN_TEXT, true},
    [C_MONTH] = {"month", TCO_COLUMN_COUNT, false},
    [C_COST] = {"cost", TCO_COLUMN_REAL, false},
    [C_NOTE] = {"note", TCO_COLUMN_TEXT, false},
    [C_CHANGES] = {"changes", TCO_COLUMN_TEXT_LIST, false},
};
static const tco_table_spec SPEC = {"demo", "demo_rows", COLUMNS, N_C, NULL, 0};
static const size_t ORDER[] = {C_CHANGES, C_COST, C_NOTE, C_MONTH};
static const tco_table_spec ORDERED = {"demo", "demo_rows", COLUMNS, N_C, ORDER, 4};

static void row(tco_table *t, const char *file, const char *option, uint64_t month, double cost,
                const char *note)
{
    static const char *const CHANGES[] = {"seat: 20 → 22", "api: removed"};
    tco_table_text(t, file);
    tco_table_text(t, option);
    tco_table_count(t, month);
    tco_table_real(t, cost);
    tco_table_text(t, note);
    tco_table_list(t, CHANGES, month % 3);
    tco_table_end_row(t);
}

/* The compact JSON of j, members in order (caller frees); releases j. */
static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
    return s;
}

static void rows_hold_every_column_but_the_keys(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&SPEC);
    row(t, "a", "x", 1, 0.5, "n");
    row(t, "a", "x", 2, NAN, NULL);
    row(t, "a", "y", 3, INFINITY, "bad \xff byte");
    char *s = dump(tco_table_json_rows(t, 0, 3));
    assert_string_equal(
        s, "[{\"month\":1,\"cost\":0.5,\"note\":\"n\",\"changes\":[\"seat: 20 → 22\"]},"
           "{\"month\":2,\"cost\":null,\"note\":null,\"changes\":[\"seat: 20 → 22\",\"api: removed\"]},"
           "{\"month\":3,\"cost\":null,\"note\":\"bad \xef\xbf\xbd byte\",\"changes\":[]}]");
    free(s);
    /* a range past the end stops at the end */
    s = dump(tco_table_json_rows(t, 2, 5));
    assert_string_equal(s, "[{\"month\":3,\"cost\":null,\"note\":\"bad \xef\xbf\xbd byte\",\"changes\":[]}]");
    free(s);
    tco_table_free(t);
}

static void members_follow_json_order(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&ORDERED);
    row(t, "a", "x", 1, 1.25, "n");
    char *s = dump(tco_table_json_rows(t, 0, 1));
    assert_string_equal(s, "[{\"changes\":[\"seat: 20 → 22\"],\"cost\":1.25,\"note\":\"n\",\"month\":1}]");
    free(s);
    tco_table_free(t);
}

/* Counts are JSON integers up to 2^63 - 1 (json_int_t); reals keep every bit. */
static void numbers_are_exact(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&SPEC);
    row(t, "a", "x", INT64_MAX, 0.1 + 0.2, "n");
    json_t *a = tco_table_json_rows(t, 0, 1);
    json_t *o = json_array_get(a, 0);
    assert_true(json_is_integer(json_object_get(o, "month")));
    assert_true(json_integer_value(json_object_get(o, "month")) == INT64_MAX);
    assert_true(json_is_real(json_object_get(o, "cost")));
    assert_true(json_real_value(json_object_get(o, "cost")) == 0.1 + 0.2);
    json_decref(a);
    tco_table_free(t);
}

static void rows_nest_by_their_keys(void **state)
{
    (void)state;
    tco_table *t = tco_table_alloc(&SPEC);
    row(t, "a", "x", 1, 1, "n");
    row(t, "a", "x", 2, 2, "n");
    row(t, "a", "y", 1, 3, "n");
    const char *const ax[] = {"a", "x"}, *const ay[] = {"a", "y"}, *const az[] = {"a", "z"};
    size_t cursor = 0;
    json_t *px = json_object(), *py = json_object(), *pz = json_object();
    json_object_set_new(px, "option", json_string("x"));
    tco_table_json_nest(px, t, ax, 2, &cursor);
    assert_int_equal(cursor, 2);
    tco_table_json_nest(py, t, ay, 2, &cursor);
    assert_int_equal(cursor, 3);
    /* no rows: an empty array, the cursor stays */
    tco_table_json_nest(pz, t, az, 2, &cursor);
    assert_int_equal(cursor, 3);
    char *s = dump(px);
    assert_string_equal(s, "{\"option\":\"x\",\"demo_rows\":["
                           "{\"month\":1,\"cost\":1.0,\"note\":\"n\",\"changes\":[\"seat: 20 → 22\"]},"
                           "{\"month\":2,\"cost\":2.0,\"note\":\"n\",\"changes\":[\"seat: 20 → 22\",\"api: removed\"]}]}");
    free(s);
    s = dump(py);
    assert_string_equal(s, "{\"demo_rows\":[{\"month\":1,\"cost\":3.0,\"note\":\"n\",\"changes\":[\"seat: 20 → 22\"]}]}");
    free(s);
    s = dump(pz);
    assert_string_equal(s, "{\"demo_rows\":[]}");
    free(s);
    tco_table_free(t);
}

/* Appended a part at a time, the array is the one made at once. */
/* A flag column is a JSON boolean. */
static void flags_are_booleans(void **state)
{
    (void)state;
    static const tco_column FLAG_COLUMNS[] = {{"name", TCO_COLUMN_TEXT, true},
                                              {"offered", TCO_COLUMN_FLAG, false}};
    static const tco_table_spec FLAG_SPEC = {"flags", "flags", FLAG_COLUMNS, 2, NULL, 0};
    tco_table *t = tco_table_alloc(&FLAG_SPEC);
    tco_table_text(t, "a");
    tco_table_flag(t, true);
    tco_table_end_row(t);
    tco_table_text(t, "b");
    tco_table_flag(t, false);
    tco_table_end_row(t);
    char *s = dump(tco_table_json_rows(t, 0, 2));
    assert_string_equal(s, "[{\"offered\":true},{\"offered\":false}]");
    free(s);
    tco_table_free(t);
}

static void parts_append_to_one_array(void **state)
{
    (void)state;
    tco_table *whole = tco_table_alloc(&ORDERED), *part = tco_table_alloc(&ORDERED);
    json_t *array = json_array();
    for (uint64_t p = 0; p < 3; p++) {
        for (uint64_t r = 0; r < 2; r++) {
            row(whole, "a", "x", 2 * p + r, 0.25 * (double)r, "n");
            row(part, "a", "x", 2 * p + r, 0.25 * (double)r, "n");
        }
        tco_table_json_append(array, part, 0, tco_table_n_rows(part));
        tco_table_clear(part);
    }
    char *a = dump(array), *b = dump(tco_table_json_rows(whole, 0, 6));
    assert_string_equal(a, b);
    free(a);
    free(b);
    tco_table_free(whole);
    tco_table_free(part);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_hold_every_column_but_the_keys),
        cmocka_unit_test(members_follow_json_order),
        cmocka_unit_test(numbers_are_exact),
        cmocka_unit_test(rows_nest_by_their_keys),
        cmocka_unit_test(flags_are_booleans),
        cmocka_unit_test(parts_append_to_one_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
