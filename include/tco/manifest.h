/* SPDX-License-Identifier: MIT */
/* manifest: manifest.json, what produced an --out set and from which inputs (SPEC §8.5).
 *
 * A result a finance reader must defend has to be traceable: the tool and version, the exact
 * command, the seed and trial count, and every input file with the SHA-256 of its bytes
 * (OpenSSL's libcrypto), so that anyone can check that a later run used the very same files
 * and reproduce the set. No time stamp: the same run gives the same bytes.
 */
#ifndef TCO_MANIFEST_H
#define TCO_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct tco_manifest_input {
    const char *path; /* as given */
    const char *kind; /* "scenario", "prices", "schedule", "correlations" */
} tco_manifest_input;

typedef struct tco_manifest {
    const char *version;
    int argc;
    char *const *argv;             /* the command, argv[0] included */
    bool simulated;                /* false (breakeven's sweep): seed and trials are null */
    uint64_t seed;
    unsigned long trials;
    const tco_manifest_input *inputs;
    size_t n_inputs;
    const char *const *outputs;    /* the names of the files written, manifest.json included */
    size_t n_outputs;
    const char *currency;          /* NULL: no sheet names one */
    bool discounted;               /* some scenario has a discount_rate */
} tco_manifest;

/* The SHA-256 of the file's bytes as 64 lower-case hex digits into hex[65]; false (hex empty)
 * when it cannot be read. */
bool tco_manifest_sha256_file(const char *path, char hex[65]);

/* Writes the manifest as one JSON document (members in the order of SPEC §8.5). 0, or -1 with
 * errno set when the stream fails. */
int tco_manifest_write(FILE *out, const tco_manifest *m);

#endif
