/* SPDX-License-Identifier: MIT */
/* Tests of manifest (SPEC §8.5): the SHA-256 of known bytes (FIPS 180-2's test vectors), the
 * members and their order, null seed and trials for a sweep, null for an input that cannot be
 * read, and valid JSON (parsed back with jansson) for a file name that is not UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "tco/manifest.h"

/* A temporary file holding `text`; its path in buf. */
static void temp_file(char *buf, size_t size, const char *text)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(buf, size, "%s/test_manifest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    const size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
}

static void sha256_should_match_the_fips_vectors(void **state)
{
    (void)state;
    char path[256], hex[65];
    temp_file(path, sizeof path, "abc");
    assert_true(tco_manifest_sha256_file(path, hex));
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    unlink(path);
    temp_file(path, sizeof path, "");
    assert_true(tco_manifest_sha256_file(path, hex));
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    unlink(path);
    assert_false(tco_manifest_sha256_file("/nonexistent/x.csv", hex));
    assert_string_equal(hex, "");
}

/* The manifest written to memory and parsed back. */
static json_t *written(const tco_manifest *m)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    assert_int_equal(tco_manifest_write(mem, m), 0);
    fclose(mem);
    json_error_t err;
    json_t *doc = json_loadb(buf, len, 0, &err);
    assert_non_null(doc);
    free(buf);
    return doc;
}

static void manifest_should_name_every_member_in_order(void **state)
{
    (void)state;
    char path[256];
    temp_file(path, sizeof path, "abc");
    char bad_name[] = "r\xff.csv";
    char *argv[] = {"tcosim", "run", bad_name};
    const tco_manifest_input inputs[] = {{path, "prices"}, {"/nonexistent/s.csv", "scenario"}};
    const char *outputs[] = {"summary.csv", "manifest.json"};
    const tco_manifest m = {"9.9", 3, argv, true, UINT64_C(18446744073709551615), 500,
                            inputs, 2, outputs, 2, "USD", true};
    json_t *doc = written(&m);
    const char *want[] = {"tool", "version", "command", "seed", "trials", "inputs",
                          "outputs", "currency", "discounted"};
    size_t k = 0;
    const char *key;
    json_t *value;
    json_object_foreach(doc, key, value) {
        assert_true(k < sizeof want / sizeof want[0]);
        assert_string_equal(key, want[k++]);
    }
    assert_int_equal(k, sizeof want / sizeof want[0]);
    assert_string_equal(json_string_value(json_object_get(doc, "tool")), "tcosim");
    /* a 64-bit seed is exact only as a string */
    assert_string_equal(json_string_value(json_object_get(doc, "seed")), "18446744073709551615");
    assert_int_equal(json_integer_value(json_object_get(doc, "trials")), 500);
    /* a file name that is not UTF-8 still makes valid JSON (U+FFFD) */
    assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "command"), 2)),
                        "r\xef\xbf\xbd.csv");
    json_t *in = json_object_get(doc, "inputs");
    assert_int_equal(json_array_size(in), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(in, 0), "sha256")),
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_true(json_is_null(json_object_get(json_array_get(in, 1), "sha256")));
    assert_string_equal(json_string_value(json_object_get(json_array_get(in, 1), "kind")),
                        "scenario");
    assert_int_equal(json_array_size(json_object_get(doc, "outputs")), 2);
    assert_true(json_is_true(json_object_get(doc, "discounted")));
    json_decref(doc);
    unlink(path);
}

static void a_sweep_should_have_no_seed_or_trials(void **state)
{
    (void)state;
    char *argv[] = {"tcosim", "breakeven"};
    const tco_manifest m = {"9.9", 2, argv, false, 1, 1, NULL, 0, NULL, 0, NULL, false};
    json_t *doc = written(&m);
    assert_true(json_is_null(json_object_get(doc, "seed")));
    assert_true(json_is_null(json_object_get(doc, "trials")));
    assert_true(json_is_null(json_object_get(doc, "currency")));
    assert_true(json_is_false(json_object_get(doc, "discounted")));
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_should_match_the_fips_vectors),
        cmocka_unit_test(manifest_should_name_every_member_in_order),
        cmocka_unit_test(a_sweep_should_have_no_seed_or_trials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
