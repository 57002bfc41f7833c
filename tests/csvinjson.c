/* SPDX-License-Identifier: MIT */
/* csvinjson FILE.csv DOC.json PATH: every cell of every row of a CSV file that tcosim wrote is
 * in its JSON document with the same value, and the JSON has no row the CSV lacks (issue 15:
 * one table, two renderers). For the CLI suite; reads the CSV with libcsv and the JSON with
 * jansson, as a user's program would.
 *
 * PATH says where a row nests: `results[file,scenario].options[option].monthly` finds, for
 * each CSV row, the element of the document's "results" array whose members file and scenario
 * equal the row's cells of those columns, in it the element of "options" whose option equals
 * the row's, and in its "monthly" array the next element not yet matched: the k-th CSV row of
 * a group is the group's k-th JSON row. Every CSV column that is not a key must be a member of
 * that element with the same value:
 *   a JSON real     the cell read by strtod is the same double;
 *   a JSON integer  the cell is its decimal digits;
 *   a JSON string   the same text (a cell neutralised for spreadsheets has a leading ');
 *   a JSON array    of strings, the cell is the items joined by "; ";
 *   JSON null       the cell is empty;
 *   JSON true/false the cell is yes / no (summary.csv's offered).
 * At the end every JSON row array reached has exactly as many elements as CSV rows went into
 * it. Prints one line "NAME: R rows x C columns, every cell in the JSON" and exits 0, or
 * prints each mismatch (at most 20) and exits 1.
 */
#include <csv.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 64
#define MAX_LEVELS 8
#define MAX_KEYS 4
#define MAX_ARRAYS 100000

typedef struct level {
    char name[64];
    char keys[MAX_KEYS][64];
    size_t n_keys;
} level;

typedef struct reached {
    json_t *array;
    size_t next; /* the next element a CSV row of this array matches */
} reached;

typedef struct state {
    json_t *doc;
    level levels[MAX_LEVELS];
    size_t n_levels;
    char *header[MAX_COLUMNS];
    char *row[MAX_COLUMNS];
    size_t n_columns, n_cells;
    size_t line; /* CSV record number, header 1 */
    reached *arrays;
    size_t n_arrays;
    unsigned long errors;
    const char *csv_name;
} state;

static void fail(state *s, const char *fmt, const char *a, const char *b)
{
    if (s->errors++ < 20) {
        fprintf(stdout, "%s: record %zu: ", s->csv_name, s->line);
        fprintf(stdout, fmt, a, b);
        fputc('\n', stdout);
    }
}

static bool parse_path(state *s, const char *path)
{
    const char *p = path;
    while (*p) {
        if (s->n_levels == MAX_LEVELS)
            return false;
        level *l = &s->levels[s->n_levels++];
        size_t n = strcspn(p, ".[");
        if (n == 0 || n >= sizeof l->name)
            return false;
        memcpy(l->name, p, n);
        p += n;
        if (*p == '[') {
            p++;
            for (;;) {
                n = strcspn(p, ",]");
                if (n == 0 || n >= sizeof l->keys[0] || l->n_keys == MAX_KEYS)
                    return false;
                memcpy(l->keys[l->n_keys++], p, n);
                p += n;
                if (*p == ']') {
                    p++;
                    break;
                }
                if (*p != ',')
                    return false;
                p++;
            }
        }
        if (*p == '.')
            p++;
        else if (*p)
            return false;
    }
    /* the last level is the rows' array: no keys */
    return s->n_levels > 0 && s->levels[s->n_levels - 1].n_keys == 0;
}

static int column_of(const state *s, const char *name)
{
    for (size_t c = 0; c < s->n_columns; c++)
        if (strcmp(s->header[c], name) == 0)
            return (int)c;
    return -1;
}

static bool is_key(const state *s, const char *name)
{
    for (size_t l = 0; l < s->n_levels; l++)
        for (size_t k = 0; k < s->levels[l].n_keys; k++)
            if (strcmp(s->levels[l].keys[k], name) == 0)
                return true;
    return false;
}

/* The text a spreadsheet-neutralised CSV cell stands for. */
static const char *unneutralised(const char *cell, const char *json)
{
    if (cell[0] == '\'' && strchr("=+-@\t\r", json[0]) && json[0])
        return cell + 1;
    return cell;
}

static bool same_value(const char *cell, json_t *v)
{
    char buf[64];
    switch (json_typeof(v)) {
    case JSON_NULL: return cell[0] == '\0';
    case JSON_TRUE: return strcmp(cell, "yes") == 0;
    case JSON_FALSE: return strcmp(cell, "no") == 0;
    case JSON_REAL: {
        char *end;
        const double x = strtod(cell, &end);
        return cell[0] && *end == '\0' && x == json_real_value(v);
    }
    case JSON_INTEGER:
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return strcmp(buf, cell) == 0;
    case JSON_STRING: {
        const char *j = json_string_value(v);
        return strcmp(unneutralised(cell, j), j) == 0;
    }
    case JSON_ARRAY: {
        size_t len = 1;
        for (size_t k = 0; k < json_array_size(v); k++) {
            if (!json_is_string(json_array_get(v, k)))
                return false;
            len += strlen(json_string_value(json_array_get(v, k))) + 2;
        }
        char *joined = calloc(1, len);
        for (size_t k = 0; k < json_array_size(v); k++) {
            if (k > 0)
                strcat(joined, "; ");
            strcat(joined, json_string_value(json_array_get(v, k)));
        }
        const bool same = strcmp(unneutralised(cell, joined), joined) == 0;
        free(joined);
        return same;
    }
    default: return false;
    }
}

static reached *reach(state *s, json_t *array)
{
    for (size_t i = 0; i < s->n_arrays; i++)
        if (s->arrays[i].array == array)
            return &s->arrays[i];
    if (s->n_arrays == MAX_ARRAYS)
        return NULL;
    s->arrays[s->n_arrays] = (reached){array, 0};
    return &s->arrays[s->n_arrays++];
}

/* Whether the JSON string of a key member equals the CSV cell. */
static bool key_matches(json_t *obj, const char *key, const char *cell)
{
    json_t *v = json_object_get(obj, key);
    return v && json_is_string(v) &&
           strcmp(unneutralised(cell, json_string_value(v)), json_string_value(v)) == 0;
}

/* The JSON row the current CSV row matches: below `at`, level l, the first element whose keys
 * are the row's and whose rows array still has an unmatched element (a file given twice makes
 * two parents with the same keys: the first takes its rows, then the second). NULL if none. */
static json_t *find_row(state *s, json_t *at, size_t l)
{
    const level *lv = &s->levels[l];
    json_t *arr = json_object_get(at, lv->name);
    if (!json_is_array(arr))
        return NULL;
    if (l + 1 == s->n_levels) {
        reached *r = reach(s, arr);
        return r && r->next < json_array_size(arr) ? json_array_get(arr, r->next++) : NULL;
    }
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i);
        bool all = true;
        for (size_t k = 0; all && k < lv->n_keys; k++) {
            const int c = column_of(s, lv->keys[k]);
            all = c >= 0 && key_matches(e, lv->keys[k], s->row[c]);
        }
        json_t *found = all ? find_row(s, e, l + 1) : NULL;
        if (found)
            return found;
    }
    return NULL;
}

static void check_row(state *s)
{
    json_t *at = find_row(s, s->doc, 0);
    if (!at) {
        fail(s, "no JSON row left at %s with this row's keys%s", s->levels[s->n_levels - 1].name,
             "");
        return;
    }
    for (size_t c = 0; c < s->n_columns; c++) {
        if (is_key(s, s->header[c]))
            continue;
        json_t *v = json_object_get(at, s->header[c]);
        if (!v)
            fail(s, "column %s: no such member in the JSON row%s", s->header[c], "");
        else if (!same_value(s->row[c], v))
            fail(s, "column %s: CSV \"%s\" is not the JSON value", s->header[c], s->row[c]);
    }
}

static void on_cell(void *data, size_t n, void *ctx)
{
    state *s = ctx;
    if (s->n_cells == MAX_COLUMNS) {
        s->errors++;
        return;
    }
    char *cell = malloc(n + 1);
    memcpy(cell, data ? data : "", n);
    cell[n] = '\0';
    if (s->line == 0)
        s->header[s->n_columns++] = cell;
    else
        s->row[s->n_cells] = cell;
    s->n_cells++;
}

static void on_row(int c, void *ctx)
{
    (void)c;
    state *s = ctx;
    s->line++;
    if (s->line == 1) {
        for (size_t l = 0; l < s->n_levels; l++)
            for (size_t k = 0; k < s->levels[l].n_keys; k++)
                if (column_of(s, s->levels[l].keys[k]) < 0)
                    fail(s, "key %s is not a column%s", s->levels[l].keys[k], "");
    } else if (s->n_cells != s->n_columns) {
        fail(s, "a record of the wrong length%s%s", "", "");
    } else {
        check_row(s);
    }
    for (size_t i = 0; s->line > 1 && i < s->n_cells && i < MAX_COLUMNS; i++)
        free(s->row[i]);
    s->n_cells = 0;
}

/* The rows of every array the path reaches, over all parents. */
static size_t json_rows(const state *s, json_t *at, size_t l)
{
    json_t *arr = json_object_get(at, s->levels[l].name);
    if (!json_is_array(arr))
        return 0;
    if (l + 1 == s->n_levels)
        return json_array_size(arr);
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(arr); i++)
        n += json_rows(s, json_array_get(arr, i), l + 1);
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: csvinjson FILE.csv DOC.json PATH\n");
        return 2;
    }
    static state s;
    s.csv_name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
    s.arrays = calloc(MAX_ARRAYS, sizeof *s.arrays);
    if (!parse_path(&s, argv[3])) {
        fprintf(stderr, "csvinjson: bad PATH %s\n", argv[3]);
        return 2;
    }
    json_error_t jerr;
    s.doc = json_load_file(argv[2], 0, &jerr);
    if (!s.doc) {
        fprintf(stderr, "csvinjson: %s: %s\n", argv[2], jerr.text);
        return 2;
    }
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 2;
    }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, on_cell, on_row, &s) != n) {
            fprintf(stderr, "csvinjson: %s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 2;
        }
    csv_fini(&p, on_cell, on_row, &s);
    csv_free(&p);
    fclose(fp);
    /* no JSON row that the CSV lacks */
    for (size_t i = 0; i < s.n_arrays; i++)
        if (s.arrays[i].next != json_array_size(s.arrays[i].array)) {
            s.line = 0;
            fail(&s, "a JSON \"%s\" array has rows the CSV lacks%s",
                 s.levels[s.n_levels - 1].name, "");
        }
    const size_t rows = s.line > 0 ? s.line - 1 : 0;
    if (json_rows(&s, s.doc, 0) != rows) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%zu", json_rows(&s, s.doc, 0));
        snprintf(b, sizeof b, "%zu", rows);
        s.line = 0;
        fail(&s, "the JSON has %s rows, the CSV %s", a, b);
    }
    if (rows == 0)
        fail(&s, "no rows: nothing was compared%s%s", "", "");
    if (s.errors == 0)
        printf("%s: %zu rows x %zu columns, every cell in the JSON\n", s.csv_name, rows,
               s.n_columns);
    for (size_t c = 0; c < s.n_columns; c++)
        free(s.header[c]);
    free(s.arrays);
    json_decref(s.doc);
    return s.errors ? 1 : 0;
}
