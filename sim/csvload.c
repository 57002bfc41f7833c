/* SPDX-License-Identifier: MIT */
/* csvload: a CSV file read through libcsv (strict mode) into a table of located cells.
 *
 * Design (STYLE 22, SPEC §2, §4, §5). libcsv parses every byte of CSV but counts neither lines
 * nor columns, so this module splits the input into physical lines itself (a line ends at LF,
 * CRLF or a lone CR) and feeds libcsv each line's content and then its terminator separately.
 * "Between records" holds at the start and after a line whose terminator ended a record (libcsv
 * called the record callback while it read those bytes); only there is a blank line (nothing but
 * spaces and tabs) or a line whose first character is `#` skipped without being fed, so a `#` or
 * a blank line inside a quoted multi-line field stays data. A record's line is the physical line
 * where it starts; a cell's column is its 1-based field number.
 *
 * Each line's content is fed in pieces that end at a comma, so that after a piece we know
 * whether a field ended there and where the next one starts: a strict-mode error then quotes the
 * field that holds it. Trimming is libcsv's default, kept on purpose: spaces and tabs around an
 * unquoted field are dropped (` 12 ` is `12`, as a spreadsheet user means it); a quoted field is
 * kept as written, line breaks included (CRLF inside quotes stays CRLF).
 *
 * A syntax error (malformed quoting, a quote left open, a NUL byte, text that is not UTF-8) ends
 * the file with one diagnostic; the records read before it are still checked against the
 * header, so field-count errors before it are reported too, in line order. All-empty records
 * (`,,,,`, a spreadsheet's empty rows) are dropped before the header is chosen.
 */
#include "tco/csvload.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tco/cellhint.h"
#include "tco/defaults.h"

/* Files are small (a few scenarios, a few hundred price rows). The limits (tco/defaults.h)
 * stop a wrong path (a disk image, a log) or a hostile file from eating memory or time: each
 * ends the file with one located diagnostic, never a silent truncation. */
#define MAX_FILE_BYTES ((size_t)TCO_MAX_FILE_BYTES)
#define MAX_FILE_TEXT TCO_MAX_FILE_TEXT

/* How much of a malformed field a message shows before tco_diag_quote_cell cuts it. */
#define SNIPPET_MAX 80

/* ==== the table ============================================================================ */

void tco_csv_table_init(tco_csv_table *t)
{
    t->path = NULL;
    t->header.line = 0;
    t->header.n_fields = 0;
    t->header.fields = NULL;
    t->rows = NULL;
    t->n_rows = 0;
    t->n_refused = 0;
    tco_arena_init(&t->arena);
}

void tco_csv_table_fini(tco_csv_table *t)
{
    if (!t)
        return;
    free(t->path);
    free(t->header.fields);
    for (size_t i = 0; i < t->n_rows; i++)
        free(t->rows[i].fields);
    free(t->rows);
    tco_arena_fini(&t->arena);
    tco_csv_table_init(t);
}

long tco_csv_column(const tco_csv_table *t, const char *name)
{
    if (!t || !name)
        return -1;
    for (size_t i = 0; i < t->header.n_fields; i++)
        if (strcmp(t->header.fields[i], name) == 0)
            return (long)i;
    return -1;
}

/* ==== text checks ========================================================================== */

/* Offset of the first byte that does not begin a well-formed UTF-8 sequence, or n when all
 * of s is UTF-8. */
static size_t utf8_bad_offset(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const size_t len = tco_diag_utf8_seq(s + i, n - i);
        if (len == 0)
            return i;
        i += len;
    }
    return n;
}

/* A copy of s[0..n) for a message: NUL bytes become '?' (tco_diag_quote_cell escapes the
 * rest: controls and bytes that are not UTF-8). Caller frees. */
static char *printable_copy(const char *s, size_t n)
{
    char *out = tco_xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        out[i] = s[i] ? s[i] : '?';
    out[n] = '\0';
    return out;
}

static bool is_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') /* libcsv's default space set */
            return false;
    return true;
}

/* ==== the loader =========================================================================== */

typedef struct record {
    unsigned long line;
    size_t n, cap;
    char **fields;
} record;

typedef struct loader {
    const char *name;       /* file name for diagnostics */
    tco_csv_table *t;       /* its arena receives the fields */
    tco_diag_list syntax;   /* the syntax error, if any: added after the field-count errors */
    record cur;             /* the record being read */
    record *recs;           /* records read so far, header included, in file order */
    size_t n_recs, cap_recs;
    unsigned long line;     /* current physical line, 1-based */
    unsigned long rec_line; /* line where cur started */
    unsigned long field_line; /* line where the field being read started */
    size_t field_start;     /* offset in the current line where that field started (0 when it
                               started on an earlier line) */
    size_t n_cells;         /* fields read so far, in every record */
    bool failed;            /* a syntax error was found: ignore further callbacks */
    bool doubled_bom;       /* the file starts with two byte-order marks */
} loader;

static void record_free(record *r)
{
    free(r->fields);
    r->fields = NULL;
    r->n = r->cap = 0;
}

static unsigned col_of(size_t field_index0)
{
    return (unsigned)(field_index0 + 1);
}

/* libcsv cb1: one field (NUL-terminated thanks to CSV_APPEND_NULL, but may hold NUL bytes). */
static void on_field(void *data, size_t len, void *ctx)
{
    loader *L = ctx;
    if (L->failed)
        return;
    const char *s = data ? data : "";
    if (memchr(s, '\0', len)) {
        size_t at = (size_t)((const char *)memchr(s, '\0', len) - s);
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, col_of(L->cur.n),
                     "expected text, got a NUL byte at byte %zu of the cell", at + 1);
        L->failed = true;
        return;
    }
    size_t bad = utf8_bad_offset((const unsigned char *)s, len);
    if (bad < len) {
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, col_of(L->cur.n),
                     "expected UTF-8 text, got the byte 0x%02X at byte %zu of the cell (save the "
                     "file as CSV UTF-8)",
                     (unsigned)(unsigned char)s[bad], bad + 1);
        L->failed = true;
        return;
    }
    if (L->cur.n == TCO_MAX_COLUMNS) {
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, col_of(L->cur.n),
                     "expected at most %lu columns in a row, got more", TCO_MAX_COLUMNS);
        L->failed = true;
        return;
    }
    if (L->n_cells == TCO_MAX_CELLS) {
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, col_of(L->cur.n),
                     "expected at most %lu cells in a file, got more", TCO_MAX_CELLS);
        L->failed = true;
        return;
    }
    /* Bytes that are valid text but almost never meant: each says where it came from. */
    const char *ctrl_z = memchr(s, 0x1A, len);
    if (ctrl_z) {
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, col_of(L->cur.n),
                     "expected text, got a Ctrl-Z byte (0x1A) at byte %zu of the cell (a DOS "
                     "end-of-file marker: delete it)",
                     (size_t)(ctrl_z - s) + 1);
        L->failed = true;
        return;
    }
    /* U+FEFF starting a cell is a byte-order mark that is not the file's first bytes (inside
     * a word it is a zero-width no-break space, and kept) */
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        if (L->doubled_bom && L->cur.n == 0 && L->n_recs == 0)
            tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, col_of(L->cur.n),
                         "expected one byte-order mark at most, got a second one (U+FEFF) "
                         "after the first (the file was converted to UTF-8 twice: save it "
                         "again as CSV UTF-8, or delete the mark)");
        else
            tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, col_of(L->cur.n),
                         "expected text, got a byte-order mark (U+FEFF) at the start of the "
                         "cell (two files joined, each with its own mark? delete it)");
        L->failed = true;
        return;
    }
    L->n_cells++;
    if (L->cur.n == L->cur.cap) {
        L->cur.cap = L->cur.cap ? 2 * L->cur.cap : 8;
        L->cur.fields = tco_xreallocarray(L->cur.fields, L->cur.cap, sizeof *L->cur.fields);
    }
    L->cur.fields[L->cur.n++] = tco_arena_strndup(&L->t->arena, s, len);
    L->field_line = L->line; /* the next field starts where this one ended */
}

/* libcsv cb2: the end of a record (c is its terminator, or -1 at csv_fini). */
static void on_record(int c, void *ctx)
{
    (void)c;
    loader *L = ctx;
    if (L->failed)
        return;
    if (L->n_recs == TCO_MAX_ROWS + 1) { /* the header and TCO_MAX_ROWS rows */
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->rec_line, 0,
                     "expected at most %lu rows after the header, got more", TCO_MAX_ROWS);
        L->failed = true;
        return;
    }
    if (L->n_recs == L->cap_recs) {
        L->cap_recs = L->cap_recs ? 2 * L->cap_recs : 16;
        L->recs = tco_xreallocarray(L->recs, L->cap_recs, sizeof *L->recs);
    }
    L->cur.line = L->rec_line;
    L->recs[L->n_recs++] = L->cur;
    L->cur.fields = NULL;
    L->cur.n = L->cur.cap = 0;
}

/* libcsv grows its field buffer through this, so running out of memory exits 70 like every
 * other allocation (STYLE 14) instead of surfacing as a parse error. */
static void *csv_xrealloc(void *ptr, size_t size)
{
    return tco_xreallocarray(ptr, size, 1);
}

/* Reports libcsv's refusal of byte `at` of the current line (content line[0..n)). */
static void report_parse_error(loader *L, struct csv_parser *p, const char *line, size_t n,
                               size_t at)
{
    L->failed = true;
    unsigned col = col_of(L->cur.n);
    if (csv_error(p) != CSV_EPARSE) {
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->line, col, "cannot parse: %s",
                     csv_strerror(csv_error(p)));
        return;
    }
    /* The field that holds the error: from its start on this line to the next comma. */
    size_t from = L->field_start;
    while (from < at && (line[from] == ' ' || line[from] == '\t'))
        from++;
    size_t to = at < n ? at + 1 : n;
    while (to < n && line[to] != ',')
        to++;
    char *text = printable_copy(line + from, to - from);
    char quoted[SNIPPET_MAX + 1];
    tco_diag_quote_cell(quoted, sizeof quoted, text);
    free(text);
    if (p->quoted)
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->line, col,
                     "malformed quoting: expected a comma or the end of the line after the "
                     "closing quote (write \"\" for a quote inside a quoted cell), got \"%s\"",
                     quoted);
    else
        tco_diag_add(&L->syntax, TCO_EDATA, L->name, L->line, col,
                     "malformed quoting: expected a quote only around a whole cell (quote the "
                     "cell and double the quote inside: \"a\"\"b\"), got \"%s\"",
                     quoted);
}

/* Feeds line[from..to) to libcsv; false after a syntax error. */
static bool feed(loader *L, struct csv_parser *p, const char *line, size_t n, size_t from,
                 size_t to)
{
    size_t got = csv_parse(p, line + from, to - from, on_field, on_record, L);
    if (got < to - from) {
        report_parse_error(L, p, line, n, from + got);
        return false;
    }
    return !L->failed;
}

/* Feeds one physical line's content (no terminator), in pieces that end at commas. */
static bool feed_content(loader *L, struct csv_parser *p, const char *line, size_t n)
{
    size_t s = 0;
    while (s < n) {
        const char *comma = memchr(line + s, ',', n - s);
        size_t e = comma ? (size_t)(comma - line) + 1 : n;
        size_t before = L->cur.n;
        if (!feed(L, p, line, n, s, e))
            return false;
        if (L->cur.n != before)
            L->field_start = e;
        s = e;
    }
    return true;
}

/* A spreadsheet saves columns that were only formatted as empty header cells at the end of
 * the header ("a,b,,") and empty cells in every row: such columns are dropped, as if the file
 * ended at the last named column. A blank header cell above a filled cell is kept (and then
 * reported by the loader that reads the header). */
static void drop_blank_trailing_columns(loader *L, size_t header_index, tco_csv_row *header)
{
    const size_t n = header->n_fields;
    size_t keep = n;
    while (keep > 0 && header->fields[keep - 1][0] == '\0')
        keep--;
    if (keep == n || keep == 0)
        return;
    for (size_t i = header_index + 1; i < L->n_recs; i++) {
        const record *r = &L->recs[i];
        if (r->n != n)
            continue; /* reported as a field-count error against the shorter header */
        for (size_t k = keep; k < n; k++)
            if (r->fields[k][0] != '\0')
                return; /* data under a nameless column: keep it so it is reported */
    }
    header->n_fields = keep;
    for (size_t i = header_index + 1; i < L->n_recs; i++)
        if (L->recs[i].n == n)
            L->recs[i].n = keep;
}

/* The separator a header's fields hold, ';' or a tab, or 0: a file separated by semicolons or
 * tabs (no column name of either file kind holds one, so nothing valid is refused). */
static char foreign_separator(const tco_csv_row *header)
{
    for (size_t k = 0; k < header->n_fields; k++) {
        if (strchr(header->fields[k], ';'))
            return ';';
        if (strchr(header->fields[k], '\t'))
            return '\t';
    }
    return 0;
}

/* Turns the records read into the header and the data rows; adds field-count errors. */
static void build_table(loader *L, tco_diag_list *diags, bool empty_input)
{
    tco_csv_table *t = L->t;
    size_t i = 0;
    for (; i < L->n_recs; i++) {
        const record *r = &L->recs[i];
        bool all_empty = true;
        for (size_t k = 0; k < r->n && all_empty; k++)
            all_empty = r->fields[k][0] == '\0';
        if (!all_empty)
            break;
    }
    if (i == L->n_recs) {
        if (L->syntax.n == 0) /* after a syntax error, that error alone is the news */
            tco_diag_add(diags, TCO_EDATA, L->name, 0, 0,
                         empty_input ? "expected a header row, got an empty file"
                                     : "expected a header row, got only blank lines, comments "
                                       "and empty rows");
        return;
    }
    t->header.line = L->recs[i].line;
    t->header.n_fields = L->recs[i].n;
    t->header.fields = L->recs[i].fields;
    L->recs[i].fields = NULL;
    drop_blank_trailing_columns(L, i, &t->header);
    const char sep = foreign_separator(&t->header);
    if (sep) {
        /* SPEC §8.4: say so once; every row would only repeat it */
        if (sep == ';')
            tco_diag_add(diags, TCO_EDATA, L->name, t->header.line, 0,
                         "expected fields separated by commas, got a header separated by \";\" "
                         "(a spreadsheet set to a decimal-comma locale saves CSV so): save it as "
                         "CSV with commas between fields and \".\" for decimals");
        else
            tco_diag_add(diags, TCO_EDATA, L->name, t->header.line, 0,
                         "expected fields separated by commas, got a header separated by tabs "
                         "(a TSV file, or cells pasted from a spreadsheet): save it as CSV with "
                         "commas between fields");
        t->header.n_fields = 0; /* nothing for the loaders to check */
        t->n_refused = L->n_recs - i - 1;
        return;
    }
    const size_t want = t->header.n_fields;
    if (L->n_recs - i - 1 > 0)
        t->rows = tco_xreallocarray(NULL, L->n_recs - i - 1, sizeof *t->rows);
    for (i++; i < L->n_recs; i++) {
        record *r = &L->recs[i];
        bool all_empty = true, open_paren = false;
        for (size_t k = 0; k < r->n; k++) {
            const char *f = r->fields[k];
            if (f[0])
                all_empty = false;
            if (strchr(f, '(') && !strchr(f, ')'))
                open_paren = true;
        }
        if (all_empty)
            continue;
        size_t first;
        char hint[256];
        if (r->n > want &&
            tco_cellhint_split(r->fields, r->n, r->n - want, &first, hint, sizeof hint)) {
            /* SPEC §8.4: 50,000 or 0,05 unquoted, the commonest cause */
            tco_diag_add(diags, TCO_EDATA, L->name, r->line, first < r->n ? col_of(first) : 0,
                         "expected %zu field%s as in the header, got %zu; %s", want,
                         want == 1 ? "" : "s", r->n, hint);
            t->n_refused++;
            continue;
        }
        if (r->n != want) {
            size_t at = r->n < want ? r->n : want;
            tco_diag_add(diags, TCO_EDATA, L->name, r->line, col_of(at),
                         "expected %zu field%s as in the header, got %zu%s", want,
                         want == 1 ? "" : "s", r->n,
                         r->n > want && open_paren
                             ? "; a distribution with commas must be quoted, e.g. "
                               "\"uniform(15,40)\""
                             : "");
            t->n_refused++;
            continue;
        }
        tco_csv_row *row = &t->rows[t->n_rows++];
        row->line = r->line;
        row->n_fields = r->n;
        row->fields = r->fields;
        r->fields = NULL;
    }
}

tco_status tco_csv_load_buffer(const char *name, const char *data, size_t len, tco_csv_table *t,
                               tco_diag_list *diags)
{
    const size_t n_diags_before = diags->n_added;
    tco_csv_table_fini(t);
    t->path = tco_xstrdup(name ? name : "");
    if (!data)
        len = 0;

    loader L;
    memset(&L, 0, sizeof L);
    L.name = t->path;
    L.t = t;
    tco_diag_list_init(&L.syntax);

    const unsigned char *u = (const unsigned char *)data;
    size_t pos = 0;
    if (len > MAX_FILE_BYTES) {
        tco_diag_add(diags, TCO_EDATA, L.name, 0, 0,
                     "expected a file of at most %s, got %zu bytes", MAX_FILE_TEXT, len);
        return TCO_EDATA;
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        tco_diag_add(diags, TCO_EDATA, L.name, 1, 1,
                     "expected UTF-8 text, got a UTF-16 byte-order mark (save the file as CSV "
                     "UTF-8)");
        return TCO_EDATA;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        pos = 3; /* Excel's "CSV UTF-8" writes a byte-order mark */
    L.doubled_bom = pos == 3 && len >= 6 && memcmp(data + 3, "\xEF\xBB\xBF", 3) == 0;
    const bool empty_input = pos == len;

    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        tco_diag_add(diags, TCO_ESOFTWARE, L.name, 0, 0, "cannot start the CSV parser");
        return TCO_ESOFTWARE;
    }
    csv_set_realloc_func(&p, csv_xrealloc);

    bool between = true; /* between records: blank and comment lines are skipped here only */
    while (pos < len && !L.failed) {
        L.line++;
        size_t end = pos;
        while (end < len && data[end] != '\n' && data[end] != '\r')
            end++;
        size_t term_len = 0;
        if (end < len)
            term_len = data[end] == '\r' && end + 1 < len && data[end + 1] == '\n' ? 2 : 1;
        const char *line = data + pos;
        const size_t n = end - pos;
        pos = end + term_len;

        if (n > TCO_MAX_LINE_BYTES) {
            tco_diag_add(&L.syntax, TCO_EDATA, L.name, L.line, 0,
                         "expected a line of at most %lu bytes, got %zu", TCO_MAX_LINE_BYTES, n);
            L.failed = true;
            break;
        }
        if (between && (is_blank_line(line, n) || line[0] == '#'))
            continue; /* SPEC §4: blank lines and lines starting with # are skipped */
        if (between) {
            L.rec_line = L.field_line = L.line;
        }
        L.field_start = 0;
        if (!feed_content(&L, &p, line, n))
            break;
        if (term_len) {
            size_t recs_before = L.n_recs;
            if (!feed(&L, &p, data + end, term_len, 0, term_len))
                break;
            between = L.n_recs != recs_before;
        } else {
            between = false;
        }
    }
    if (!L.failed && csv_fini(&p, on_field, on_record, &L) != 0) {
        /* CSV_STRICT_FINI: the file ended inside a quoted field. */
        if (L.field_line == L.rec_line)
            tco_diag_add(&L.syntax, TCO_EDATA, L.name, L.rec_line, col_of(L.cur.n),
                         "malformed quoting: expected a closing quote (the quoted field opened "
                         "here runs to the end of the file)");
        else
            tco_diag_add(&L.syntax, TCO_EDATA, L.name, L.rec_line, col_of(L.cur.n),
                         "malformed quoting: expected a closing quote (the quoted field opened "
                         "on line %lu runs to the end of the file)",
                         L.field_line);
        L.failed = true;
    }
    csv_free(&p);

    build_table(&L, diags, empty_input);
    if (L.failed)
        t->n_refused++; /* the rest of the file was not read */
    tco_diag_list_take(diags, &L.syntax);

    for (size_t i = 0; i < L.n_recs; i++)
        record_free(&L.recs[i]);
    free(L.recs);
    record_free(&L.cur);
    return diags->n_added > n_diags_before ? TCO_EDATA : TCO_OK;
}

/* ==== files ================================================================================ */

tco_status tco_csv_load(const char *path, tco_csv_table *t, tco_diag_list *diags)
{
    tco_csv_table_fini(t);
    t->path = tco_xstrdup(path);
    if (path[0] == '\0') {
        tco_diag_add(diags, TCO_ENOINPUT, NULL, 0, 0,
                     "expected a file name, got an empty one (an unset shell variable?)");
        return TCO_ENOINPUT;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        /* a stop signal's handler ran while open() waited (a FIFO with no writer): the
         * caller says "interrupted", once; "cannot open" would blame the file */
        if (errno == EINTR)
            return TCO_EINTERRUPTED;
        tco_diag_add(diags, TCO_ENOINPUT, path, 0, 0, "cannot open: %s", strerror(errno));
        return TCO_ENOINPUT;
    }
    /* A regular file's size is known before reading it. */
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) &&
        (uintmax_t)sb.st_size > MAX_FILE_BYTES) {
        tco_diag_add(diags, TCO_EDATA, path, 0, 0, "expected a file of at most %s, got %ju bytes",
                     MAX_FILE_TEXT, (uintmax_t)sb.st_size);
        fclose(f);
        return TCO_EDATA;
    }
    /* Otherwise (a pipe) read at most MAX_FILE_BYTES + 1 bytes: one more than allowed tells
     * "too big". */
    size_t cap = 64 * 1024, len = 0;
    char *buf = tco_xmalloc(cap);
    tco_status st = TCO_OK;
    for (;;) {
        if (len == cap) {
            if (cap == MAX_FILE_BYTES + 1) {
                tco_diag_add(diags, TCO_EDATA, path, 0, 0,
                             "expected a file of at most %s, got a larger one", MAX_FILE_TEXT);
                st = TCO_EDATA;
                goto done;
            }
            cap = cap > MAX_FILE_BYTES / 2 ? MAX_FILE_BYTES + 1 : 2 * cap;
            buf = tco_xreallocarray(buf, cap, 1);
        }
        errno = 0;
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                if (errno == EINTR) {
                    st = TCO_EINTERRUPTED; /* as for open() above */
                    goto done;
                }
                /* e.g. EISDIR: fopen succeeds on a directory, reading it fails */
                int err = errno ? errno : EIO;
                tco_diag_add(diags, TCO_ENOINPUT, path, 0, 0, "cannot read: %s", strerror(err));
                st = TCO_ENOINPUT;
                goto done;
            }
            break; /* end of file */
        }
    }
    st = tco_csv_load_buffer(path, buf, len, t, diags);
done:
    free(buf);
    fclose(f);
    return st;
}
