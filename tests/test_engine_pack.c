/* SPDX-License-Identifier: MIT */
/* Tests of the engine's seam and of packed summaries (SPEC §13): every summary kind (moments,
 * sketches, signed sketches, block summaries with the compare and breakeven observers', the
 * month-by-month sketches) comes back from its bytes bit for bit; bytes that are short, of
 * another shape or not a summary at all are refused; and a run split into ranges of blocks on
 * three engines ("ranks"), its block summaries carried as bytes to the first and merged there
 * in block order with the others' month-by-month sketches, gives the same bits as
 * tco_engine_run, which is what the MPI driver relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tco/breakeven.h"
#include "tco/compare.h"
#include "tco/sensitivity.h"
#include "tco/defaults.h"
#include "tco/pack.h"
#include "tco/stats.h"
#include "tco/xalloc.h"

/* The bytes of a packed summary: counted, then written. */
typedef struct bytes {
    unsigned char *buf;
    size_t len;
} bytes;

#define PACK(b, call_with_w)                                                                   \
    do {                                                                                       \
        tco_packer w = tco_packer_counting();                                                  \
        call_with_w;                                                                           \
        (b).len = w.len;                                                                       \
        (b).buf = tco_xmalloc(w.len + 1);                                                      \
        w = tco_packer_into((b).buf);                                                          \
        call_with_w;                                                                           \
        assert_int_equal(w.len, (b).len); /* counting and writing agree */                     \
    } while (0)

/* ---- primitives ------------------------------------------------------------------------ */

static void values_come_back_and_a_short_buffer_reads_zeros(void **state)
{
    (void)state;
    bytes b;
    PACK(b, (tco_pack_u32(&w, 7u), tco_pack_i32(&w, -3), tco_pack_u64(&w, UINT64_MAX),
             tco_pack_f64(&w, -0.0), tco_pack_f64(&w, NAN)));
    assert_int_equal(b.len, 4 + 4 + 8 + 8 + 8);
    tco_unpacker r = tco_unpacker_of(b.buf, b.len);
    assert_int_equal(tco_unpack_u32(&r), 7u);
    assert_int_equal(tco_unpack_i32(&r), -3);
    assert_true(tco_unpack_u64(&r) == UINT64_MAX);
    const double z = tco_unpack_f64(&r);
    assert_true(z == 0 && signbit(z)); /* the bits, not only the value */
    assert_true(isnan(tco_unpack_f64(&r)));
    assert_true(tco_unpack_done(&r));

    /* 5 bytes short of the last double: it and everything after read as zeros, ok cleared */
    r = tco_unpacker_of(b.buf, b.len - 5);
    tco_unpack_u32(&r), tco_unpack_i32(&r), tco_unpack_u64(&r), tco_unpack_f64(&r);
    assert_true(r.ok);
    assert_true(tco_unpack_f64(&r) == 0);
    assert_false(r.ok);
    assert_int_equal(tco_unpack_u32(&r), 0);
    assert_false(tco_unpack_done(&r));

    /* bytes left over are not a summary either */
    r = tco_unpacker_of(b.buf, b.len);
    tco_unpack_u32(&r);
    assert_false(tco_unpack_done(&r));
    free(b.buf);
}

static void varints_take_seven_bits_a_byte_and_refuse_what_no_packer_writes(void **state)
{
    (void)state;
    /* LEB128: 7 bits a byte, so 2^7 - 1 is the last one-byte value, 2^14 the first of three
     * bytes, and 2^64 - 1 takes ceil(64 / 7) = 10 */
    const uint64_t xs[] = {0, 1, 127, 128, 16383, 16384, UINT32_MAX, UINT64_MAX};
    const size_t lens[] = {1, 1, 1, 2, 2, 3, 5, 10};
    for (size_t i = 0; i < 8; i++) {
        bytes b;
        PACK(b, tco_pack_varint(&w, xs[i]));
        assert_int_equal(b.len, lens[i]);
        tco_unpacker r = tco_unpacker_of(b.buf, b.len);
        assert_true(tco_unpack_varint(&r) == xs[i]);
        assert_true(tco_unpack_done(&r));
        /* one byte short: refused, and reads zero */
        r = tco_unpacker_of(b.buf, b.len - 1);
        assert_true(tco_unpack_varint(&r) == 0);
        assert_false(r.ok);
        free(b.buf);
    }
    /* 128 = 0x80 0x01: the bytes themselves */
    bytes b;
    PACK(b, tco_pack_varint(&w, 128));
    assert_int_equal(b.buf[0], 0x80);
    assert_int_equal(b.buf[1], 0x01);
    free(b.buf);
    /* eleven continuation bytes, and a tenth byte with more than bit 63: refused */
    const unsigned char eleven[11] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0};
    tco_unpacker r = tco_unpacker_of(eleven, sizeof eleven);
    tco_unpack_varint(&r);
    assert_false(r.ok);
    const unsigned char past64[10] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
    r = tco_unpacker_of(past64, sizeof past64);
    tco_unpack_varint(&r);
    assert_false(r.ok);
}

/* ---- moments and sketches -------------------------------------------------------------- */

static void moments_come_back_bit_for_bit_even_scaled(void **state)
{
    (void)state;
    tco_moments m, back;
    tco_moments_init(&m);
    /* 1e300 pushes M2 past 2^960: the scaled representation (scale_exp != 0) travels too */
    const double xs[] = {3.25, 1e300, 7.5, 0.125};
    for (size_t i = 0; i < 4; i++)
        tco_moments_add(&m, xs[i]);
    assert_true(m.scale_exp != 0);
    bytes b;
    PACK(b, tco_moments_pack(&w, &m));
    memset(&back, 0xa5, sizeof back);
    tco_unpacker r = tco_unpacker_of(b.buf, b.len);
    tco_moments_unpack(&r, &back);
    assert_true(tco_unpack_done(&r));
    assert_true(back.n == m.n && back.scale_exp == m.scale_exp);
    assert_memory_equal(&back.mean, &m.mean, sizeof m.mean);
    assert_memory_equal(&back.m2, &m.m2, sizeof m.m2);
    assert_memory_equal(&back.min, &m.min, sizeof m.min);
    assert_memory_equal(&back.max, &m.max, sizeof m.max);
    free(b.buf);
}

static void assert_same_sketch(const tco_sketch *a, const tco_sketch *b)
{
    assert_true(a->alpha == b->alpha && a->key_shift == b->key_shift && a->shift == b->shift);
    assert_true(a->max_keys == b->max_keys && a->key_min == b->key_min &&
                a->key_max == b->key_max);
    assert_true(a->n == b->n && a->n_zero == b->n_zero);
    assert_true(a->key_lo == b->key_lo && a->n_keys == b->n_keys);
    if (a->n_keys)
        assert_memory_equal(a->counts, b->counts, a->n_keys * sizeof *a->counts);
    assert_memory_equal(&a->min, &b->min, sizeof a->min);
    assert_memory_equal(&a->max, &b->max, sizeof a->max);
}

static void sketches_come_back_whole_collapsed_or_empty(void **state)
{
    (void)state;
    tco_sketch s, back, merged_a, merged_b;
    tco_sketch_init_capped(&s, 0.001, TCO_SKETCH_MIN_KEYS);
    tco_sketch_init_capped(&back, 0.001, TCO_SKETCH_MIN_KEYS);
    /* empty first, into a sketch that holds something: it becomes empty */
    tco_sketch_add(&back, 5);
    bytes b;
    PACK(b, tco_sketch_pack(&w, &s));
    tco_unpacker r = tco_unpacker_of(b.buf, b.len);
    tco_sketch_unpack(&r, &back);
    assert_true(tco_unpack_done(&r));
    assert_same_sketch(&back, &s);
    free(b.buf);
    /* zeros, and values over 2^40 octaves: the 2048 keys force pairwise merges (shift moves) */
    tco_sketch_add(&s, 0);
    for (int e = -20; e <= 20; e++)
        tco_sketch_add(&s, ldexp(1.37, e));
    assert_true(s.shift > s.key_shift);
    PACK(b, tco_sketch_pack(&w, &s));
    r = tco_unpacker_of(b.buf, b.len);
    tco_sketch_unpack(&r, &back);
    assert_true(tco_unpack_done(&r));
    assert_same_sketch(&back, &s);
    /* merging the copy gives the same bits as merging the original */
    tco_sketch_init_capped(&merged_a, 0.001, TCO_SKETCH_MIN_KEYS);
    tco_sketch_init_capped(&merged_b, 0.001, TCO_SKETCH_MIN_KEYS);
    tco_sketch_add(&merged_a, 3);
    tco_sketch_add(&merged_b, 3);
    tco_sketch_merge(&merged_a, &s);
    tco_sketch_merge(&merged_b, &back);
    assert_same_sketch(&merged_a, &merged_b);
    const double q = tco_sketch_quantile(&merged_a, 0.3), q2 = tco_sketch_quantile(&merged_b, 0.3);
    assert_memory_equal(&q, &q2, sizeof q);

    /* a sketch of another accuracy or another cap is refused, and stays usable */
    tco_sketch other;
    tco_sketch_init(&other, 0.01);
    r = tco_unpacker_of(b.buf, b.len);
    tco_sketch_unpack(&r, &other);
    assert_false(r.ok);
    tco_sketch_add(&other, 1);
    tco_sketch_fini(&other);
    tco_sketch_init_capped(&other, 0.001, 2 * TCO_SKETCH_MIN_KEYS);
    r = tco_unpacker_of(b.buf, b.len);
    tco_sketch_unpack(&r, &other);
    assert_false(r.ok);
    tco_sketch_fini(&other);
    /* cut short inside the counts: refused */
    r = tco_unpacker_of(b.buf, b.len - 20);
    tco_sketch_unpack(&r, &back);
    assert_false(r.ok);
    free(b.buf);
    tco_sketch_fini(&s);
    tco_sketch_fini(&back);
    tco_sketch_fini(&merged_a);
    tco_sketch_fini(&merged_b);
}

/* The bytes of a sketch: 56 of header (alpha 8; key_shift, shift, max_keys, key_min,
 * key_max 4 each; n, n_zero 8 each; key_lo, n_keys, the non-empty count 4 each), two varints
 * per non-empty bucket (its gap from the bucket after the one before, its count), min and
 * max 16. */
static void a_sketch_packs_only_its_non_empty_buckets(void **state)
{
    (void)state;
    tco_sketch s, back;
    tco_sketch_init_capped(&s, 0.001, TCO_SKETCH_MAX_KEYS);
    tco_sketch_init_capped(&back, 0.001, TCO_SKETCH_MAX_KEYS);
    /* At 0.1%, 512 buckets an octave (k = 9 mantissa bits): 1, 2 and 4 fall in buckets 0, 512
     * and 1024 of 1025, added upwards from 1 (no slack below). 1 three times, 2 and 4 once:
     * (gap 0, count 3) 2 bytes, (511, 1) 3 bytes, (511, 1) 3 bytes: 56 + 8 + 16 = 80 bytes,
     * where the 1025 counts themselves took 4100. */
    const double xs[] = {1, 1, 1, 2, 4};
    for (size_t i = 0; i < 5; i++)
        tco_sketch_add(&s, xs[i]);
    assert_int_equal(s.n_keys, 1025);
    bytes b;
    PACK(b, tco_sketch_pack(&w, &s));
    assert_int_equal(b.len, 80);
    tco_unpacker r = tco_unpacker_of(b.buf, b.len);
    tco_sketch_unpack(&r, &back);
    assert_true(tco_unpack_done(&r));
    assert_same_sketch(&back, &s);
    /* 297 more 1s: a count of 300 takes two bytes */
    for (int i = 0; i < 297; i++)
        tco_sketch_add(&s, 1);
    free(b.buf);
    PACK(b, tco_sketch_pack(&w, &s));
    assert_int_equal(b.len, 81);
    r = tco_unpacker_of(b.buf, b.len);
    tco_sketch_unpack(&r, &back);
    assert_true(tco_unpack_done(&r));
    assert_same_sketch(&back, &s);

    /* Refused: a bucket past n_keys (n_keys, at offset 48, made 100: bucket 512 is not in
     * it), a count of zero (the first count, offset 57, 0xac 0x02 = 300 made 0x00 0x02: a
     * zero then a stray byte), and more non-empty buckets (offset 52) than keys. */
    unsigned char *bad = tco_xmalloc(b.len);
    const uint32_t hundred = 100, too_many = 1026;
    memcpy(bad, b.buf, b.len);
    memcpy(bad + 48, &hundred, sizeof hundred);
    r = tco_unpacker_of(bad, b.len);
    tco_sketch_unpack(&r, &back);
    assert_false(r.ok);
    memcpy(bad, b.buf, b.len);
    assert_int_equal(bad[57], 0xac);
    bad[57] = 0;
    r = tco_unpacker_of(bad, b.len);
    tco_sketch_unpack(&r, &back);
    assert_false(r.ok);
    memcpy(bad, b.buf, b.len);
    memcpy(bad + 52, &too_many, sizeof too_many);
    r = tco_unpacker_of(bad, b.len);
    tco_sketch_unpack(&r, &back);
    assert_false(r.ok);
    free(bad);
    free(b.buf);
    tco_sketch_fini(&s);
    tco_sketch_fini(&back);
}

static void signed_sketches_come_back(void **state)
{
    (void)state;
    tco_signed_sketch s, back;
    tco_signed_sketch_init(&s, TCO_QUANTILE_REL_ACCURACY);
    tco_signed_sketch_init(&back, TCO_QUANTILE_REL_ACCURACY);
    const double xs[] = {-40.5, 0, 0, 12.25, -0.75, 1e6};
    for (size_t i = 0; i < 6; i++)
        tco_signed_sketch_add(&s, xs[i]);
    bytes b;
    PACK(b, tco_signed_sketch_pack(&w, &s));
    tco_unpacker r = tco_unpacker_of(b.buf, b.len);
    tco_signed_sketch_unpack(&r, &back);
    assert_true(tco_unpack_done(&r));
    assert_same_sketch(&back.pos, &s.pos);
    assert_same_sketch(&back.neg, &s.neg);
    assert_int_equal(back.n_zero, 2);
    for (double q = 0; q <= 1; q += 0.25) {
        const double a = tco_signed_sketch_quantile(&s, q, false);
        const double c = tco_signed_sketch_quantile(&back, q, false);
        assert_memory_equal(&a, &c, sizeof a);
    }
    free(b.buf);
    tco_signed_sketch_fini(&s);
    tco_signed_sketch_fini(&back);
}

/* ---- a run split over "ranks" ---------------------------------------------------------- */

typedef struct world {
    tco_prices p;
    tco_scenario_file f;
    tco_observer obs[3]; /* compare, breakeven, sensitivity */
} world;

static void world_load(world *wd)
{
    tco_diag_list d;
    tco_diag_list_init(&d);
    tco_prices_init(&wd->p);
    tu_assert_loaded(tco_prices_load(&wd->p, "tests/bench/bench-prices.csv", &d), &d);
    tu_assert_loaded(tco_prices_finish(&wd->p, &d), &d);
    tco_scenario_file_init(&wd->f);
    tu_assert_loaded(tco_scenario_load("tests/bench/bench-scenario.csv", &wd->f, &d), &d);
    tco_diag_list_fini(&d);
    wd->obs[0] = tco_compare_observer(&wd->p);
    wd->obs[1] = tco_breakeven_observer();
    wd->obs[2] = tco_sensitivity_observer(&wd->p);
}

static void world_fini(world *wd)
{
    tco_scenario_file_fini(&wd->f);
    tco_prices_fini(&wd->p);
}

/* A rank's messages to rank 0: each block summary's bytes, in the order it made them. */
typedef struct outbox {
    const tco_engine *e;
    bytes msg[64];
    size_t n;
} outbox;

static bool emit_packed(void *ctx, const tco_block *block)
{
    outbox *ob = ctx;
    assert_true(ob->n < 64);
    PACK(ob->msg[ob->n], tco_engine_block_pack(ob->e, block, &w));
    ob->n++;
    return true;
}

static bool emit_merge(void *ctx, const tco_block *block)
{
    return tco_engine_merge(ctx, block);
}

static void assert_same_results(const tco_result *a, const tco_result *b)
{
    assert_int_equal(a->options.n, b->options.n);
    for (size_t o = 0; o < a->options.n; o++) {
        const tco_option_result *x = &a->per_option[o], *y = &b->per_option[o];
        assert_true(x->tco.n == y->tco.n && x->tco.scale_exp == y->tco.scale_exp);
        assert_memory_equal(&x->tco.mean, &y->tco.mean, sizeof x->tco.mean);
        assert_memory_equal(&x->tco.m2, &y->tco.m2, sizeof x->tco.m2);
        assert_same_sketch(&x->tco_q, &y->tco_q);
        assert_memory_equal(&x->cheapest_sum, &y->cheapest_sum, sizeof x->cheapest_sum);
        assert_memory_equal(&x->cheapest_sumsq, &y->cheapest_sumsq, sizeof x->cheapest_sumsq);
        assert_memory_equal(x->month_sum, y->month_sum, (size_t)a->months * sizeof *x->month_sum);
        assert_memory_equal(x->component_sum, y->component_sum, sizeof x->component_sum);
        assert_same_sketch(&x->max_bill_q, &y->max_bill_q);
        assert_memory_equal(&x->over_budget, &y->over_budget, sizeof x->over_budget);
        assert_true(x->pair_tco.n == y->pair_tco.n);
        assert_memory_equal(&x->pair_tco.m2, &y->pair_tco.m2, sizeof x->pair_tco.m2);
        assert_memory_equal(&x->pair_cheapest_sumsq, &y->pair_cheapest_sumsq,
                            sizeof x->pair_cheapest_sumsq);
        for (int m = 0; m < a->months; m++)
            for (double q = 0; q <= 1; q += 0.125) {
                const double u = tco_sketch_quantile(&x->month_q[m], q);
                const double v = tco_sketch_quantile(&y->month_q[m], q);
                const double s = tco_sketch_quantile(&x->cum_q[m], q);
                const double t = tco_sketch_quantile(&y->cum_q[m], q);
                assert_memory_equal(&u, &v, sizeof u);
                assert_memory_equal(&s, &t, sizeof s);
            }
    }
    const tco_compare *ca = tco_compare_find(a), *cb = tco_compare_find(b);
    assert_non_null(ca);
    for (size_t i = 0; i < a->options.n; i++)
        for (size_t j = 0; j < a->options.n; j++) {
            tco_difference da, db;
            assert_true(tco_compare_difference(ca, i, j, &da) ==
                        tco_compare_difference(cb, i, j, &db));
            assert_memory_equal(&da, &db, sizeof da);
            const double qa = tco_compare_difference_quantile(ca, i, j, 0.9);
            const double qb = tco_compare_difference_quantile(cb, i, j, 0.9);
            assert_memory_equal(&qa, &qb, sizeof qa);
        }
    const tco_breakeven *ba = tco_breakeven_find(a), *bb = tco_breakeven_find(b);
    assert_true(tco_breakeven_n_pairs(ba) > 0);
    assert_int_equal(tco_breakeven_n_pairs(ba), tco_breakeven_n_pairs(bb));
    for (size_t i = 0; i < tco_breakeven_n_pairs(ba); i++) {
        tco_breakeven_pair pa, pb;
        tco_breakeven_pair_get(ba, i, &pa);
        tco_breakeven_pair_get(bb, i, &pb);
        assert_memory_equal(&pa, &pb, sizeof pa);
    }
    /* SPEC §10: every figure of every (target, input) and the EVPI, bit for bit */
    const tco_sensitivity *sa = tco_sensitivity_find(a), *sb = tco_sensitivity_find(b);
    assert_non_null(sa);
    assert_int_equal(tco_sensitivity_n_inputs(sa), tco_sensitivity_n_inputs(sb));
    for (size_t i = 0; i < tco_sensitivity_n_inputs(sa); i++)
        for (size_t o = 0; o <= a->options.n; o++) {
            const size_t target = o == a->options.n ? TCO_SENSITIVITY_DELTA : o;
            tco_input_effect ea, eb;
            assert_true(tco_sensitivity_effect(sa, a, i, target, &ea) ==
                        tco_sensitivity_effect(sb, b, i, target, &eb));
            assert_memory_equal(&ea, &eb, sizeof ea);
        }
    const double va = tco_sensitivity_evpi(sa, a), vb = tco_sensitivity_evpi(sb, b);
    assert_memory_equal(&va, &vb, sizeof va);
}

/* Blocks 0..n-1 (11 blocks; the last one short, so compare's waiting values travel too) go
 * round robin in chunks of 2 to three ranks: rank 0 runs its chunks and merges them itself,
 * ranks 1 and 2 pack theirs; rank 0 merges the others' chunks from their bytes in block order
 * and their month-by-month sketches at the end. */
static void a_run_split_over_ranks_gives_the_bits_of_one_run(void **state)
{
    (void)state;
    world wd;
    world_load(&wd);
    const unsigned long trials = 10 * TCO_BLOCK_TRIALS + 300;
    const unsigned threads[3] = {2, 1, 2};
    tco_engine_config cfg[3];
    for (int k = 0; k < 3; k++)
        cfg[k] = (tco_engine_config){trials, 99, threads[k], NULL, NULL, NULL, wd.obs, 3,
                                     true,   5000, 0, true}; /* bill shock, antithetic pairs */
    const tco_scenario *s = &wd.f.items[0];

    tco_result want;
    assert_int_equal(tco_engine_run(s, &wd.p, &cfg[0], &want), TCO_OK);

    tco_result res[3];
    tco_engine *e[3];
    outbox ob[3];
    for (int k = 0; k < 3; k++) {
        e[k] = tco_engine_begin(s, &wd.p, &cfg[k], &res[k]);
        ob[k].e = e[k];
        ob[k].n = 0;
    }
    const unsigned long n_blocks = tco_engine_n_blocks(e[0]);
    assert_int_equal(n_blocks, 11);
    tco_block *in = tco_engine_block_new(e[0]);
    size_t next_msg[3] = {0, 0, 0};
    /* the other ranks run all their chunks first (as they would, ahead of rank 0) */
    for (unsigned long c = 0; 2 * c < n_blocks; c++)
        if (c % 3 != 0)
            assert_int_equal(tco_engine_run_blocks(e[c % 3], 2 * c, 2 * c + 2, emit_packed,
                                                   &ob[c % 3]),
                             TCO_OK);
    for (unsigned long c = 0; 2 * c < n_blocks; c++) {
        const unsigned r = c % 3;
        if (r == 0) {
            assert_int_equal(tco_engine_run_blocks(e[0], 2 * c, 2 * c + 2, emit_merge, e[0]),
                             TCO_OK);
            continue;
        }
        for (unsigned long b = 2 * c; b < 2 * c + 2 && b < n_blocks; b++) {
            const bytes *m = &ob[r].msg[next_msg[r]++];
            tco_unpacker u = tco_unpacker_of(m->buf, m->len);
            assert_true(tco_engine_block_unpack(e[0], in, &u));
            assert_int_equal(in->index, b);
            assert_true(tco_engine_merge(e[0], in));
        }
    }
    for (int r = 1; r < 3; r++) {
        assert_int_equal(next_msg[r], ob[r].n);
        bytes m;
        PACK(m, tco_engine_monthly_pack(e[r], &w));
        tco_unpacker u = tco_unpacker_of(m.buf, m.len);
        assert_true(tco_engine_monthly_merge_packed(e[0], &u));
        free(m.buf);
    }
    assert_same_results(&res[0], &want);

    /* a block out of order is refused, and so are bytes that are not a block of this run */
    assert_false(tco_engine_merge(e[0], in));
    const bytes *m = &ob[1].msg[0];
    tco_unpacker u = tco_unpacker_of(m->buf, m->len - 1);
    assert_false(tco_engine_block_unpack(e[0], in, &u));
    unsigned char *bad = tco_xmalloc(m->len);
    memcpy(bad, m->buf, m->len);
    bad[0] ^= 1; /* the magic */
    u = tco_unpacker_of(bad, m->len);
    assert_false(tco_engine_block_unpack(e[0], in, &u));
    u = tco_unpacker_of(m->buf, m->len);
    bytes monthly;
    PACK(monthly, tco_engine_monthly_pack(e[1], &w));
    assert_false(tco_engine_monthly_merge_packed(e[0], &u)); /* a block is not monthly */
    u = tco_unpacker_of(monthly.buf, monthly.len);
    assert_false(tco_engine_block_unpack(e[0], in, &u)); /* nor monthly a block */
    free(monthly.buf);
    free(bad);

    tco_engine_block_free(e[0], in);
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < ob[k].n; i++)
            free(ob[k].msg[i].buf);
        assert_int_equal(tco_engine_end(e[k]), TCO_OK);
        tco_result_fini(&res[k]);
    }
    tco_result_fini(&want);
    world_fini(&wd);
}

/* A block of a run with other options (another shape) does not unpack into this run's, and
 * observers refuse summaries of another shape. */
static void a_block_of_another_shape_is_refused(void **state)
{
    (void)state;
    world wd;
    world_load(&wd);
    tco_engine_config cfg = {TCO_BLOCK_TRIALS, 1, 1, NULL, NULL, NULL, wd.obs, 3, false, 0, 0, false};
    tco_engine_config none = {TCO_BLOCK_TRIALS, 1, 1, NULL, NULL, NULL, NULL, 0, false, 0, 0, false};
    tco_result ra, rb;
    tco_engine *a = tco_engine_begin(&wd.f.items[0], &wd.p, &cfg, &ra);
    tco_engine *b = tco_engine_begin(&wd.f.items[0], &wd.p, &none, &rb);
    outbox ob = {a, {{0}}, 0};
    assert_int_equal(tco_engine_run_blocks(a, 0, 1, emit_packed, &ob), TCO_OK);
    tco_block *in = tco_engine_block_new(b);
    tco_unpacker u = tco_unpacker_of(ob.msg[0].buf, ob.msg[0].len);
    assert_false(tco_engine_block_unpack(b, in, &u)); /* three observers against none */
    tco_engine_block_free(b, in);

    /* compare's summary into breakeven's, and a compare summary of other options */
    const tco_scenario *sc = &wd.f.items[0];
    void *cmp = wd.obs[0].alloc(wd.obs[0].ctx, sc, &ra.options, ra.months);
    void *be = wd.obs[1].alloc(wd.obs[1].ctx, sc, &ra.options, ra.months);
    bytes m;
    PACK(m, wd.obs[0].pack(cmp, &w));
    assert_int_equal(tco_observer_packed_size(&wd.obs[0], cmp), m.len);
    u = tco_unpacker_of(m.buf, m.len);
    wd.obs[1].unpack(be, &u);
    assert_false(u.ok);
    tco_option_set fewer = ra.options;
    fewer.n = 3;
    void *cmp3 = wd.obs[0].alloc(wd.obs[0].ctx, sc, &fewer, ra.months);
    u = tco_unpacker_of(m.buf, m.len);
    wd.obs[0].unpack(cmp3, &u);
    assert_false(u.ok);
    /* and a sensitivity summary of other options */
    void *sens = wd.obs[2].alloc(wd.obs[2].ctx, sc, &ra.options, ra.months);
    void *sens3 = wd.obs[2].alloc(wd.obs[2].ctx, sc, &fewer, ra.months);
    bytes ms;
    PACK(ms, wd.obs[2].pack(sens, &w));
    u = tco_unpacker_of(ms.buf, ms.len);
    wd.obs[2].unpack(sens3, &u);
    assert_false(u.ok);
    u = tco_unpacker_of(ms.buf, ms.len);
    wd.obs[2].unpack(sens, &u);
    assert_true(tco_unpack_done(&u));
    free(ms.buf);
    wd.obs[2].free(sens3);
    wd.obs[2].free(sens);
    free(m.buf);
    wd.obs[0].free(cmp3);
    wd.obs[0].free(cmp);
    wd.obs[1].free(be);
    free(ob.msg[0].buf);
    tco_engine_end(a);
    tco_engine_end(b);
    tco_result_fini(&ra);
    tco_result_fini(&rb);
    world_fini(&wd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_come_back_and_a_short_buffer_reads_zeros),
        cmocka_unit_test(varints_take_seven_bits_a_byte_and_refuse_what_no_packer_writes),
        cmocka_unit_test(moments_come_back_bit_for_bit_even_scaled),
        cmocka_unit_test(sketches_come_back_whole_collapsed_or_empty),
        cmocka_unit_test(a_sketch_packs_only_its_non_empty_buckets),
        cmocka_unit_test(signed_sketches_come_back),
        cmocka_unit_test(a_run_split_over_ranks_gives_the_bits_of_one_run),
        cmocka_unit_test(a_block_of_another_shape_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
