/* SPDX-License-Identifier: MIT */
/* xalloc: allocation that cannot fail, and a string arena.
 *
 * Running out of memory is not an input error: tco_x* print one line and exit 70 (EX_SOFTWARE),
 * so no other code checks malloc's result (the cmark/redis/jq practice). A loaded file's strings
 * live in one arena and are freed with it.
 */
#ifndef TCO_XALLOC_H
#define TCO_XALLOC_H

#include <stddef.h>

/* Prints "tcosim: out of memory (allocating WHAT)" and exits 70: for a library's own
 * allocator (GSL) that returned NULL. */
_Noreturn void tco_out_of_memory(const char *what);

void *tco_xmalloc(size_t size);
void *tco_xcalloc(size_t n, size_t size);
/* Grows or shrinks ptr to n * size bytes, checking the multiplication for overflow. */
void *tco_xreallocarray(void *ptr, size_t n, size_t size);
char *tco_xstrdup(const char *s);
char *tco_xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *tco_xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A bump allocator of strings; everything it handed out is freed by tco_arena_fini. */
typedef struct tco_arena {
    struct tco_arena_chunk *head;
} tco_arena;

void tco_arena_init(tco_arena *arena);
void tco_arena_fini(tco_arena *arena);
/* Copies n bytes of s and a terminating NUL into the arena. */
char *tco_arena_strndup(tco_arena *arena, const char *s, size_t n);
char *tco_arena_strdup(tco_arena *arena, const char *s);

#endif
