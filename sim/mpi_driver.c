/* SPDX-License-Identifier: MIT */
/* mpi_driver: the ranks of `mpirun -np N tcosim ...` (tco/cluster.h, SPEC §13), linked in place
 * of sim/cluster.c by `make MPI=1`.
 *
 * The deal. Each scenario's blocks are cut into chunks of consecutive blocks, dealt round robin
 * to the ranks; the count runs on from one scenario to the next, so that a batch of small
 * scenarios is spread too. Every rank derives the same deal from what they all agree on (the
 * jobs, their block counts, the ranks, the most threads a rank has), and the one collective
 * at the start checks that they loaded the same work.
 *
 * The merge. Rank 0 walks the chunks in order: it runs its own with emit = merge, and for each
 * of another rank's receives that rank's block summaries (tco_engine_block_pack), in the order
 * that rank made them (MPI keeps the order of messages from one rank), and merges them; after
 * a scenario's chunks, the month-by-month sketches of every rank that ran some (integer
 * counts: any order). So rank 0 merges every block summary in block order: the same bits as
 * one process with any threads (tco_engine_run), whatever N and each rank's --threads.
 *
 * Memory. A rank sends at most WINDOW messages that rank 0 has not taken yet: rank 0 tells
 * it, in a control message of two counts, how many it took and how many it is waiting for. So
 * rank 0 holds one summary being merged and at most (N - 1) x WINDOW waiting in MPI's buffers
 * (WINDOW = 2 x the largest chunk + 1 <= 8 x threads + 1), and each other rank at most WINDOW
 * packed summaries, whatever the trial count; what rank 0 keeps besides is what one process
 * keeps (the results). Sketches travel as their non-empty buckets (tco_sketch_pack): a block
 * summary of the bench scenario is 190 KB, not 1.6 MB.
 *
 * Speed. A large message moves only while both ends are inside MPI (with no single-copy
 * transport, as in containers, a fragment at a time). Rank 0 is inside MPI only between its own
 * chunks; another rank's main thread is, beside its compute thread, and looks often (every
 * FAST_POLL_NS) only while rank 0 waits for a message it has in flight, else seldom (measured
 * on 2 cores: 2 ranks 1.94x one rank at 1M trials, where sending from the computing thread
 * gave 0.90x).
 *
 * Stops. Every wait polls the cancel flag: mpirun sends SIGTERM to every rank when it is
 * interrupted (SIGINT, SIGTERM) or when a rank dies, so each rank stops at its next look,
 * rank 0 says so in one line (the command's), and nothing is written. An interrupted rank ends
 * without MPI_Finalize, which would wait for the others (tco_cluster_finish). Bytes that are
 * not a summary of this run (which no correct build sends) end the job with MPI_Abort.
 *
 * Threads. On every rank but 0 a compute thread runs the blocks (with the rank's --threads
 * workers) and the main thread alone calls MPI, posting the sends and keeping them moving while
 * the blocks run (see outbox): MPI is asked for MPI_THREAD_FUNNELED, and a run of several
 * ranks without it ends in one line. Rank 0 calls MPI between its own chunks, from its main
 * thread; its workers never do.
 */
#include "tco/cluster.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mpi.h>

#include "tco/xalloc.h"

enum { TAG_DATA = 1, TAG_CONTROL = 2 };
enum { PHASE_SIMULATE = 1, PHASE_FINISH = 2 };
/* A scenario is cut into at least this many chunks per rank where it has the blocks (so that
 * no rank idles long at its end), each at most this many blocks per thread (so that a chunk
 * keeps a rank's threads busy; the window grows with it). */
#define CHUNKS_PER_RANK 8UL
#define CHUNK_BLOCKS_PER_THREAD 4UL
/* Between two looks at a message or the cancel flag: while nobody waits for this rank's
 * messages (another rank's main thread, beside its compute thread: measured on 2 cores, looking
 * every 0.1 ms cost 4% of the CPU, 1 ms still 1%), and while rank 0 receives them (both sides
 * then move a large message a fragment at a time: looking every 1 ms, or 5 ms, made the run
 * 1.05x, 1.20x the threads' time). */
#define SLOW_POLL_NS 5000000L
#define FAST_POLL_NS 100000L
/* How long a rank other than 0 stays after an interrupt (tco_cluster_finish). */
#define LINGER_S 2

static int my_rank(void)
{
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

static int n_ranks(void)
{
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
}

void tco_cluster_start(int *argc, char ***argv)
{
    int provided;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    if (my_rank() != 0) {
        /* rank 0 alone prints: the others see the same errors, and say nothing */
        const int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
    }
}

bool tco_cluster_writes(void)
{
    return my_rank() == 0;
}

static bool cancelled(const atomic_int *cancel)
{
    return cancel && atomic_load(cancel) != 0;
}

static void pause_for(long ns)
{
    const struct timespec ts = {0, ns};
    nanosleep(&ts, NULL);
}

/* Bytes that no correct rank sends: the job cannot go on. */
static void broken(const char *what)
{
    fprintf(stderr, "tcosim: internal error: %s; no output written\n", what);
    fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, TCO_ESOFTWARE);
}

/* Whether every rank calls this with the same phase and fingerprint (one MPI_Iallreduce of
 * each value and its complement: the maximum of ~x is ~min x, so min == max shows agreement);
 * *max_threads gets the largest `threads` given. */
static bool agree(uint64_t phase, uint64_t fingerprint, uint64_t threads, uint64_t *max_threads)
{
    uint64_t v[5] = {phase, ~phase, fingerprint, ~fingerprint, threads}, m[5];
    MPI_Request req;
    MPI_Iallreduce(v, m, 5, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD, &req);
    /* the ranks done first wait for the writer's report: sleeping, not spinning on a core */
    for (int done = 0; MPI_Test(&req, &done, MPI_STATUS_IGNORE) == MPI_SUCCESS && !done;)
        pause_for(SLOW_POLL_NS);
    if (max_threads)
        *max_threads = m[4];
    return m[0] == ~m[1] && m[2] == ~m[3];
}

static uint64_t mix(uint64_t h, uint64_t x)
{
    return (h ^ x) * 0x100000001b3ULL + (h >> 29);
}

/* What the ranks must agree on for the deal and the merge to be the one process's. */
static uint64_t fingerprint(const tco_prices *p, const tco_cluster_job *jobs, size_t n)
{
    uint64_t h = mix(0xcbf29ce484222325ULL, n);
    h = mix(mix(mix(h, p->n_plans), p->n_values), tco_prices_option_count(p));
    for (size_t i = 0; i < n; i++) {
        const tco_engine_config *c = &jobs[i].cfg;
        h = mix(h, tco_engine_scenario_key(jobs[i].scenario));
        h = mix(mix(h, (uint64_t)jobs[i].scenario->months), c->n_trials);
        h = mix(mix(h, c->seed), c->n_observers);
    }
    return h;
}

static unsigned long chunk_blocks(unsigned long n_blocks, int ranks, uint64_t max_threads)
{
    const unsigned long most = CHUNK_BLOCKS_PER_THREAD * (unsigned long)max_threads;
    const unsigned long cuts = CHUNKS_PER_RANK * (unsigned long)ranks;
    const unsigned long c = (n_blocks + cuts - 1) / cuts;
    return c < 1 ? 1 : c > most ? most : c;
}

/* ---- another rank: run its chunks, send their summaries ---------------------------------- */

/* The outbox between this rank's compute thread and its main thread, which alone calls MPI.
 * The compute thread packs each summary into the next free slot; the main thread posts the
 * sends in order and keeps MPI progressing while the blocks are being run (a large message
 * moves only while its sender is inside MPI: with the send posted from the computing thread,
 * measured, rank 0 waited for each block of the others and two ranks ran no faster than one).
 * A slot is free again once rank 0 took its message (received it). */
typedef struct outbox {
    pthread_mutex_t mu;
    pthread_cond_t cv;        /* a slot came free, or stop: for the compute thread */
    pthread_cond_t ready;     /* a message was put in: for the main thread */
    size_t window;
    unsigned char **buf;      /* [window] packed messages */
    size_t *cap, *len;
    MPI_Request *req;         /* [window], the main thread's */
    unsigned long packed;     /* messages the compute thread put in, in order */
    unsigned long taken;      /* of them, taken (received) by rank 0: their slots are free */
    bool stop;                /* the run is ending: the compute thread puts nothing more */
    bool oversized;           /* a summary too large for one MPI message (no correct run) */
    bool computed;            /* the compute thread is done, with status st */
    tco_status st;
    const tco_engine *e;      /* the scenario being run (the compute thread's) */
} outbox;

static void outbox_init(outbox *b, size_t window)
{
    memset(b, 0, sizeof *b);
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->cv, NULL);
    pthread_condattr_t monotonic;
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
    pthread_cond_init(&b->ready, &monotonic);
    pthread_condattr_destroy(&monotonic);
    b->window = window;
    b->buf = tco_xcalloc(window, sizeof *b->buf);
    b->cap = tco_xcalloc(window, sizeof *b->cap);
    b->len = tco_xcalloc(window, sizeof *b->len);
    b->req = tco_xcalloc(window, sizeof *b->req);
    for (size_t i = 0; i < window; i++)
        b->req[i] = MPI_REQUEST_NULL;
}

/* Once nothing is in flight (every message taken); interrupted, the buffers stay MPI's. */
static void outbox_fini(outbox *b)
{
    for (size_t i = 0; i < b->window; i++)
        free(b->buf[i]);
    free(b->buf);
    free(b->cap);
    free(b->len);
    free(b->req);
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->cv);
    pthread_cond_destroy(&b->ready);
}

static void pack_message(const tco_engine *e, const tco_block *block, tco_packer *w)
{
    if (block)
        tco_engine_block_pack(e, block, w);
    else
        tco_engine_monthly_pack(e, w);
}

/* The compute thread's: a block summary, or with block NULL the month-by-month sketches, into
 * the next slot once one is free; false when the run is ending. */
static bool outbox_put(outbox *b, const tco_block *block)
{
    pthread_mutex_lock(&b->mu);
    while (!b->stop && b->packed - b->taken >= b->window)
        pthread_cond_wait(&b->cv, &b->mu);
    const bool stop = b->stop;
    const size_t slot = b->packed % b->window;
    pthread_mutex_unlock(&b->mu);
    if (stop)
        return false;
    /* the slot's previous message was taken: the main thread is done with it */
    tco_packer w = tco_packer_counting();
    pack_message(b->e, block, &w);
    if (w.len > INT_MAX) { /* said by the main thread, which alone calls MPI */
        pthread_mutex_lock(&b->mu);
        b->oversized = true;
        pthread_mutex_unlock(&b->mu);
        return false;
    }
    if (w.len > b->cap[slot]) {
        free(b->buf[slot]);
        b->buf[slot] = tco_xmalloc(w.len);
        b->cap[slot] = w.len;
    }
    w = tco_packer_into(b->buf[slot]);
    pack_message(b->e, block, &w);
    b->len[slot] = w.len;
    pthread_mutex_lock(&b->mu);
    b->packed++;
    pthread_cond_signal(&b->ready);
    pthread_mutex_unlock(&b->mu);
    return true;
}

static bool emit_send(void *ctx, const tco_block *block)
{
    return outbox_put(ctx, block);
}

/* This rank's chunks of one scenario, then its month-by-month sketches. */
static tco_status send_scenario(outbox *b, tco_engine *e, unsigned long deal, int rank,
                                int ranks, uint64_t max_threads)
{
    const unsigned long nb = tco_engine_n_blocks(e), cb = chunk_blocks(nb, ranks, max_threads);
    bool ran = false;
    b->e = e;
    for (unsigned long k = 0; k * cb < nb; k++) {
        if ((deal + k) % (unsigned long)ranks != (unsigned long)rank)
            continue;
        const tco_status st = tco_engine_run_blocks(e, k * cb, k * cb + cb, emit_send, b);
        if (st != TCO_OK)
            return st;
        ran = true;
    }
    if (ran && !outbox_put(b, NULL))
        return TCO_EINTERRUPTED;
    return TCO_OK;
}

/* What the compute thread of another rank runs: every job, its chunks into the outbox. */
typedef struct sender_work {
    outbox *box;
    const tco_prices *p;
    const tco_cluster_job *jobs;
    size_t n;
    int rank, ranks;
    uint64_t max_threads;
} sender_work;

static void *compute_and_put(void *arg)
{
    const sender_work *w = arg;
    unsigned long deal = 0; /* chunks dealt so far, over the batch */
    tco_status st = TCO_OK;
    for (size_t i = 0; i < w->n && st == TCO_OK; i++) {
        tco_engine_config cfg = w->jobs[i].cfg;
        cfg.progress = NULL;
        tco_result mine;
        tco_engine *e = tco_engine_begin(w->jobs[i].scenario, w->p, &cfg, &mine);
        const unsigned long nb = tco_engine_n_blocks(e);
        const unsigned long cb = chunk_blocks(nb, w->ranks, w->max_threads);
        st = send_scenario(w->box, e, deal, w->rank, w->ranks, w->max_threads);
        deal += (nb + cb - 1) / cb;
        const tco_status ended = tco_engine_end(e);
        if (st == TCO_OK)
            st = ended;
        tco_result_fini(&mine);
    }
    pthread_mutex_lock(&w->box->mu);
    w->box->computed = true;
    w->box->st = st;
    pthread_mutex_unlock(&w->box->mu);
    return NULL;
}

/* Sleeps up to ns, or until the compute thread puts in a message beyond the first `seen`. */
static void wait_ready(outbox *b, unsigned long seen, long ns)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += ns;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&b->mu);
    while (b->packed == seen && !b->computed)
        if (pthread_cond_timedwait(&b->ready, &b->mu, &until) != 0)
            break;
    pthread_mutex_unlock(&b->mu);
}

/* The main thread's while the compute thread runs: posts the outbox's sends in order, follows
 * rank 0's control messages (how many it took, how many it is waiting for) and keeps MPI
 * progressing, fast while rank 0 waits for a message in flight, slowly otherwise, until every
 * message was taken (TCO_OK), the compute thread failed (its status) or the cancel flag was
 * set (TCO_EINTERRUPTED, the compute thread stopped). */
static tco_status pump(outbox *b, pthread_t compute, const atomic_int *cancel)
{
    unsigned long posted = 0, taken = 0;
    uint64_t control[2] = {0, 0}, wanted = 0; /* rank 0's: taken, wanted */
    MPI_Request control_req = MPI_REQUEST_NULL;
    tco_status st;
    for (;;) {
        pthread_mutex_lock(&b->mu);
        const unsigned long packed = b->packed;
        const bool computed = b->computed, oversized = b->oversized;
        st = b->st;
        pthread_mutex_unlock(&b->mu);
        if (oversized)
            broken("a summary too large for one MPI message");
        bool moved = false;
        for (; posted < packed; posted++, moved = true) {
            const size_t slot = posted % b->window;
            MPI_Isend(b->buf[slot], (int)b->len[slot], MPI_BYTE, 0, TAG_DATA, MPI_COMM_WORLD,
                      &b->req[slot]);
        }
        for (int done = 1; done;) {
            if (control_req == MPI_REQUEST_NULL)
                MPI_Irecv(control, 2, MPI_UINT64_T, 0, TAG_CONTROL, MPI_COMM_WORLD, &control_req);
            MPI_Test(&control_req, &done, MPI_STATUS_IGNORE);
            if (!done)
                break;
            moved = true;
            wanted = control[1];
            if (control[0] > posted)
                broken("rank 0 took messages this rank did not send");
            if (control[0] <= taken)
                continue;
            for (; taken < control[0]; taken++) /* received, so the sends are complete */
                MPI_Wait(&b->req[taken % b->window], MPI_STATUS_IGNORE);
            pthread_mutex_lock(&b->mu);
            b->taken = taken;
            pthread_cond_signal(&b->cv);
            pthread_mutex_unlock(&b->mu);
        }
        if (computed && (st != TCO_OK || taken == packed))
            break;
        if (cancelled(cancel)) {
            pthread_mutex_lock(&b->mu);
            b->stop = true;
            pthread_cond_broadcast(&b->cv);
            pthread_mutex_unlock(&b->mu);
            st = TCO_EINTERRUPTED;
            break;
        }
        if (!moved)
            wait_ready(b, packed, wanted > taken && posted > taken ? FAST_POLL_NS
                                                                         : SLOW_POLL_NS);
    }
    pthread_join(compute, NULL);
    if (st == TCO_OK) { /* nothing in flight but a receive of rank 0's that will not come */
        MPI_Cancel(&control_req);
        MPI_Wait(&control_req, MPI_STATUS_IGNORE);
    }
    return st;
}

/* Another rank's part of the run: a compute thread runs its chunks, the main thread sends. */
static tco_status send_jobs(const sender_work *w, const atomic_int *cancel)
{
    pthread_t compute;
    if (pthread_create(&compute, NULL, compute_and_put, (void *)w) != 0)
        broken("no thread to run this rank's blocks");
    return pump(w->box, compute, cancel);
}

/* ---- rank 0: run its chunks, merge everything in block order ------------------------------ */

typedef struct receiver {
    unsigned char *buf;
    size_t cap, len;
    const atomic_int *cancel;
    uint64_t *taken, *wanted; /* [ranks]: each rank's messages received, and waited for */
} receiver;

/* Tells rank `to` how many of its messages rank 0 took, and how many it waits for: the first
 * frees its slots, the second tells it to keep them moving (its pump). */
static void tell(const receiver *r, int to)
{
    const uint64_t control[2] = {r->taken[to], r->wanted[to]};
    MPI_Send(control, 2, MPI_UINT64_T, to, TAG_CONTROL, MPI_COMM_WORLD);
}

/* Rank 0 is about to take `count` more messages from rank `from`. */
static void want(receiver *r, int from, unsigned long count)
{
    r->wanted[from] += count;
    tell(r, from);
}

/* The next message from rank `from` into r->buf (r->len bytes), told; false when
 * cancelled. */
static bool receive(receiver *r, int from)
{
    MPI_Message msg;
    MPI_Status status;
    int flag = 0;
    for (;;) {
        MPI_Improbe(from, TAG_DATA, MPI_COMM_WORLD, &flag, &msg, &status);
        if (flag)
            break;
        if (cancelled(r->cancel))
            return false;
        pause_for(FAST_POLL_NS);
    }
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    if ((size_t)count > r->cap || !r->buf) {
        free(r->buf);
        r->cap = (size_t)count + 1;
        r->buf = tco_xmalloc(r->cap);
    }
    MPI_Request req;
    MPI_Imrecv(r->buf, count, MPI_BYTE, &msg, &req);
    for (;;) {
        int done = 0;
        MPI_Test(&req, &done, MPI_STATUS_IGNORE);
        if (done)
            break;
        if (cancelled(r->cancel)) {
            r->buf = NULL; /* MPI may still write there: left to it, the run is ending */
            return false;
        }
        pause_for(FAST_POLL_NS);
    }
    r->len = (size_t)count;
    r->taken[from]++;
    tell(r, from);
    return true;
}

static bool emit_merge(void *ctx, const tco_block *block)
{
    return tco_engine_merge(ctx, block);
}

static tco_status merge_scenario(receiver *r, tco_engine *e, unsigned long deal, int ranks,
                                 uint64_t max_threads)
{
    const unsigned long nb = tco_engine_n_blocks(e), cb = chunk_blocks(nb, ranks, max_threads);
    bool *ran = tco_xcalloc((size_t)ranks, sizeof *ran);
    tco_block *in = NULL;
    tco_status st = TCO_OK;
    for (unsigned long k = 0; st == TCO_OK && k * cb < nb; k++) {
        const int owner = (int)((deal + k) % (unsigned long)ranks);
        const unsigned long b0 = k * cb, b1 = b0 + cb < nb ? b0 + cb : nb;
        if (owner == 0) {
            st = tco_engine_run_blocks(e, b0, b1, emit_merge, e);
            continue;
        }
        ran[owner] = true;
        if (!in)
            in = tco_engine_block_new(e);
        want(r, owner, b1 - b0);
        for (unsigned long b = b0; b < b1; b++) {
            if (!receive(r, owner)) {
                st = TCO_EINTERRUPTED;
                break;
            }
            tco_unpacker u = tco_unpacker_of(r->buf, r->len);
            if (!tco_engine_block_unpack(e, in, &u) || in->index != b || !tco_engine_merge(e, in))
                broken("a rank sent a block summary out of order or not of this run");
        }
    }
    for (int from = 1; st == TCO_OK && from < ranks; from++) {
        if (!ran[from])
            continue;
        want(r, from, 1);
        if (!receive(r, from)) {
            st = TCO_EINTERRUPTED;
            break;
        }
        tco_unpacker u = tco_unpacker_of(r->buf, r->len);
        if (!tco_engine_monthly_merge_packed(e, &u))
            broken("a rank sent month-by-month sketches not of this run");
    }
    tco_engine_block_free(e, in);
    free(ran);
    return st;
}

/* ---- the run ----------------------------------------------------------------------------- */

tco_status tco_cluster_simulate(const tco_prices *p, const tco_cluster_job *jobs, size_t n,
                                tco_result *results, size_t *n_done)
{
    *n_done = 0;
    const int rank = my_rank(), ranks = n_ranks();
    uint64_t threads = 1, max_threads = 1;
    bool packable = true;
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].cfg.n_threads > threads)
            threads = jobs[i].cfg.n_threads;
        for (size_t k = 0; k < jobs[i].cfg.n_observers; k++)
            packable = packable && jobs[i].cfg.observers[k].pack && jobs[i].cfg.observers[k].unpack;
    }
    if (!agree(PHASE_SIMULATE, fingerprint(p, jobs, n), threads, &max_threads)) {
        if (rank == 0)
            fputs("tcosim: the ranks of the MPI run did not load the same work (an input differs "
                  "or cannot be read on some node, or a rank stopped); no output written\n",
                  stderr);
        return TCO_ESOFTWARE;
    }
    /* SPEC §11 --precision stops at check points decided on merged totals: one process runs
     * it (the ranks would have to stop together at each check point, which this driver does
     * not do yet) */
    bool precision = false;
    for (size_t i = 0; i < n; i++)
        precision = precision || jobs[i].cfg.precision > 0;
    if (ranks > 1 && precision) {
        if (rank == 0)
            fputs("tcosim: --precision: expected a run of one process, got an MPI run of "
                  "several ranks (not supported yet: run it without mpirun, or give --trials "
                  "alone)\n",
                  stderr);
        return TCO_EUSAGE;
    }
    if (ranks > 1 && !packable) {
        if (rank == 0)
            fputs("tcosim: internal error: an analysis cannot be packed for MPI; run it "
                  "without mpirun\n",
                  stderr);
        return TCO_ESOFTWARE;
    }
    int level = MPI_THREAD_SINGLE;
    MPI_Query_thread(&level);
    if (ranks > 1 && level < MPI_THREAD_FUNNELED) {
        if (rank == 0)
            fputs("tcosim: MPI: expected threads (MPI_THREAD_FUNNELED), got an MPI library "
                  "without them (build tcosim against Open MPI or MPICH with threads); no "
                  "output written\n",
                  stderr);
        return TCO_EUNAVAILABLE;
    }
    const atomic_int *cancel = n ? jobs[0].cfg.cancel : NULL;
    if (rank != 0) {
        outbox box;
        outbox_init(&box, 2 * CHUNK_BLOCKS_PER_THREAD * (size_t)max_threads + 1);
        const sender_work w = {&box, p, jobs, n, rank, ranks, max_threads};
        const tco_status st = send_jobs(&w, cancel);
        if (st == TCO_OK) /* interrupted, the buffers may still be MPI's: the run is ending */
            outbox_fini(&box);
        return st;
    }
    receiver r = {NULL, 0, 0, cancel, tco_xcalloc((size_t)ranks, sizeof *r.taken),
                  tco_xcalloc((size_t)ranks, sizeof *r.wanted)};
    unsigned long deal = 0; /* chunks dealt so far, over the batch */
    tco_status st = TCO_OK;
    for (size_t i = 0; i < n && st == TCO_OK; i++) {
        tco_engine *e = tco_engine_begin(jobs[i].scenario, p, &jobs[i].cfg, &results[i]);
        const unsigned long nb = tco_engine_n_blocks(e), cb = chunk_blocks(nb, ranks, max_threads);
        st = merge_scenario(&r, e, deal, ranks, max_threads);
        deal += (nb + cb - 1) / cb;
        const tco_status ended = tco_engine_end(e);
        if (st == TCO_OK)
            st = ended;
        ++*n_done;
    }
    free(r.buf);
    free(r.taken);
    free(r.wanted);
    return st;
}

tco_status tco_cluster_finish(tco_status st)
{
    /* the other ranks may be gone or going (mpirun ends the job): no collective, no
     * MPI_Finalize, which would wait for them */
    if (st == TCO_EINTERRUPTED) {
        /* mpirun ends a job with SIGTERM to every rank, then SIGKILL to those left as soon as
         * the first has exited (seen with strace, Open MPI 4.1: 10 ms later): the others wait
         * here, so that rank 0 has the time to say its line and to be the first out. Bounded:
         * a rank stopped alone (a signal to it, not to mpirun) still ends, and its exit then
         * ends the job. */
        if (my_rank() != 0) {
            struct timespec left = {LINGER_S, 0};
            while (nanosleep(&left, &left) != 0 && errno == EINTR)
                continue;
        }
        return st;
    }
    /* A rank that failed before the simulation meets the others' PHASE_SIMULATE collective
     * here (they then fail too, and come here): it repeats until every rank is here. */
    while (!agree(PHASE_FINISH, 0, 0, NULL))
        continue;
    int status = (int)st;
    MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD); /* every rank exits with rank 0's */
    MPI_Finalize();
    return (tco_status)status;
}
