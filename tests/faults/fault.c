/* SPDX-License-Identifier: MIT */
/* A fault-injection shim for the CLI suite (LD_PRELOAD): makes a chosen call of rename() fail,
 * or raises a signal just before it, so that the failures a real directory gives only by
 * chance (a target that another user owns, an immutable file, a signal in the middle of the
 * commit) can be forced at every step of `--out`'s commit.
 *
 *   TCOSIM_FAULT_RENAME=N[,M...]  the Nth (1-based) call of rename() in the process fails
 *   TCOSIM_FAULT_ERRNO=E           ... with errno E (a number; default EPERM)
 *   TCOSIM_FAULT_RAISE=SIG         instead of failing, raise SIG (a number) and then rename
 *
 * Test code only: it keeps a call counter, and is never linked into tcosim. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int (*real_rename)(const char *, const char *);
static unsigned long calls;

/* Whether call n is in the comma-separated list. */
static int listed(const char *list, unsigned long n)
{
    while (list && *list) {
        char *end;
        unsigned long k = strtoul(list, &end, 10);
        if (end == list)
            return 0;
        if (k == n)
            return 1;
        list = *end == ',' ? end + 1 : NULL;
    }
    return 0;
}

int rename(const char *from, const char *to)
{
    if (!real_rename)
        *(void **)&real_rename = dlsym(RTLD_NEXT, "rename");
    ++calls;
    if (listed(getenv("TCOSIM_FAULT_RENAME"), calls)) {
        const char *sig = getenv("TCOSIM_FAULT_RAISE");
        if (sig && *sig) {
            raise(atoi(sig));
        } else {
            const char *e = getenv("TCOSIM_FAULT_ERRNO");
            errno = e && *e ? atoi(e) : EPERM;
            return -1;
        }
    }
    return real_rename(from, to);
}
