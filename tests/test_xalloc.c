/* SPDX-License-Identifier: MIT */
/* Tests of xalloc: running out of memory is one line and exit 70 however many threads run out
 * at once (issue 13: two workers both printed "out of memory"), and the arena's strings. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "tco/xalloc.h"

#define N_THREADS 16

static pthread_barrier_t start_together;

/* Each thread asks for SIZE_MAX x 2 bytes: the overflow check refuses it without calling
 * malloc, so the test also holds under the sanitizers' allocators. */
static void *ask_too_much(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_together);
    void *p = tco_xreallocarray(NULL, SIZE_MAX, 2);
    return p; /* never reached */
}

/* Runs `threads` threads that all run out of memory in a child whose standard error is a pipe;
 * returns what it printed (caller frees) and its exit status in *status. */
static char *run_out_of_memory_child(int threads, int *status)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        pthread_barrier_init(&start_together, NULL, (unsigned)threads);
        pthread_t t[N_THREADS];
        for (int i = 0; i < threads; i++)
            pthread_create(&t[i], NULL, ask_too_much, NULL);
        for (int i = 0; i < threads; i++)
            pthread_join(t[i], NULL);
        _exit(99); /* not reached: the first thread to fail exits 70 */
    }
    close(fds[1]);
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    ssize_t got;
    while ((got = read(fds[0], out + len, cap - 1 - len)) > 0)
        len += (size_t)got;
    out[len] = '\0';
    close(fds[0]);
    assert_int_equal(waitpid(pid, status, 0), pid);
    return out;
}

static void out_of_memory_should_print_one_line_whatever_the_number_of_threads(void **state)
{
    (void)state;
    const int counts[] = {1, 2, N_THREADS};
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        for (int round = 0; round < 5; round++) { /* a race, given several chances to show */
            int status;
            char *out = run_out_of_memory_child(counts[k], &status);
            assert_true(WIFEXITED(status));
            assert_int_equal(WEXITSTATUS(status), 70);
            assert_string_equal(out, "tcosim: out of memory (asked for 18446744073709551615 "
                                     "bytes)\n");
            free(out);
        }
    }
}

static void arena_strings_should_be_copies_that_last_until_fini(void **state)
{
    (void)state;
    tco_arena a;
    tco_arena_init(&a);
    char big[10000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *s = tco_arena_strdup(&a, "seats");
    const char *b = tco_arena_strdup(&a, big); /* larger than a chunk: a chunk of its own */
    const char *t = tco_arena_strndup(&a, "months,", 6);
    assert_string_equal(s, "seats");
    assert_string_equal(b, big);
    assert_string_equal(t, "months");
    tco_arena_fini(&a);
    tco_arena_fini(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(out_of_memory_should_print_one_line_whatever_the_number_of_threads),
        cmocka_unit_test(arena_strings_should_be_copies_that_last_until_fini),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
