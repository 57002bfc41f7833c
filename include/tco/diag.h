/* SPDX-License-Identifier: MIT */
/* diag: the status codes and located diagnostics every module reports through.
 *
 * Status values ARE the sysexits.h codes (SPEC §2), so main can return them as they are.
 * A diagnostic carries its place (file, physical line, 1-based column) and a message that
 * already names the column and what was expected; one formatter turns it into the single
 * line SPEC §2 prescribes: `file:line:col: column: expected ..., got "..."`.
 */
#ifndef TCO_DIAG_H
#define TCO_DIAG_H

#include <limits.h>
#include <stddef.h>

typedef enum tco_status {
    TCO_OK = 0,
    TCO_EUSAGE = 64,      /* EX_USAGE: bad command line */
    TCO_EDATA = 65,       /* EX_DATAERR: bad input data */
    TCO_ENOINPUT = 66,    /* EX_NOINPUT: input missing or unreadable */
    TCO_ESOFTWARE = 70,   /* EX_SOFTWARE: internal error */
    TCO_ECANTCREAT = 73,  /* EX_CANTCREAT: output cannot be created */
    TCO_EIOERR = 74,      /* EX_IOERR: standard output cannot be written (disk full, closed) */
    TCO_EINTERRUPTED = 130 /* stopped by SIGINT/SIGTERM (128 + SIGINT, shell convention) */
} tco_status;

/* One located problem. Strings are owned by the diagnostic. line == 0 means "the whole file",
 * col == 0 means "the whole line"; TCO_DIAG_AFTER_LAST_LINE is the whole file too, sorted after
 * every line (the note that a file's list of problems was cut). */
#define TCO_DIAG_AFTER_LAST_LINE ULONG_MAX

typedef struct tco_diag {
    char *file;
    unsigned long line;
    unsigned col;
    tco_status status;
    char *msg;
} tco_diag;

/* A growable list of diagnostics; `worst` is the highest status added (TCO_OK when empty). */
typedef struct tco_diag_list {
    tco_diag *items;
    size_t n, cap;
    size_t n_added;   /* every diagnostic ever added, listed or not: compare it, not n, to tell
                         whether a step found problems */
    tco_status worst;
} tco_diag_list;

void tco_diag_list_init(tco_diag_list *list);
void tco_diag_list_fini(tco_diag_list *list);
/* Moves every diagnostic of src to the end of dst; src is left empty. */
void tco_diag_list_take(tco_diag_list *dst, tco_diag_list *src);

/* Adds a diagnostic with a printf-style message. A list holds at most TCO_MAX_DIAGS_PER_FILE
 * (tco/defaults.h) of one file, then one note that more were not listed; `worst` still counts
 * every one. */
void tco_diag_add(tco_diag_list *list, tco_status status, const char *file, unsigned long line,
                  unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Adds the standard bad-cell diagnostic:
 *   `column: expected <expected>, got "<cell>"`
 * The cell is quoted as the user typed it, with control characters escaped and very long cells
 * shortened, so the message stays one line. */
void tco_diag_add_cell(tco_diag_list *list, const char *file, unsigned long line, unsigned col,
                       const char *column, const char *expected, const char *cell);

/* Orders the list by file (in order of first appearance), then line, then column, keeping
 * the order of equal places: a reader meets the problems as the file reads. */
void tco_diag_list_sort(tco_diag_list *list);

/* Returns "file:line:col: msg" (parts omitted when 0) as a new string; caller frees. */
char *tco_diag_format(const tco_diag *d);

/* Writes `cell` into buf (size >= 2) as printable one-line text: control characters become
 * \n, \r, \t or \xHH, and a cell longer than the buffer is cut with "...". */
void tco_diag_quote_cell(char *buf, size_t size, const char *cell);

#endif
