/* SPDX-License-Identifier: MIT */
/* diag: located diagnostics and their one-line format (SPEC §2; see tco/diag.h). */
#include "tco/diag.h"
#include "tco/defaults.h"
#include "tco/xalloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Cells longer than this are cut in messages: one line must stay readable. */
#define CELL_QUOTE_MAX 80

void tco_diag_list_init(tco_diag_list *list)
{
    list->items = NULL;
    list->n = list->cap = list->n_added = 0;
    list->worst = TCO_OK;
    list->n_warnings = 0;
    list->warnings_are_errors = false;
}

void tco_diag_list_fini(tco_diag_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].file);
        free(list->items[i].msg);
    }
    free(list->items);
    tco_diag_list_init(list);
}

static void push(tco_diag_list *list, tco_diag d)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 8;
        list->items = tco_xreallocarray(list->items, list->cap, sizeof *list->items);
    }
    list->items[list->n++] = d;
    if (d.status > list->worst)
        list->worst = d.status;
}

void tco_diag_list_take(tco_diag_list *dst, tco_diag_list *src)
{
    for (size_t i = 0; i < src->n; i++)
        push(dst, src->items[i]);
    dst->n_added += src->n_added;
    dst->n_warnings += src->n_warnings;
    if (src->worst > dst->worst)
        dst->worst = src->worst;
    free(src->items);
    const bool strict = src->warnings_are_errors;
    tco_diag_list_init(src);
    src->warnings_are_errors = strict;
}

static bool same_file(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* How many diagnostics of `file` the list holds (the note of the cut included). */
static size_t count_of_file(const tco_diag_list *list, const char *file)
{
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++)
        n += same_file(list->items[i].file, file);
    return n;
}

static void add_v(tco_diag_list *list, tco_status status, bool warning, const char *file,
                  unsigned long line, unsigned col, const char *fmt, va_list ap_in)
{
    /* A hostile file can have a problem in every cell: list the first ones, then say so once,
     * so that memory, time and the reader's screen stay bounded. */
    if (warning && !list->warnings_are_errors)
        list->n_warnings++;
    else
        list->n_added++;
    size_t already = count_of_file(list, file);
    if (already >= TCO_MAX_DIAGS_PER_FILE) {
        if (already == TCO_MAX_DIAGS_PER_FILE) {
            char *msg = tco_xasprintf("more problems than the %d listed; fix these and check "
                                      "again",
                                      TCO_MAX_DIAGS_PER_FILE);
            tco_diag d = {file ? tco_xstrdup(file) : NULL, TCO_DIAG_AFTER_LAST_LINE, 0, status,
                          msg, false};
            push(list, d);
        } else if (status > list->worst) {
            list->worst = status;
        }
        return;
    }
    va_list ap;
    va_copy(ap, ap_in);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = tco_xmalloc(len > 0 ? (size_t)len + 1 : 1);
    msg[0] = '\0';
    if (len > 0) {
        va_copy(ap, ap_in);
        vsnprintf(msg, (size_t)len + 1, fmt, ap);
        va_end(ap);
    }
    tco_diag d = {file ? tco_xstrdup(file) : NULL, line, col, status, msg, warning};
    push(list, d);
}

void tco_diag_add(tco_diag_list *list, tco_status status, const char *file, unsigned long line,
                  unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(list, status, false, file, line, col, fmt, ap);
    va_end(ap);
}

void tco_diag_warn(tco_diag_list *list, const char *file, unsigned long line, unsigned col,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(list, list->warnings_are_errors ? TCO_EDATA : TCO_OK, true, file, line, col, fmt, ap);
    va_end(ap);
}

size_t tco_diag_utf8_seq(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    const unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned long cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0; /* a continuation byte, C0/C1 (always overlong), or F5..FF */
    }
    if (n < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)))
        return 0;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        return 0;
    return len;
}

/* How escape_text treats what is not plain text. */
enum {
    ESCAPE_CONTROLS = 1u << 0,  /* C0 controls, DEL and C1 controls become \n, \xHH, \u0080 */
    KEEP_BREAKS = 1u << 1,      /* ... except tab, LF and CR, kept as they are */
    BAD_AS_FFFD = 1u << 2       /* a byte not part of well-formed UTF-8 becomes U+FFFD, not \xHH */
};

/* The form of the character at p (n bytes left) into piece (>= 8 bytes); *used is how many
 * input bytes it stands for. C1 controls (U+0080..U+009F) are escaped with the C0 ones:
 * some terminals obey them as escape sequences (0x9B is CSI). */
static size_t text_piece(const unsigned char *p, size_t n, unsigned flags, char *piece,
                         size_t *used)
{
    const size_t len = tco_diag_utf8_seq(p, n);
    *used = len ? len : 1;
    if (len == 0) {
        if (flags & BAD_AS_FFFD) {
            memcpy(piece, "\xEF\xBF\xBD", 3);
            return 3;
        }
        return (size_t)snprintf(piece, 8, "\\x%02X", *p);
    }
    const bool c0 = *p < 0x20 || *p == 0x7f;
    const bool c1 = len == 2 && p[0] == 0xC2 && p[1] < 0xA0;
    const bool brk = *p == '\n' || *p == '\r' || *p == '\t';
    if ((flags & ESCAPE_CONTROLS) && (c0 || c1) && !(brk && (flags & KEEP_BREAKS))) {
        if (brk) {
            piece[0] = '\\';
            piece[1] = *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't';
            return 2;
        }
        if (c1)
            return (size_t)snprintf(piece, 8, "\\u%04X", (unsigned)p[1]);
        return (size_t)snprintf(piece, 8, "\\x%02X", *p);
    }
    memcpy(piece, p, len);
    return len;
}

/* s into buf (size >= 1) in the form `flags` asks for; cut with "..." when it does not fit,
 * never inside a character. */
static void escape_text(char *buf, size_t size, const char *s, unsigned flags)
{
    const size_t room = size - 1; /* keep the NUL */
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s), o = 0;
    while (left > 0) {
        char piece[8];
        size_t used;
        const size_t n = text_piece(p, left, flags, piece, &used);
        if (o + n > room) {
            /* Too long: cut so that "..." fits, never inside a UTF-8 sequence. Only bytes
             * already written (below the old o) are looked at. */
            size_t written = o;
            o = room >= 3 ? room - 3 : 0;
            if (o > written)
                o = written;
            while (o > 0 && o < written && ((unsigned char)buf[o] & 0xC0) == 0x80)
                o--;
            if (room >= 3) {
                memcpy(buf + o, "...", 3);
                o += 3;
            }
            break;
        }
        memcpy(buf + o, piece, n);
        o += n;
        p += used;
        left -= used;
    }
    buf[o] = '\0';
}

/* escape_text into a new string that always fits: a byte becomes at most 4 ("\xHH"), a
 * 2-byte C1 control 6 ("\u0080"), a bad byte 3 (U+FFFD). */
static char *escaped_copy(const char *s, unsigned flags)
{
    const size_t size = 4 * strlen(s) + 1;
    char *buf = tco_xmalloc(size);
    escape_text(buf, size, s, flags);
    return buf;
}

void tco_diag_quote_cell(char *buf, size_t size, const char *cell)
{
    escape_text(buf, size, cell, ESCAPE_CONTROLS);
}

char *tco_diag_printable(const char *s)
{
    return escaped_copy(s, ESCAPE_CONTROLS);
}

char *tco_diag_utf8(const char *s)
{
    return escaped_copy(s, BAD_AS_FFFD);
}

char *tco_diag_cell_text(const char *s)
{
    return escaped_copy(s, ESCAPE_CONTROLS | KEEP_BREAKS | BAD_AS_FFFD);
}

size_t tco_diag_text_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        w += (*p & 0xC0) != 0x80; /* count code points, not continuation bytes */
    return w;
}

void tco_diag_add_cell(tco_diag_list *list, const char *file, unsigned long line, unsigned col,
                       const char *column, const char *expected, const char *cell)
{
    char quoted[CELL_QUOTE_MAX + 1];
    tco_diag_quote_cell(quoted, sizeof quoted, cell ? cell : "");
    tco_diag_add(list, TCO_EDATA, file, line, col, "%s: expected %s, got \"%s\"", column,
                 expected, quoted);
}

char *tco_diag_format(const tco_diag *d)
{
    /* SPEC §2: one line, whatever a file name or a message quotes (a newline in a file name,
     * an escape sequence in a scenario name, bytes that are not UTF-8) */
    char *file = tco_diag_printable(d->file ? d->file : "tcosim");
    char *printable = tco_diag_printable(d->msg);
    char *msg = d->warning ? tco_xasprintf("warning: %s", printable) : printable;
    if (msg != printable)
        free(printable);
    char *line;
    if (d->line == TCO_DIAG_AFTER_LAST_LINE)
        line = tco_xasprintf("%s: %s", file, msg);
    else if (d->line && d->col)
        line = tco_xasprintf("%s:%lu:%u: %s", file, d->line, d->col, msg);
    else if (d->line)
        line = tco_xasprintf("%s:%lu: %s", file, d->line, msg);
    else
        line = tco_xasprintf("%s: %s", file, msg);
    free(file);
    free(msg);
    return line;
}

/* The rank of d's file: the index of the first diagnostic of the same file. */
static size_t file_rank(const tco_diag_list *list, const tco_diag *d)
{
    for (size_t i = 0; i < list->n; i++) {
        const char *a = list->items[i].file, *b = d->file;
        if (a == b || (a && b && strcmp(a, b) == 0))
            return i;
    }
    return list->n;
}

void tco_diag_list_sort(tco_diag_list *list)
{
    /* insertion sort: stable, and lists are short */
    size_t *rank = tco_xcalloc(list->n + 1, sizeof *rank);
    for (size_t i = 0; i < list->n; i++)
        rank[i] = file_rank(list, &list->items[i]);
    for (size_t i = 1; i < list->n; i++) {
        tco_diag d = list->items[i];
        size_t r = rank[i];
        size_t j = i;
        while (j > 0 && (rank[j - 1] > r ||
                         (rank[j - 1] == r && (list->items[j - 1].line > d.line ||
                                               (list->items[j - 1].line == d.line &&
                                                list->items[j - 1].col > d.col))))) {
            list->items[j] = list->items[j - 1];
            rank[j] = rank[j - 1];
            j--;
        }
        list->items[j] = d;
        rank[j] = r;
    }
    free(rank);
}
