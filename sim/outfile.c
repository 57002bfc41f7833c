/* SPDX-License-Identifier: MIT */
/* outfile: temp file + fsync + rename (STYLE 25; the opposite of an in-place save). */
#include "tco/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tco/xalloc.h"

tco_status tco_outdir_make(const char *dir, tco_diag_list *diags)
{
    char *path = tco_xstrdup(dir);
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        path[--len] = '\0';
    /* create each missing component from the top down */
    for (char *p = path + 1;; p++) {
        char saved = *p;
        if (saved == '/' || saved == '\0') {
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                tco_diag_add(diags, TCO_ECANTCREAT, dir, 0, 0, "cannot create directory %s: %s",
                             path, strerror(errno));
                free(path);
                return TCO_ECANTCREAT;
            }
            *p = saved;
        }
        if (saved == '\0')
            break;
    }
    struct stat sb;
    int got = stat(path, &sb);
    if (got != 0 || !S_ISDIR(sb.st_mode)) {
        tco_diag_add(diags, TCO_ECANTCREAT, dir, 0, 0, "expected a directory for --out, got %s",
                     got != 0 ? strerror(errno) : "a file");
        free(path);
        return TCO_ECANTCREAT;
    }
    free(path);
    return TCO_OK;
}

tco_status tco_outfile_open(tco_outfile *f, const char *dir, const char *name,
                            tco_diag_list *diags)
{
    f->final_path = tco_xasprintf("%s/%s", dir, name);
    f->tmp_path = tco_xasprintf("%s/.%s.XXXXXX", dir, name);
    f->fp = NULL;
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        tco_diag_add(diags, TCO_ECANTCREAT, f->final_path, 0, 0, "cannot create: %s",
                     strerror(errno));
        free(f->final_path);
        free(f->tmp_path);
        f->final_path = f->tmp_path = NULL;
        return TCO_ECANTCREAT;
    }
    /* mkstemp makes 0600; an output file gets the usual 0666 & ~umask */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        int e = errno;
        close(fd);
        unlink(f->tmp_path);
        tco_diag_add(diags, TCO_ECANTCREAT, f->final_path, 0, 0, "cannot create: %s",
                     strerror(e));
        free(f->final_path);
        free(f->tmp_path);
        f->final_path = f->tmp_path = NULL;
        return TCO_ECANTCREAT;
    }
    return TCO_OK;
}

static void release(tco_outfile *f)
{
    free(f->final_path);
    free(f->tmp_path);
    f->final_path = f->tmp_path = NULL;
    f->fp = NULL;
}

/* A failed write or rename: the temporary file goes, one line says why. */
static tco_status give_up(tco_outfile *f, int err, tco_diag_list *diags)
{
    unlink(f->tmp_path);
    tco_diag_add(diags, TCO_ECANTCREAT, f->final_path, 0, 0, "cannot write: %s", strerror(err));
    release(f);
    return TCO_ECANTCREAT;
}

tco_status tco_outfile_close(tco_outfile *f, tco_diag_list *diags)
{
    if (!f->tmp_path)
        return TCO_ECANTCREAT;
    if (!f->fp)
        return TCO_OK; /* closed already */
    errno = 0;
    int err = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp))
        err = errno ? errno : EIO;
    if (!err && fsync(fileno(f->fp)) != 0)
        err = errno;
    if (fclose(f->fp) != 0 && !err)
        err = errno;
    f->fp = NULL;
    if (err)
        return give_up(f, err, diags);
    return TCO_OK;
}

tco_status tco_outfile_commit(tco_outfile *f, tco_diag_list *diags)
{
    tco_status st = tco_outfile_close(f, diags);
    if (st != TCO_OK)
        return st;
    if (rename(f->tmp_path, f->final_path) != 0)
        return give_up(f, errno, diags);
    release(f);
    return TCO_OK;
}

void tco_outfile_abort(tco_outfile *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path)
        unlink(f->tmp_path);
    release(f);
}

void tco_outdir_sync(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return;
    fsync(fd); /* EINVAL where directories cannot be synced: nothing more to do */
    close(fd);
}
