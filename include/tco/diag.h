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
#include <stdbool.h>
#include <stddef.h>

typedef enum tco_status {
    TCO_OK = 0,
    TCO_EUSAGE = 64,      /* EX_USAGE: bad command line */
    TCO_EDATA = 65,       /* EX_DATAERR: bad input data */
    TCO_ENOINPUT = 66,    /* EX_NOINPUT: input missing or unreadable */
    TCO_EUNAVAILABLE = 69, /* EX_UNAVAILABLE: a program it needs is missing (gnuplot) */
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
    bool warning;       /* a plausibility warning (tco_diag_warn): printed `warning: msg` */
} tco_diag;

/* A growable list of diagnostics; `worst` is the highest status added (TCO_OK when empty). */
typedef struct tco_diag_list {
    tco_diag *items;
    size_t n, cap;
    size_t n_added;   /* every diagnostic ever added, listed or not: compare it, not n, to tell
                         whether a step found problems */
    tco_status worst;
    size_t n_warnings;         /* warnings added that are not errors (see tco_diag_warn) */
    bool warnings_are_errors;  /* --strict: tco_diag_warn adds errors (TCO_EDATA); set it after
                                  tco_diag_list_init */
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

/* Adds a plausibility warning (SPEC §8.4): a value that is valid but probably not what the user
 * meant, printed `file:line:col: warning: msg`. Unless the list's warnings_are_errors is set
 * it changes neither `worst` nor `n_added` (a loader's "did this step find problems" stays
 * false) and counts in n_warnings; with it set (--strict) the warning is an error: status
 * TCO_EDATA, counted in n_added like any other. */
void tco_diag_warn(tco_diag_list *list, const char *file, unsigned long line, unsigned col,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
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

/* Returns "file:line:col: msg" (parts omitted when 0) as a new string; caller frees. The file
 * name and the message are made printable (tco_diag_printable): the result is one line of
 * UTF-8 text whatever they hold. */
char *tco_diag_format(const tco_diag *d);

/* ---- printable text: the one escaping of everything tcosim prints for people ---------- */

/* Length (1-4) of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF) that starts s[0..n), or 0 when s does not start one (or n == 0). */
size_t tco_diag_utf8_seq(const unsigned char *s, size_t n);

/* Writes `cell` into buf (size >= 1) as printable one-line UTF-8 text: C0 controls and DEL
 * become \n, \r, \t or \xHH, C1 controls (U+0080..U+009F) \u0080..\u009F, and each byte that
 * is not part of well-formed UTF-8 \xHH; a cell longer than the buffer is cut with "...",
 * never inside a character. */
void tco_diag_quote_cell(char *buf, size_t size, const char *cell);

/* tco_diag_quote_cell without a cut, as a new string (caller frees): the form in which every
 * table and message shows a name, a file name or any other text that came from outside. */
char *tco_diag_printable(const char *s);

/* s with each byte that is not part of well-formed UTF-8 replaced by U+FFFD, everything else
 * (controls included) kept; a new string, caller frees. The text of every JSON string: JSON
 * writes controls as \u001B itself, but must be UTF-8. */
char *tco_diag_utf8(const char *s);

/* The text of a CSV cell: tco_diag_utf8, and controls escaped as tco_diag_quote_cell does
 * except tab, LF and CR, which a quoted cell holds as data. A new string, caller frees. */
char *tco_diag_cell_text(const char *s);

/* The columns printable text takes on a terminal, counted as code points (a combining or wide
 * character is counted as one). */
size_t tco_diag_text_width(const char *s);

#endif
