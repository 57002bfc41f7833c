/* SPDX-License-Identifier: MIT */
/* outfile: output files that are never half-written.
 *
 * A file is written to a temporary name in its target directory (so rename is atomic on the
 * same file system), flushed, fsync'ed, closed with every status checked, then renamed into
 * place; on any failure the temporary file is removed. A set of files is committed only after
 * all of them were written.
 */
#ifndef TCO_OUTFILE_H
#define TCO_OUTFILE_H

#include <stdio.h>

#include "tco/diag.h"

typedef struct tco_outfile {
    char *final_path;
    char *tmp_path;
    FILE *fp;          /* write here between open and commit */
} tco_outfile;

/* Creates directory `dir` and its missing parents (mode 0777 & ~umask). TCO_ECANTCREAT with
 * one diagnostic when it cannot. */
tco_status tco_outdir_make(const char *dir, tco_diag_list *diags);

/* Opens a temporary file for dir/name. TCO_ECANTCREAT with a diagnostic on failure. */
tco_status tco_outfile_open(tco_outfile *f, const char *dir, const char *name,
                            tco_diag_list *diags);

/* Flush, fsync and close the temporary file, every status checked: after TCO_OK its bytes
 * are on disk under the temporary name, waiting for tco_outfile_commit or tco_outfile_abort.
 * On failure the temporary file is removed, f is released and TCO_ECANTCREAT returned with a
 * diagnostic (a full disk shows here). */
tco_status tco_outfile_close(tco_outfile *f, tco_diag_list *diags);

/* Renames the temporary file into place (closing it first, as tco_outfile_close, when it is
 * still open). On failure the temporary file is removed and TCO_ECANTCREAT returned with a
 * diagnostic. Either way f is released. */
tco_status tco_outfile_commit(tco_outfile *f, tco_diag_list *diags);

/* Closes and removes the temporary file, open or closed (no-op on a released f). */
void tco_outfile_abort(tco_outfile *f);

/* fsync's directory dir, so that renames into it survive a crash (best effort: a file system
 * that cannot sync a directory is not an error). */
void tco_outdir_sync(const char *dir);

#endif
