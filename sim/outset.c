/* SPDX-License-Identifier: MIT */
/* outset: one run's files replace the previous set as a whole (see tco/outset.h). */
#define _XOPEN_SOURCE 700 /* S_ISVTX, the sticky bit (XSI) */
#include "tco/outset.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>
#endif

#include "tco/xalloc.h"

const char *const TCO_RESULT_NAMES[] = {
    /* run */
    "summary.csv", "monthly.csv", "histogram.csv", "pairwise.csv", "diff.csv", "breakeven.csv",
    /* breakeven */
    "grid.csv", "breakeven_frontier.csv",
    /* named by SPEC §8-§10 for later runs: an older file of these names is an earlier run's */
    "breakdown.csv", "sensitivity.csv", "manifest.json", "tcosim.xlsx", NULL};

const char *const TCO_RESULT_DIRS[] = {"plots", NULL};

bool tco_outset_is_result_name(const char *name)
{
    for (size_t i = 0; TCO_RESULT_NAMES[i]; i++)
        if (strcmp(TCO_RESULT_NAMES[i], name) == 0)
            return true;
    return false;
}

tco_status tco_outset_check_inputs(const char *dir, const char *const *inputs, size_t n_inputs,
                                   tco_diag_list *diags)
{
    for (size_t i = 0; TCO_RESULT_NAMES[i]; i++) {
        char *path = tco_xasprintf("%s/%s", dir, TCO_RESULT_NAMES[i]);
        struct stat out;
        if (stat(path, &out) == 0) {
            for (size_t k = 0; k < n_inputs; k++) {
                struct stat in;
                if (stat(inputs[k], &in) == 0 && in.st_dev == out.st_dev &&
                    in.st_ino == out.st_ino) {
                    tco_diag_add(diags, TCO_ECANTCREAT, path, 0, 0,
                                 "cannot write: it is this run's input file %s, which --out "
                                 "would overwrite or remove; give another --out directory",
                                 inputs[k]);
                    free(path);
                    return TCO_ECANTCREAT;
                }
            }
        }
        free(path);
    }
    return TCO_OK;
}

tco_status tco_outset_begin(tco_outset *s, const char *dir, const atomic_int *stop,
                            tco_diag_list *diags)
{
    memset(s, 0, sizeof *s);
    s->lock_fd = -1;
    s->dir = tco_xstrdup(dir);
    tco_status st = tco_outdir_make(dir, diags);
    if (st != TCO_OK)
        return st;
    char *path = tco_xasprintf("%s/%s", dir, TCO_OUTSET_LOCK_NAME);
    /* never through a symbolic link; read-only is enough for flock where another user made it */
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EACCES)
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        int err = fd < 0 ? errno : 0;
        if (fd >= 0)
            close(fd);
        tco_diag_add(diags, TCO_ECANTCREAT, path, 0, 0,
                     "cannot lock the --out directory: %s",
                     err ? strerror(err) : "expected a regular file, got a special file");
        free(path);
        return TCO_ECANTCREAT;
    }
    /* a second run waits here; a signal handler installed without SA_RESTART ends the wait */
    while (flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR && !(stop && atomic_load(stop)))
            continue;
        int err = errno;
        close(fd);
        free(path);
        if (err == EINTR)
            return TCO_EINTERRUPTED;
        tco_diag_add(diags, TCO_ECANTCREAT, dir, 0, 0, "cannot lock the --out directory: %s",
                     strerror(err));
        return TCO_ECANTCREAT;
    }
    free(path);
    s->lock_fd = fd;
    return TCO_OK;
}

tco_status tco_outset_add(tco_outset *s, const char *name, FILE **fp, tco_diag_list *diags)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 8;
        s->files = tco_xreallocarray(s->files, s->cap, sizeof *s->files);
        s->names = tco_xreallocarray(s->names, s->cap, sizeof *s->names);
    }
    tco_status st = tco_outfile_open(&s->files[s->n], s->dir, name, diags);
    if (st != TCO_OK)
        return st;
    s->names[s->n] = tco_xstrdup(name);
    *fp = s->files[s->n].fp;
    s->n++;
    return TCO_OK;
}

tco_status tco_outset_add_dir(tco_outset *s, const char *name, const char **path,
                              tco_diag_list *diags)
{
    char *tmp = tco_xasprintf("%s/.%s.tmp.XXXXXX", s->dir, name);
    if (s->dir_tmp || !mkdtemp(tmp)) {
        tco_diag_add(diags, TCO_ECANTCREAT, tmp, 0, 0, "cannot create: %s",
                     s->dir_tmp ? "one result directory per run" : strerror(errno));
        free(tmp);
        return TCO_ECANTCREAT;
    }
    const mode_t mask = umask(0); /* mkdtemp makes it 0700: give it a directory's usual mode */
    umask(mask);
    chmod(tmp, 0777 & ~mask);
    s->dir_name = tco_xstrdup(name);
    s->dir_tmp = tmp;
    *path = tmp;
    return TCO_OK;
}

/* Calls f(path of each entry) for the plain files (and links) of directory `dir`. */
static void each_file(const char *dir, void (*f)(const char *path))
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = tco_xasprintf("%s/%s", dir, e->d_name);
        struct stat sb;
        if (lstat(path, &sb) == 0 && (S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)))
            f(path);
        free(path);
    }
    closedir(d);
}

static void unlink_path(const char *path) { unlink(path); }

/* A picture's name as tcosim writes them: s, digits, -, lower-case words, .png or .svg. */
static bool is_picture_name(const char *n)
{
    if (*n++ != 's' || !isdigit((unsigned char)*n))
        return false;
    while (isdigit((unsigned char)*n))
        n++;
    if (*n++ != '-')
        return false;
    const char *words = n;
    while (islower((unsigned char)*n) || *n == '-')
        n++;
    return n > words && (strcmp(n, ".png") == 0 || strcmp(n, ".svg") == 0);
}

/* Whether a result directory holds only files of tcosim's picture names (or nothing): only
 * then is it tcosim's to replace or remove. */
static bool dir_is_ours(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    bool ours = true;
    struct dirent *e;
    while (ours && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = tco_xasprintf("%s/%s", dir, e->d_name);
        struct stat sb;
        ours = is_picture_name(e->d_name) && lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
        free(path);
    }
    closedir(d);
    return ours;
}

/* A result directory's files removed (dir_is_ours: only pictures), then the directory. */
static void remove_result_dir(const char *dir)
{
    each_file(dir, unlink_path);
    rmdir(dir);
}

tco_status tco_outset_close(tco_outset *s, tco_diag_list *diags)
{
    for (size_t i = 0; i < s->n; i++) {
        tco_status st = tco_outfile_close(&s->files[i], diags);
        if (st != TCO_OK)
            return st;
    }
    if (s->dir_tmp) {
        DIR *d = opendir(s->dir_tmp);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char *path = tco_xasprintf("%s/%s", s->dir_tmp, e->d_name);
            int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            const bool ok = fd >= 0 && fsync(fd) == 0;
            const int err = errno;
            if (fd >= 0)
                close(fd);
            if (!ok) {
                tco_diag_add(diags, TCO_ECANTCREAT, path, 0, 0, "cannot write: %s",
                             strerror(err));
                free(path);
                closedir(d);
                return TCO_ECANTCREAT;
            }
            free(path);
        }
        if (d)
            closedir(d);
        tco_outdir_sync(s->dir_tmp);
    }
    return TCO_OK;
}

/* ---- the commit ---------------------------------------------------------------------------- */

/* Whether an existing dir/name can be renamed away: POSIX lets a sticky directory's entry be
 * renamed only by its owner, the directory's owner or a privileged process, and Linux refuses
 * any rename of an immutable or append-only file. Checked before the first rename so that a
 * predictable failure changes nothing at all. NULL, or why not. */
static const char *cannot_move(const char *path, const struct stat *sb, const struct stat *dir)
{
    uid_t me = geteuid();
    if ((dir->st_mode & S_ISVTX) && me != 0 && sb->st_uid != me && dir->st_uid != me)
        return "it belongs to another user in a sticky directory";
#if defined(FS_IOC_GETFLAGS) && defined(FS_IMMUTABLE_FL) && defined(FS_APPEND_FL)
    if (S_ISREG(sb->st_mode)) {
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
        int flags = 0;
        if (fd >= 0) {
            bool fixed = ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 &&
                         (flags & (FS_IMMUTABLE_FL | FS_APPEND_FL));
            close(fd);
            if (fixed)
                return "it is immutable or append-only (chattr +i or +a)";
        }
    }
#else
    (void)path;
#endif
    return NULL;
}

struct tco_outset_step {
    char *target;      /* dir/name */
    char *aside;       /* where the old file went (NULL: there was none) */
    tco_outfile *file; /* the new file, or NULL: a stale file to remove */
    bool is_dir;       /* a result directory (TCO_RESULT_DIRS) */
    const char *src;   /* the new file's or directory's temporary name; NULL: stale */
    bool moved_aside, moved_in;
};
typedef struct tco_outset_step step;

/* A fresh hidden name beside `target` for its old file, reserved with mkstemp (an empty
 * directory, mkdtemp, for a directory: rename replaces an empty directory). */
static char *reserve_aside(const char *dir, const char *name, bool is_dir)
{
    char *path = tco_xasprintf("%s/.%s.old.XXXXXX", dir, name);
    if (is_dir) {
        if (mkdtemp(path))
            return path;
        free(path);
        return NULL;
    }
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

static void free_steps(tco_outset *s)
{
    for (size_t i = 0; i < s->n_steps; i++) {
        free(s->steps[i].target);
        free(s->steps[i].aside);
    }
    free(s->steps);
    s->steps = NULL;
    s->n_steps = 0;
}

/* Plans the steps (every new file, then every stale result file) and checks each. */
static tco_status plan_steps(tco_outset *s, step *steps, size_t *n_steps, tco_diag_list *diags)
{
    struct stat dir;
    if (stat(s->dir, &dir) != 0) {
        tco_diag_add(diags, TCO_ECANTCREAT, s->dir, 0, 0, "cannot write: %s", strerror(errno));
        return TCO_ECANTCREAT;
    }
    size_t n = 0;
    /* this run's files */
    for (size_t i = 0; i < s->n; i++)
        steps[n++] = (step){tco_xasprintf("%s/%s", s->dir, s->names[i]), NULL, &s->files[i],
                            false, s->files[i].tmp_path, false, false};
    /* the result directories: this run's, or an earlier run's to remove */
    for (size_t r = 0; TCO_RESULT_DIRS[r]; r++) {
        const bool mine = s->dir_name && strcmp(s->dir_name, TCO_RESULT_DIRS[r]) == 0;
        steps[n++] = (step){tco_xasprintf("%s/%s", s->dir, TCO_RESULT_DIRS[r]), NULL, NULL,
                            true, mine ? s->dir_tmp : NULL, false, false};
    }
    /* result files of tcosim's names that this run did not write */
    for (size_t r = 0; TCO_RESULT_NAMES[r]; r++) {
        bool written = false;
        for (size_t i = 0; i < s->n && !written; i++)
            written = strcmp(s->names[i], TCO_RESULT_NAMES[r]) == 0;
        if (!written)
            steps[n++] = (step){tco_xasprintf("%s/%s", s->dir, TCO_RESULT_NAMES[r]), NULL, NULL,
                                false, NULL, false, false};
    }
    *n_steps = n;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (lstat(steps[i].target, &sb) != 0) {
            if (!steps[i].src) {
                free(steps[i].target);
                steps[i].target = NULL; /* no stale file of that name */
            }
            continue;
        }
        const bool replaceable = steps[i].is_dir ? S_ISDIR(sb.st_mode)
                                                 : S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode);
        /* a result directory that holds anything tcosim did not write is not ours: a stale one
         * is left, a new one refused */
        const bool foreign = steps[i].is_dir && replaceable && !dir_is_ours(steps[i].target);
        if (foreign && !steps[i].src) {
            free(steps[i].target);
            steps[i].target = NULL;
            continue;
        }
        if (!replaceable && !steps[i].src) {
            free(steps[i].target); /* not a result file: not ours to remove */
            steps[i].target = NULL;
            continue;
        }
        const char *why = foreign ? "it holds files that tcosim did not write (only its "
                                    "pictures, sNN-NAME.png and .svg, may be there)"
                          : replaceable     ? cannot_move(steps[i].target, &sb, &dir)
                          : steps[i].is_dir ? "expected a directory or nothing, got a file"
                                            : "expected a regular file or nothing, got a "
                                              "directory or other special file";
        if (why) {
            tco_diag_add(diags, TCO_ECANTCREAT, steps[i].target, 0, 0,
                         "cannot %s: %s; the previous files are kept",
                         steps[i].src ? "replace" : "remove the earlier run's file", why);
            return TCO_ECANTCREAT;
        }
        steps[i].aside =
            reserve_aside(s->dir, strrchr(steps[i].target, '/') + 1, steps[i].is_dir);
        if (!steps[i].aside) {
            tco_diag_add(diags, TCO_ECANTCREAT, steps[i].target, 0, 0, "cannot write: %s",
                         strerror(errno));
            return TCO_ECANTCREAT;
        }
    }
    return TCO_OK;
}

static void release_file(tco_outfile *f)
{
    free(f->final_path);
    free(f->tmp_path);
    f->final_path = f->tmp_path = NULL;
}

tco_status tco_outset_swap(tco_outset *s, tco_diag_list *diags)
{
    size_t most = s->n;
    for (size_t r = 0; TCO_RESULT_NAMES[r]; r++)
        most++;
    for (size_t r = 0; TCO_RESULT_DIRS[r]; r++)
        most++;
    step *steps = tco_xcalloc(most + 1, sizeof *steps);
    size_t n = 0;
    tco_status st = plan_steps(s, steps, &n, diags);
    size_t done = 0;
    if (st == TCO_OK) {
        for (; done < n; done++) {
            step *p = &steps[done];
            if (!p->target)
                continue;
            if (p->aside) {
                if (rename(p->target, p->aside) != 0)
                    break;
                p->moved_aside = true;
            }
            if (p->src) {
                if (rename(p->src, p->target) != 0)
                    break;
                p->moved_in = true;
            }
        }
        if (done < n) {
            tco_diag_add(diags, TCO_ECANTCREAT, steps[done].target, 0, 0,
                         "cannot %s: %s; the previous files are kept",
                         steps[done].src ? "replace" : "remove the earlier run's file",
                         strerror(errno));
            st = TCO_ECANTCREAT;
        }
    }
    s->steps = steps;
    s->n_steps = n;
    if (st != TCO_OK)
        tco_outset_undo(s, diags);
    return st;
}

void tco_outset_undo(tco_outset *s, tco_diag_list *diags)
{
    step *steps = s->steps;
    /* in reverse: old files back in place, new ones removed, reserved names freed */
    for (size_t i = s->n_steps; i-- > 0;) {
        step *p = &steps[i];
        if (p->moved_in && p->is_dir)
            rename(p->target, p->src); /* back to its temporary name, removed at the end */
        else if (p->moved_in && !p->moved_aside)
            unlink(p->target);
        if (p->moved_aside && rename(p->aside, p->target) != 0) {
            if (diags)
                tco_diag_add(diags, TCO_ECANTCREAT, p->target, 0, 0,
                             "cannot put the previous file back: %s; it is %s",
                             strerror(errno), p->aside);
            continue; /* keep it where it is: it is the user's only copy */
        }
        if (p->aside && !p->moved_aside) {
            if (p->is_dir)
                rmdir(p->aside); /* reserved, never used */
            else
                unlink(p->aside);
        }
        p->moved_aside = p->moved_in = false;
    }
    free_steps(s);
    tco_outdir_sync(s->dir);
}

void tco_outset_settle(tco_outset *s)
{
    for (size_t i = 0; i < s->n_steps; i++) {
        if (!s->steps[i].aside)
            continue;
        if (s->steps[i].is_dir)
            remove_result_dir(s->steps[i].aside); /* the previous run's */
        else
            unlink(s->steps[i].aside); /* the previous run's file */
    }
    if (s->dir_tmp) {
        free(s->dir_tmp); /* in place */
        s->dir_tmp = NULL;
    }
    for (size_t i = 0; i < s->n; i++)
        release_file(&s->files[i]); /* in place: nothing to remove */
    free_steps(s);
    tco_outdir_sync(s->dir);
}

void tco_outset_end(tco_outset *s)
{
    if (s->steps)
        tco_outset_undo(s, NULL);
    for (size_t i = 0; i < s->n; i++) {
        tco_outfile_abort(&s->files[i]);
        free(s->names[i]);
    }
    if (s->dir_tmp)
        remove_result_dir(s->dir_tmp);
    free(s->dir_tmp);
    free(s->dir_name);
    free(s->files);
    free(s->names);
    if (s->lock_fd >= 0)
        close(s->lock_fd); /* releases the flock */
    free(s->dir);
    memset(s, 0, sizeof *s);
    s->lock_fd = -1;
}
