/* SPDX-License-Identifier: MIT */
/* mirror: antithetic pairs of trials (SPEC §11), as a gsl_rng that records and mirrors.
 *
 * A mirror wraps a stream (any gsl_rng). In RECORD mode it hands out the stream's numbers and
 * keeps each on a tape; in MIRROR mode it hands out the mirror image of the tape, entry by
 * entry: a uniform u becomes 1 - u, a normal z (tco_mirror_normal) becomes -z, a raw integer k
 * becomes max - k. A trial drawn in RECORD mode and its partner drawn in MIRROR mode make the
 * same calls in the same order (the draw code keeps them in step: see tco_workload_sample), so
 * entry i of the partner is the mirror of entry i of the first trial.
 *
 * Uniforms are never 0 in RECORD mode (a 0 is redrawn), so u and 1 - u both lie in (0, 1), and an
 * inverse CDF is finite at both. Normals are drawn from the stream by GSL's ziggurat and taped as
 * they are; only their sign flips, so a normal and its mirror are exact negatives.
 */
#ifndef TCO_MIRROR_H
#define TCO_MIRROR_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

typedef enum tco_mirror_mode { TCO_MIRROR_RECORD, TCO_MIRROR_MIRROR } tco_mirror_mode;

/* A mirror of `base` (not owned; it must outlive the mirror), in RECORD mode with an empty tape.
 * Free with tco_mirror_free (NULL is fine). Out of memory exits 70 like tco_xmalloc. */
gsl_rng *tco_mirror_alloc(gsl_rng *base);
void tco_mirror_free(gsl_rng *r);

/* RECORD empties the tape; MIRROR goes back to its start. */
void tco_mirror_set_mode(gsl_rng *r, tco_mirror_mode mode);

/* True when r is a mirror (a gsl_rng made by tco_mirror_alloc). */
bool tco_mirror_is(const gsl_rng *r);

/* The stream a mirror wraps (r itself when r is not a mirror): for draws that are not mirrored
 * and not taped. */
gsl_rng *tco_mirror_base(gsl_rng *r);

/* A standard normal: on a mirror, taped (RECORD) or the negated tape entry (MIRROR); on any other
 * stream, gsl_ran_gaussian_ziggurat(r, 1). */
double tco_mirror_normal(gsl_rng *r);

/* A slot for the draw code's own per-stream data (value keeps its inverse-CDF tables there):
 * NULL until set; once set, the mirror owns it and tco_mirror_free calls cache_free(cache). */
void *tco_mirror_cache(const gsl_rng *r);
void tco_mirror_set_cache(gsl_rng *r, void *cache, void (*cache_free)(void *));

/* Entries on the tape (RECORD: drawn so far; MIRROR: left to mirror), for tests. */
size_t tco_mirror_tape_left(const gsl_rng *r);

#endif
