/* SPDX-License-Identifier: MIT */
/* csvcells FILE...: reads each CSV file with libcsv (as a spreadsheet would see its cells) and
 * prints, per file, whether some cells were neutralised (start with a single quote) and
 * some are negative numbers (kept as numbers), and every cell that a spreadsheet would run as a
 * formula: one that starts with = + - @ tab or CR and is not a number. Exits 1 when a file
 * has such a cell or cannot be read. For the spreadsheet-safety CLI case (SPEC §6). */
#include <csv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct counts {
    unsigned long cells, neutralised, negative, formulas;
} counts;

static bool is_number(const char *s, size_t n)
{
    if (n == 0 || n > 60)
        return false;
    char buf[64];
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    strtod(buf, &end);
    return *end == '\0';
}

static void on_cell(void *data, size_t n, void *ctx)
{
    counts *c = ctx;
    const char *s = data ? data : "";
    c->cells++;
    if (n == 0)
        return;
    if (s[0] == '\'') {
        c->neutralised++;
        return;
    }
    if (s[0] == '-' && is_number(s, n)) {
        c->negative++;
        return;
    }
    if (strchr("=+-@\t\r", s[0])) {
        c->formulas++;
        printf("  formula cell: \"%.*s\"\n", (int)(n > 40 ? 40 : n), s);
    }
}

int main(int argc, char **argv)
{
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            rc = 1;
            continue;
        }
        struct csv_parser p;
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
        counts c = {0, 0, 0, 0};
        char buf[4096];
        size_t got;
        bool bad = false;
        while ((got = fread(buf, 1, sizeof buf, f)) > 0)
            if (csv_parse(&p, buf, got, on_cell, NULL, &c) != got)
                bad = true;
        if (csv_fini(&p, on_cell, NULL, &c) != 0)
            bad = true;
        csv_free(&p);
        fclose(f);
        const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        if (bad) {
            printf("%s: not valid CSV\n", name);
            rc = 1;
            continue;
        }
        /* yes/no rather than counts: the rows depend on the simulation, the point does not */
        printf("%s: neutralised cells: %s, negative numbers: %s, formulas: %lu\n", name,
               c.neutralised ? "yes" : "no", c.negative ? "yes" : "no", c.formulas);
        if (c.formulas)
            rc = 1;
    }
    return rc;
}
