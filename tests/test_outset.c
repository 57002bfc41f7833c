/* SPDX-License-Identifier: MIT */
/* Tests of outset (SPEC §8.5: a directory holds one run): a swapped set can be undone to the
 * previous one byte for byte, a settled one replaces it whole and removes the earlier run's
 * result files that it did not write (and nothing else), the lock is taken and kept, and an
 * input among the result names is refused. Forced rename failures at every step are the CLI
 * suite's (tests/cli/commit-faults.sh, with tests/faults/fault.c). Works in a fresh directory
 * under $TMPDIR (or /tmp). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tco/outset.h"
#include "tco/xalloc.h"

#include "tempdir.h"

static int setup(void **state)
{
    return tu_tempdir_setup(state, "test_outset");
}

static int teardown(void **state)
{
    return tu_tempdir_teardown(state);
}

static void put(const fixture *f, const char *name, const char *text)
{
    char *path = tco_xasprintf("%s/%s", f->root, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    free(path);
}

/* The file's text, or "-" when it is absent. */
static char *text_of(const fixture *f, const char *name)
{
    char *path = tco_xasprintf("%s/%s", f->root, name);
    FILE *fp = fopen(path, "rb");
    free(path);
    if (!fp)
        return tco_xstrdup("-");
    char *buf = tco_xcalloc(1, 4096);
    size_t n = fread(buf, 1, 4095, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void assert_text(const fixture *f, const char *name, const char *want)
{
    char *got = text_of(f, name);
    assert_string_equal(got, want);
    free(got);
}

/* The directory's entries, sorted, joined with spaces. */
static char *listing(const fixture *f)
{
    char names[32][256];
    int n = 0;
    DIR *d = opendir(f->root);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 32)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            snprintf(names[n++], sizeof names[0], "%s", e->d_name);
    closedir(d);
    for (int i = 1; i < n; i++)
        for (int k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
            char t[256];
            memcpy(t, names[k], sizeof t);
            memcpy(names[k], names[k - 1], sizeof t);
            memcpy(names[k - 1], t, sizeof t);
        }
    char *out = tco_xcalloc(1, 32 * 257);
    for (int i = 0; i < n; i++) {
        strcat(out, i ? " " : "");
        strcat(out, names[i]);
    }
    return out;
}

static void assert_listing(const fixture *f, const char *want)
{
    char *got = listing(f);
    assert_string_equal(got, want);
    free(got);
}

/* A set of summary.csv and monthly.csv with the given texts, swapped in. */
static void swap_in(fixture *f, tco_outset *s, const char *summary, const char *monthly)
{
    assert_int_equal(tco_outset_begin(s, f->root, NULL, &f->d), TCO_OK);
    FILE *fp;
    assert_int_equal(tco_outset_add(s, "summary.csv", &fp, &f->d), TCO_OK);
    fputs(summary, fp);
    assert_int_equal(tco_outset_add(s, "monthly.csv", &fp, &f->d), TCO_OK);
    fputs(monthly, fp);
    assert_int_equal(tco_outset_close(s, &f->d), TCO_OK);
    assert_int_equal(tco_outset_swap(s, &f->d), TCO_OK);
    assert_int_equal(f->d.n, 0);
}

static void settle_should_replace_the_set_and_remove_stale_result_files(void **state)
{
    fixture *f = *state;
    put(f, "summary.csv", "old summary\n");
    put(f, "pairwise.csv", "old pairwise\n"); /* an earlier run's, not written now */
    put(f, "notes.txt", "mine\n");            /* not tcosim's: never touched */
    tco_outset s;
    swap_in(f, &s, "new summary\n", "new monthly\n");
    tco_outset_settle(&s);
    tco_outset_end(&s);
    assert_text(f, "summary.csv", "new summary\n");
    assert_text(f, "monthly.csv", "new monthly\n");
    assert_text(f, "pairwise.csv", "-");
    assert_text(f, "notes.txt", "mine\n");
    assert_listing(f, ".tcosim.lock monthly.csv notes.txt summary.csv");
}

static void undo_should_put_back_the_previous_set_byte_for_byte(void **state)
{
    fixture *f = *state;
    put(f, "summary.csv", "old summary\n");
    put(f, "breakeven.csv", "old breakeven\n");
    tco_outset s;
    swap_in(f, &s, "new summary\n", "new monthly\n");
    /* swapped: the new set is in place, the old one aside */
    assert_text(f, "summary.csv", "new summary\n");
    assert_text(f, "breakeven.csv", "-");
    tco_outset_undo(&s, &f->d);
    assert_int_equal(f->d.n, 0);
    tco_outset_end(&s);
    assert_text(f, "summary.csv", "old summary\n");
    assert_text(f, "breakeven.csv", "old breakeven\n");
    assert_text(f, "monthly.csv", "-"); /* not there before: gone again */
    assert_listing(f, ".tcosim.lock breakeven.csv summary.csv");
}

static void end_without_settle_should_leave_the_previous_set(void **state)
{
    fixture *f = *state;
    put(f, "monthly.csv", "old monthly\n");
    tco_outset s;
    swap_in(f, &s, "new summary\n", "new monthly\n");
    tco_outset_end(&s); /* e.g. the run died between swap and settle: undone */
    assert_text(f, "monthly.csv", "old monthly\n");
    assert_listing(f, ".tcosim.lock monthly.csv");
}

static void a_directory_in_the_way_should_change_nothing(void **state)
{
    fixture *f = *state;
    put(f, "summary.csv", "old summary\n");
    char *dir = tco_xasprintf("%s/monthly.csv", f->root);
    assert_int_equal(mkdir(dir, 0700), 0);
    tco_outset s;
    assert_int_equal(tco_outset_begin(&s, f->root, NULL, &f->d), TCO_OK);
    FILE *fp;
    assert_int_equal(tco_outset_add(&s, "summary.csv", &fp, &f->d), TCO_OK);
    assert_int_equal(tco_outset_add(&s, "monthly.csv", &fp, &f->d), TCO_OK);
    assert_int_equal(tco_outset_close(&s, &f->d), TCO_OK);
    assert_int_equal(tco_outset_swap(&s, &f->d), TCO_ECANTCREAT);
    assert_int_equal(f->d.n, 1);
    assert_non_null(strstr(f->d.items[0].msg, "got a directory"));
    tco_outset_end(&s);
    rmdir(dir);
    free(dir);
    assert_text(f, "summary.csv", "old summary\n");
    assert_listing(f, ".tcosim.lock summary.csv"); /* no temporary, no moved-aside file */
}

/* A new plots/ holding one file `text`, added to the set s (begun) and filled. */
static void add_plots(fixture *f, tco_outset *s, const char *text)
{
    const char *path;
    assert_int_equal(tco_outset_add_dir(s, "plots", &path, &f->d), TCO_OK);
    char *file = tco_xasprintf("%s/s01-tco.png", path);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    free(file);
}

static void put_old_plots(fixture *f)
{
    char *dir = tco_xasprintf("%s/plots", f->root);
    assert_int_equal(mkdir(dir, 0755), 0);
    free(dir);
    put(f, "plots/s01-tco.png", "old picture\n");
    put(f, "plots/s02-tco.png", "old second\n");
}

static void remove_plots(fixture *f)
{
    char *a = tco_xasprintf("%s/plots/s01-tco.png", f->root);
    char *b = tco_xasprintf("%s/plots/s02-tco.png", f->root);
    char *d = tco_xasprintf("%s/plots", f->root);
    unlink(a);
    unlink(b);
    rmdir(d);
    free(a);
    free(b);
    free(d);
}

static void a_result_directory_should_replace_the_previous_one_as_a_whole(void **state)
{
    fixture *f = *state;
    put_old_plots(f);
    tco_outset s;
    assert_int_equal(tco_outset_begin(&s, f->root, NULL, &f->d), TCO_OK);
    FILE *fp;
    assert_int_equal(tco_outset_add(&s, "summary.csv", &fp, &f->d), TCO_OK);
    add_plots(f, &s, "new picture\n");
    assert_int_equal(tco_outset_close(&s, &f->d), TCO_OK);
    assert_int_equal(tco_outset_swap(&s, &f->d), TCO_OK);
    tco_outset_settle(&s);
    tco_outset_end(&s);
    assert_text(f, "plots/s01-tco.png", "new picture\n");
    assert_text(f, "plots/s02-tco.png", "-"); /* the old set's, gone with it */
    assert_listing(f, ".tcosim.lock plots summary.csv"); /* no temporary or aside left */
    remove_plots(f);
}

static void undo_should_put_the_previous_result_directory_back(void **state)
{
    fixture *f = *state;
    put_old_plots(f);
    tco_outset s;
    assert_int_equal(tco_outset_begin(&s, f->root, NULL, &f->d), TCO_OK);
    add_plots(f, &s, "new picture\n");
    assert_int_equal(tco_outset_close(&s, &f->d), TCO_OK);
    assert_int_equal(tco_outset_swap(&s, &f->d), TCO_OK);
    assert_text(f, "plots/s01-tco.png", "new picture\n");
    tco_outset_undo(&s, &f->d);
    assert_int_equal(f->d.n, 0);
    tco_outset_end(&s);
    assert_text(f, "plots/s01-tco.png", "old picture\n");
    assert_text(f, "plots/s02-tco.png", "old second\n");
    assert_listing(f, ".tcosim.lock plots");
    remove_plots(f);
}

static void a_run_without_the_directory_should_remove_it_but_not_a_file_of_its_name(void **state)
{
    fixture *f = *state;
    put_old_plots(f);
    tco_outset s;
    swap_in(f, &s, "new summary\n", "new monthly\n");
    tco_outset_settle(&s);
    tco_outset_end(&s);
    assert_listing(f, ".tcosim.lock monthly.csv summary.csv");
    /* a plain file named plots is not a result directory: left as it is */
    put(f, "plots", "mine\n");
    swap_in(f, &s, "newer summary\n", "newer monthly\n");
    tco_outset_settle(&s);
    tco_outset_end(&s);
    assert_text(f, "plots", "mine\n");
    assert_listing(f, ".tcosim.lock monthly.csv plots summary.csv");
}

static void a_result_directory_holding_other_files_should_not_be_ours(void **state)
{
    fixture *f = *state;
    put_old_plots(f);
    put(f, "plots/notes.txt", "mine\n"); /* not a picture's name */
    tco_outset s;
    swap_in(f, &s, "new summary\n", "new monthly\n"); /* no plots: the directory is left */
    tco_outset_settle(&s);
    tco_outset_end(&s);
    assert_text(f, "plots/notes.txt", "mine\n");
    assert_text(f, "plots/s01-tco.png", "old picture\n");
    /* a run with plots: refused before anything moves */
    assert_int_equal(tco_outset_begin(&s, f->root, NULL, &f->d), TCO_OK);
    add_plots(f, &s, "new picture\n");
    assert_int_equal(tco_outset_close(&s, &f->d), TCO_OK);
    assert_int_equal(tco_outset_swap(&s, &f->d), TCO_ECANTCREAT);
    assert_int_equal(f->d.n, 1);
    assert_non_null(strstr(f->d.items[0].msg, "did not write"));
    tco_outset_end(&s);
    assert_text(f, "plots/s01-tco.png", "old picture\n");
    assert_listing(f, ".tcosim.lock monthly.csv plots summary.csv"); /* no temporary left */
    char *notes = tco_xasprintf("%s/plots/notes.txt", f->root);
    unlink(notes);
    free(notes);
    remove_plots(f);
}

static void an_input_among_the_result_names_should_be_refused(void **state)
{
    fixture *f = *state;
    put(f, "grid.csv", "scenario,months,seats\n");
    char *input = tco_xasprintf("%s/grid.csv", f->root);
    char *other = tco_xasprintf("%s/notes.txt", f->root);
    put(f, "notes.txt", "x\n");
    const char *only_other[] = {other};
    assert_int_equal(tco_outset_check_inputs(f->root, only_other, 1, &f->d), TCO_OK);
    const char *both[] = {other, input};
    assert_int_equal(tco_outset_check_inputs(f->root, both, 2, &f->d), TCO_ECANTCREAT);
    assert_int_equal(f->d.n, 1);
    assert_non_null(strstr(f->d.items[0].msg, "input file"));
    free(input);
    free(other);
}

static void result_names_should_be_tcosims_own(void **state)
{
    (void)state;
    assert_true(tco_outset_is_result_name("summary.csv"));
    assert_true(tco_outset_is_result_name("breakeven_frontier.csv"));
    assert_true(tco_outset_is_result_name("manifest.json"));
    assert_false(tco_outset_is_result_name("notes.txt"));
    assert_false(tco_outset_is_result_name(TCO_OUTSET_LOCK_NAME));
    assert_false(tco_outset_is_result_name("summary.csv.bak"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            settle_should_replace_the_set_and_remove_stale_result_files, setup, teardown),
        cmocka_unit_test_setup_teardown(undo_should_put_back_the_previous_set_byte_for_byte,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(end_without_settle_should_leave_the_previous_set, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_directory_in_the_way_should_change_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_input_among_the_result_names_should_be_refused, setup,
                                        teardown),
        cmocka_unit_test(result_names_should_be_tcosims_own),
        cmocka_unit_test_setup_teardown(
            a_result_directory_should_replace_the_previous_one_as_a_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_result_directory_holding_other_files_should_not_be_ours, setup, teardown),
        cmocka_unit_test_setup_teardown(undo_should_put_the_previous_result_directory_back,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_run_without_the_directory_should_remove_it_but_not_a_file_of_its_name, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
