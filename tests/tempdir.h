/* SPDX-License-Identifier: MIT */
/* A fresh directory for the tests that write files (outfile, outset): its fixture, setup and
 * teardown, shared so that both suites clean up the same way. Header-only (one test binary
 * includes it once). */
#ifndef TCO_TESTS_TEMPDIR_H
#define TCO_TESTS_TEMPDIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tco/diag.h"
#include "tco/xalloc.h"

typedef struct fixture {
    char root[256];
    tco_diag_list d;
} fixture;

/* A fresh directory $TMPDIR/NAME.XXXXXX (or under /tmp) in a new fixture. */
static inline int tu_tempdir_setup(void **state, const char *name)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    const char *tmp = getenv("TMPDIR");
    snprintf(f->root, sizeof f->root, "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(f->root)) {
        free(f);
        return -1;
    }
    tco_diag_list_init(&f->d);
    *state = f;
    return 0;
}

/* rm -r of what the tests make (files and directories, whatever their modes) */
static inline void tu_remove_tree(const char *path)
{
    DIR *dir = opendir(path);
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *sub = tco_xasprintf("%s/%s", path, e->d_name);
            chmod(sub, 0700);
            tu_remove_tree(sub);
            free(sub);
        }
        closedir(dir);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static inline int tu_tempdir_teardown(void **state)
{
    fixture *f = *state;
    chmod(f->root, 0700);
    tu_remove_tree(f->root);
    tco_diag_list_fini(&f->d);
    free(f);
    return 0;
}

#endif
