/* SPDX-License-Identifier: MIT */
/* csvwrite: CSV cells through libcsv's writer (see tco/csvwrite.h). */
#include "tco/csvwrite.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tco/diag.h"
#include "tco/xalloc.h"

void tco_csvw_format_number(char *buf, size_t size, double x)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    if (x == 0) {
        snprintf(buf, size, "0"); /* also for -0 */
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

void tco_csvw_init(tco_csvw *w, FILE *fp)
{
    w->fp = fp;
    w->first = true;
    w->err = 0;
}

void tco_csvw_raw(tco_csvw *w, const char *s)
{
    if (!w->first && fputc(',', w->fp) == EOF)
        w->err = -1;
    w->first = false;
    if (csv_fwrite(w->fp, s, strlen(s)) != 0)
        w->err = -1;
}

void tco_csvw_text(tco_csvw *w, const char *s)
{
    /* SPEC §6: UTF-8, whatever a file name given on the command line holds; and no escape
     * sequence for a terminal that shows `--format csv` */
    char *text = tco_diag_cell_text(s);
    if (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
        text[0] == '\r') {
        char *safe = tco_xasprintf("'%s", text);
        tco_csvw_raw(w, safe);
        free(safe);
    } else {
        tco_csvw_raw(w, text);
    }
    free(text);
}

void tco_csvw_num(tco_csvw *w, double x)
{
    char buf[40];
    tco_csvw_format_number(buf, sizeof buf, x);
    tco_csvw_raw(w, buf);
}

void tco_csvw_u64(tco_csvw *w, unsigned long long x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%llu", x);
    tco_csvw_raw(w, buf);
}

void tco_csvw_blank(tco_csvw *w)
{
    tco_csvw_raw(w, "");
}

void tco_csvw_end_row(tco_csvw *w)
{
    if (fputs("\r\n", w->fp) == EOF)
        w->err = -1;
    w->first = true;
}

void tco_csvw_header(tco_csvw *w, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tco_csvw_raw(w, names[i]);
    tco_csvw_end_row(w);
}

int tco_csvw_finish(tco_csvw *w)
{
    if (ferror(w->fp))
        w->err = -1;
    return w->err;
}
