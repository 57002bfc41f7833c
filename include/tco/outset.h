/* SPDX-License-Identifier: MIT */
/* outset: the files of one run in an --out directory, replaced as one set (SPEC §8.5).
 *
 * A run's files replace the previous run's set as a whole: every new file is written to a
 * temporary name (outfile) while the run holds DIR/.tcosim.lock; then, once every file is on
 * disk and every rename has been checked to be possible, each old file is moved aside, each
 * new one moved in, and each result file of tcosim's names that this run did not write is
 * moved aside too. If any step fails, every step done is undone in reverse, so the directory
 * holds the whole old set or the whole new one; the moved-aside files are removed at the end.
 * Nothing but tcosim's own names (tco_outset_is_result_name) and the lock is ever touched.
 */
#ifndef TCO_OUTSET_H
#define TCO_OUTSET_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include "tco/diag.h"
#include "tco/outfile.h"

/* The lock file in DIR, the one file besides the results that tcosim may leave there. */
#define TCO_OUTSET_LOCK_NAME ".tcosim.lock"

/* Every result file name that any tcosim command writes, or that SPEC names as a result file
 * (a run removes those it did not write: they belong to an earlier run). NULL-terminated. */
extern const char *const TCO_RESULT_NAMES[];

bool tco_outset_is_result_name(const char *name);

/* The result directories (SPEC §9's plots): a run that writes one replaces the previous one
 * as a whole, with the set; a run that writes none removes the previous one. One that holds
 * anything but files of tcosim's picture names (sNN-NAME.png, .svg) is not tcosim's: left
 * alone by a run that writes none, refused (TCO_ECANTCREAT) by one that writes it.
 * NULL-terminated. */
extern const char *const TCO_RESULT_DIRS[];

typedef struct tco_outset {
    char *dir;
    int lock_fd;          /* -1: not held */
    tco_outfile *files;   /* [n], opened by tco_outset_add */
    char **names;         /* [n] */
    size_t n, cap;
    char *dir_name;       /* the result directory this run writes (TCO_RESULT_DIRS), or NULL */
    char *dir_tmp;        /* its temporary name, filled by the caller until close */
    struct tco_outset_step *steps; /* [n_steps] between swap and settle/undo */
    size_t n_steps;
} tco_outset;

/* Refuses (TCO_ECANTCREAT, one diagnostic) an --out directory where one of tcosim's result
 * names (or the lock) is one of the run's input files, by device and inode, so that a run
 * never writes over or removes its own input. `inputs` are paths as given; ones that cannot be
 * stat'ed are skipped (they were reported when loaded). A missing dir is fine. */
tco_status tco_outset_check_inputs(const char *dir, const char *const *inputs, size_t n_inputs,
                                   tco_diag_list *diags);

/* Creates dir and its parents if missing and takes DIR/.tcosim.lock, waiting while another run
 * holds it. A signal that sets *stop (may be NULL) while waiting gives TCO_EINTERRUPTED. */
tco_status tco_outset_begin(tco_outset *s, const char *dir, const atomic_int *stop,
                            tco_diag_list *diags);

/* Opens the temporary file of result `name` (one of TCO_RESULT_NAMES); *fp receives it. */
tco_status tco_outset_add(tco_outset *s, const char *name, FILE **fp, tco_diag_list *diags);

/* Makes the temporary directory of result directory `name` (one of TCO_RESULT_DIRS; one per
 * set) and gives its path in *path (owned by s): the caller writes plain files into it. */
tco_status tco_outset_add_dir(tco_outset *s, const char *name, const char **path,
                              tco_diag_list *diags);

/* Flushes, fsync's and closes every file (a full disk or a file-size limit shows here).
 * After TCO_OK the new set waits on disk under temporary names. */
tco_status tco_outset_close(tco_outset *s, tco_diag_list *diags);

/* Puts the new set in place of the previous one as described above, keeping the previous files
 * aside, so that it can still be undone. TCO_ECANTCREAT with a diagnostic, the previous set
 * in place and no temporary file left, when any step cannot be done. */
tco_status tco_outset_swap(tco_outset *s, tco_diag_list *diags);

/* After a successful swap: puts the previous set back (the run failed after all: its
 * standard output could not be written, or a stop signal came). A file that cannot be put
 * back is left under its hidden name and named in a diagnostic (diags may be NULL). */
void tco_outset_undo(tco_outset *s, tco_diag_list *diags);

/* After a successful swap: the commit point; removes the previous files and syncs the
 * directory. */
void tco_outset_settle(tco_outset *s);

/* Undoes a swap not settled, removes every temporary file, releases the lock, frees s. */
void tco_outset_end(tco_outset *s);

#endif
