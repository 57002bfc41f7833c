/* SPDX-License-Identifier: MIT */
/* Replays fuzz inputs without libFuzzer, so `make check` runs the corpus with gcc, under
 * -Werror, ASan + UBSan and ThreadSanitizer: every seed and every crash ever found (kept in
 * tests/fuzz/seeds/, tests/fuzz/corpus/ and tests/fuzz/crashes/) must pass the target's checks.
 *
 *   replay_TARGET FILE_OR_DIRECTORY...
 *
 * Linked with one fuzz_TARGET.c; each file (a directory: each regular file in it, in name
 * order) goes once through LLVMFuzzerTestOneInput. A failed check aborts, naming the input
 * first. Prints "replay NAME: N inputs" and exits 0, or 66 when a path cannot be read. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads the whole file; NULL (with a message) when it cannot. */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "replay: %s: out of memory\n", path);
            fclose(f);
            return NULL;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        uint8_t *bigger = realloc(buf, cap);
        if (!bigger)
            free(buf);
        buf = bigger;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "replay: %s: read error\n", path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int replay_file(const char *path, unsigned long *count)
{
    size_t len = 0;
    uint8_t *data = slurp(path, &len);
    if (!data)
        return -1;
    /* named before it runs: a failed check aborts */
    fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    ++*count;
    return 0;
}

static int not_hidden(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int replay_path(const char *path, unsigned long *count)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(sb.st_mode))
        return replay_file(path, count);
    struct dirent **names;
    int n = scandir(path, &names, not_hidden, alphasort);
    if (n < 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        size_t size = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(size);
        if (child) {
            snprintf(child, size, "%s/%s", path, names[i]->d_name);
            if (stat(child, &sb) == 0 && S_ISREG(sb.st_mode) && replay_file(child, count) != 0)
                rc = -1;
            free(child);
        } else {
            rc = -1;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    if (strncmp(name, "replay_", 7) == 0)
        name += 7;
    unsigned long count = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++)
        if (replay_path(argv[i], &count) != 0)
            rc = 66;
    printf("replay %s: %lu inputs\n", name, count);
    return rc;
}
