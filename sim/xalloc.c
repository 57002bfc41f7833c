/* SPDX-License-Identifier: MIT */
/* xalloc: allocation that exits 70 on exhaustion, and the string arena (see tco/xalloc.h). */
#include "tco/xalloc.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether some thread already reports running out of memory. The one piece of process-wide
 * state here, as process-wide as the exit it guards: when several worker threads run out at
 * once, the first prints the one line and exits; the others wait for that exit (they cannot
 * return NULL to callers that never check), so the message is one line whatever the number
 * of threads. Lock-free, so safe after malloc failed. */
static atomic_flag oom_reported = ATOMIC_FLAG_INIT;

static _Noreturn void report_and_exit(const char *what, size_t size)
{
    if (atomic_flag_test_and_set(&oom_reported))
        for (;;)
            pause(); /* another thread is printing the line and exiting */
    if (what)
        fprintf(stderr, "tcosim: out of memory (allocating %s)\n", what);
    else
        fprintf(stderr, "tcosim: out of memory (asked for %zu bytes)\n", size);
    exit(70);
}

static _Noreturn void out_of_memory(size_t size)
{
    report_and_exit(NULL, size);
}

_Noreturn void tco_out_of_memory(const char *what)
{
    report_and_exit(what, 0);
}

void *tco_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *tco_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory(n * size);
    return p;
}

void *tco_xreallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    size_t bytes = n * size;
    void *p = realloc(ptr, bytes ? bytes : 1);
    if (!p)
        out_of_memory(bytes);
    return p;
}

char *tco_xstrndup(const char *s, size_t n)
{
    char *p = tco_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *tco_xstrdup(const char *s)
{
    return tco_xstrndup(s, strlen(s));
}

char *tco_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        out_of_memory(0);
    char *p = tco_xmalloc((size_t)len + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* ---- arena ---------------------------------------------------------------------------- */

/* Chunks of at least this size; a bigger string gets a chunk of its own. */
#define ARENA_CHUNK 8192

struct tco_arena_chunk {
    struct tco_arena_chunk *next;
    size_t used, size;
    char data[];
};

void tco_arena_init(tco_arena *arena)
{
    arena->head = NULL;
}

void tco_arena_fini(tco_arena *arena)
{
    if (!arena)
        return;
    struct tco_arena_chunk *c = arena->head;
    while (c) {
        struct tco_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena->head = NULL;
}

char *tco_arena_strndup(tco_arena *arena, const char *s, size_t n)
{
    struct tco_arena_chunk *c = arena->head;
    if (!c || c->size - c->used < n + 1) {
        size_t size = n + 1 > ARENA_CHUNK ? n + 1 : ARENA_CHUNK;
        c = tco_xmalloc(sizeof *c + size);
        c->used = 0;
        c->size = size;
        c->next = arena->head;
        arena->head = c;
    }
    char *p = c->data + c->used;
    memcpy(p, s, n);
    p[n] = '\0';
    c->used += n + 1;
    return p;
}

char *tco_arena_strdup(tco_arena *arena, const char *s)
{
    return tco_arena_strndup(arena, s, strlen(s));
}
