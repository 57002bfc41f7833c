/* SPDX-License-Identifier: MIT */
/* Tests of outfile (SPEC §6: a failed run never leaves a half-written file): commit puts the
 * whole file in place, abort and failures leave neither the file nor its temporary, and
 * tco_outdir_make creates nested directories or fails cleanly. Works in a fresh directory
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

#include "tco/outfile.h"
#include "tco/xalloc.h"

#include "tempdir.h"

static int setup(void **state)
{
    return tu_tempdir_setup(state, "test_outfile");
}

static int teardown(void **state)
{
    return tu_tempdir_teardown(state);
}

/* Number of entries of dir other than . and .. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* True when dir holds an entry whose name starts with prefix. */
static int has_entry_starting(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            found = 1;
    closedir(d);
    return found;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = calloc(1, 4096);
    size_t n = fread(buf, 1, 4095, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void commit_should_put_the_whole_file_in_place(void **state)
{
    fixture *f = *state;
    tco_outfile o;
    assert_int_equal(tco_outfile_open(&o, f->root, "summary.csv", &f->d), TCO_OK);
    assert_non_null(o.fp);
    /* while written, only the temporary exists, under a hidden name */
    char *final_path = tco_xasprintf("%s/summary.csv", f->root);
    assert_int_equal(access(final_path, F_OK), -1);
    assert_true(has_entry_starting(f->root, ".summary.csv."));
    fputs("file,scenario\na.csv,base\n", o.fp);
    assert_int_equal(tco_outfile_commit(&o, &f->d), TCO_OK);
    assert_int_equal(f->d.n, 0);
    char *got = slurp(final_path);
    assert_non_null(got);
    assert_string_equal(got, "file,scenario\na.csv,base\n");
    assert_int_equal(count_entries(f->root), 1);
    assert_false(has_entry_starting(f->root, ".summary.csv"));
    /* the usual permissions of a new file, not mkstemp's 0600 */
    struct stat sb;
    assert_int_equal(stat(final_path, &sb), 0);
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(sb.st_mode & 0777, 0666 & ~mask);
    free(got);
    free(final_path);
}

static void commit_should_replace_an_older_file(void **state)
{
    fixture *f = *state;
    char *final_path = tco_xasprintf("%s/monthly.csv", f->root);
    FILE *old = fopen(final_path, "w");
    assert_non_null(old);
    fputs("old contents that are longer than the new ones\n", old);
    fclose(old);
    tco_outfile o;
    assert_int_equal(tco_outfile_open(&o, f->root, "monthly.csv", &f->d), TCO_OK);
    fputs("new\n", o.fp);
    assert_int_equal(tco_outfile_commit(&o, &f->d), TCO_OK);
    char *got = slurp(final_path);
    assert_string_equal(got, "new\n");
    assert_int_equal(count_entries(f->root), 1);
    free(got);
    free(final_path);
}

static void abort_should_leave_no_file_and_no_temporary(void **state)
{
    fixture *f = *state;
    tco_outfile o;
    assert_int_equal(tco_outfile_open(&o, f->root, "summary.csv", &f->d), TCO_OK);
    fputs("half a file", o.fp);
    tco_outfile_abort(&o);
    assert_null(o.fp);
    assert_int_equal(count_entries(f->root), 0);
    /* a second abort is a no-op */
    tco_outfile_abort(&o);
    assert_int_equal(f->d.n, 0);
}

static void an_old_file_should_survive_an_abort(void **state)
{
    fixture *f = *state;
    char *final_path = tco_xasprintf("%s/summary.csv", f->root);
    FILE *old = fopen(final_path, "w");
    fputs("old\n", old);
    fclose(old);
    tco_outfile o;
    assert_int_equal(tco_outfile_open(&o, f->root, "summary.csv", &f->d), TCO_OK);
    fputs("new", o.fp);
    tco_outfile_abort(&o);
    char *got = slurp(final_path);
    assert_string_equal(got, "old\n");
    assert_int_equal(count_entries(f->root), 1);
    free(got);
    free(final_path);
}

/* The two phases of a set of files (tco_cmd_write_files): closed (flushed, fsync'ed) files wait
 * under their temporary names; the set is then committed, or aborted without a trace. */
static void a_closed_file_should_wait_for_commit_or_abort(void **state)
{
    fixture *f = *state;
    char *final_path = tco_xasprintf("%s/summary.csv", f->root);
    FILE *old = fopen(final_path, "w");
    fputs("old\n", old);
    fclose(old);
    tco_outfile a, b;
    assert_int_equal(tco_outfile_open(&a, f->root, "summary.csv", &f->d), TCO_OK);
    assert_int_equal(tco_outfile_open(&b, f->root, "monthly.csv", &f->d), TCO_OK);
    fputs("new\n", a.fp);
    fputs("new\n", b.fp);
    assert_int_equal(tco_outfile_close(&a, &f->d), TCO_OK);
    assert_int_equal(tco_outfile_close(&b, &f->d), TCO_OK);
    assert_null(a.fp);
    assert_int_equal(tco_outfile_close(&a, &f->d), TCO_OK); /* closing twice is harmless */
    /* before the commit, the old file is as it was and the new ones are hidden */
    char *got = slurp(final_path);
    assert_string_equal(got, "old\n");
    free(got);
    assert_int_equal(count_entries(f->root), 3);
    tco_outfile_abort(&b);
    assert_int_equal(count_entries(f->root), 2);
    assert_int_equal(tco_outfile_commit(&a, &f->d), TCO_OK);
    got = slurp(final_path);
    assert_string_equal(got, "new\n");
    free(got);
    assert_int_equal(count_entries(f->root), 1);
    assert_int_equal(f->d.n, 0);
    free(final_path);
}

static void open_should_fail_cleanly_in_a_missing_directory(void **state)
{
    fixture *f = *state;
    char *dir = tco_xasprintf("%s/nosuch", f->root);
    tco_outfile o;
    assert_int_equal(tco_outfile_open(&o, dir, "summary.csv", &f->d), TCO_ECANTCREAT);
    assert_null(o.fp);
    assert_int_equal(f->d.n, 1);
    assert_int_equal(f->d.items[0].status, TCO_ECANTCREAT);
    assert_non_null(strstr(f->d.items[0].msg, "cannot create"));
    assert_int_equal(count_entries(f->root), 0);
    tco_outfile_abort(&o); /* harmless after a failed open */
    free(dir);
}

static void outdir_make_should_create_nested_directories(void **state)
{
    fixture *f = *state;
    char *dir = tco_xasprintf("%s/a/b/c/", f->root);
    assert_int_equal(tco_outdir_make(dir, &f->d), TCO_OK);
    struct stat sb;
    assert_int_equal(stat(dir, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    /* again: it exists already, which is fine */
    assert_int_equal(tco_outdir_make(dir, &f->d), TCO_OK);
    assert_int_equal(f->d.n, 0);
    free(dir);
}

static void outdir_make_should_fail_under_a_regular_file(void **state)
{
    fixture *f = *state;
    char *file = tco_xasprintf("%s/plain", f->root);
    FILE *fp = fopen(file, "w");
    fclose(fp);
    char *dir = tco_xasprintf("%s/plain/out", f->root);
    assert_int_equal(tco_outdir_make(dir, &f->d), TCO_ECANTCREAT);
    assert_int_equal(f->d.n, 1);
    assert_int_equal(f->d.items[0].status, TCO_ECANTCREAT);
    assert_int_equal(f->d.worst, TCO_ECANTCREAT);
    assert_null(strchr(f->d.items[0].msg, '\n'));
    /* the regular file itself is not a directory either */
    assert_int_equal(tco_outdir_make(file, &f->d), TCO_ECANTCREAT);
    assert_int_equal(f->d.n, 2);
    assert_int_equal(count_entries(f->root), 1);
    free(dir);
    free(file);
}

static void commit_into_a_read_only_directory_should_fail_and_leave_nothing(void **state)
{
    fixture *f = *state;
    if (geteuid() == 0)
        skip(); /* root ignores permissions */
    char *dir = tco_xasprintf("%s/ro", f->root);
    assert_int_equal(mkdir(dir, 0700), 0);
    tco_outfile o;
    assert_int_equal(tco_outfile_open(&o, dir, "summary.csv", &f->d), TCO_OK);
    fputs("data\n", o.fp);
    assert_int_equal(chmod(dir, 0500), 0);
    tco_status st = tco_outfile_commit(&o, &f->d);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_int_equal(st, TCO_ECANTCREAT);
    assert_int_equal(f->d.n, 1);
    assert_int_equal(f->d.items[0].status, TCO_ECANTCREAT);
    /* the rename failed, so no summary.csv (the temporary cannot be unlinked from a read-only
     * directory either: it keeps its hidden name and teardown removes it) */
    char *final_path = tco_xasprintf("%s/summary.csv", dir);
    assert_int_equal(access(final_path, F_OK), -1);
    free(final_path);
    /* opening in a read-only directory fails with nothing left */
    assert_int_equal(chmod(dir, 0500), 0);
    assert_int_equal(tco_outfile_open(&o, dir, "monthly.csv", &f->d), TCO_ECANTCREAT);
    assert_int_equal(chmod(dir, 0700), 0);
    assert_false(has_entry_starting(dir, ".monthly.csv"));
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(commit_should_put_the_whole_file_in_place, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(commit_should_replace_an_older_file, setup, teardown),
        cmocka_unit_test_setup_teardown(abort_should_leave_no_file_and_no_temporary, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_old_file_should_survive_an_abort, setup, teardown),
        cmocka_unit_test_setup_teardown(a_closed_file_should_wait_for_commit_or_abort, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(open_should_fail_cleanly_in_a_missing_directory, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(outdir_make_should_create_nested_directories, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(outdir_make_should_fail_under_a_regular_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            commit_into_a_read_only_directory_should_fail_and_leave_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
