// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-lmbench: Cordon's own LMBench-style operating-system
 * microbenchmarks, written for the Cordon guest (static busybox initramfs,
 * Linux 6.1, x86_64, QEMU TCG) and runnable on any Linux host.
 *
 * This is an independent implementation: it follows the *methods* of the
 * LMBench 3 tests named below (and prints results in the line formats LMBench
 * users know), but contains no LMBench code.
 *
 * Measurement method (all tests, as LMBench's benchmp does): an operation is
 * run once to warm up, then the number of operations per sample n is
 * calibrated until one sample lasts at least --seconds (default 0.05 s,
 * --quick 0.005 s); then --iterations samples (default 11, --quick 3) of n
 * operations are timed with clock_gettime(CLOCK_MONOTONIC) and the MEDIAN
 * per-operation time is reported. Tests that need untimed set-up inside a
 * sample (page faults, file create/delete) time only the measured part.
 * Syscall-class tests also report the median TSC ticks per operation; under
 * QEMU TCG the TSC is virtual (QEMU derives it from the host clock), so the
 * line is labelled "TCG-virtual TSC".
 *
 * Tests (name: method; LMBench counterpart; what it measures):
 *
 *   null        getppid() in a loop; lat_syscall null: kernel entry/exit
 *               ("Simple syscall").
 *   read        read() of 1 byte from /dev/zero; lat_syscall read.
 *   write       write() of 1 byte to /dev/null; lat_syscall write.
 *   stat        stat() of a file in --dir; lat_syscall stat (path walk).
 *   fstat       fstat() of an open file; lat_syscall fstat.
 *   openclose   open(O_RDONLY)+close() of a file in --dir; lat_syscall open.
 *   sig_install sigaction() installing a SIGUSR1 handler; lat_sig install.
 *   sig_catch   kill(getpid(), SIGUSR1) with a handler that counts; the
 *               signal is delivered before kill() returns; lat_sig catch
 *               (signal generation + delivery + sigreturn).
 *   pipe_lat    round trip of a 4-byte token between two processes over two
 *               pipes; lat_pipe ("Pipe latency", one round trip).
 *   unix_lat    the same over an AF_UNIX SOCK_STREAM socketpair; lat_unix
 *               ("AF_UNIX sock stream latency").
 *   ctx_2p_0k   lat_ctx method: N processes in a ring connected by pipes pass
 *   ctx_16p_64k a token; each process, on receiving it, sums its private
 *               working set (0 KiB resp. 64 KiB) and passes it on. Time per
 *               hop minus the overhead "ovr" = the same pipe write+read and
 *               working-set sum done by one process with no switch (LMBench
 *               subtracts the same overhead). Printed as LMBench does:
 *               '"size=0k ovr=X' then 'N T'.
 *   fork_exit   fork(); the child _exit(0)s; the parent waitpid()s; lat_proc
 *               fork ("Process fork+exit").
 *   fork_exec   fork() + execve() of this program with --exit-now, which
 *               exits at once; lat_proc exec ("Process fork+execve").
 *   fork_sh     fork() + execve("/bin/sh", "-c", "exit 0") (busybox sh in the
 *               guest); lat_proc shell ("Process fork+/bin/sh -c").
 *   fs          lat_fs 0k: create 0-byte files (open O_CREAT|O_EXCL +
 *               close) in a scratch directory under --dir, in batches of at
 *               most 1000, then unlink() them; creates and deletes are timed
 *               separately and reported per file in microseconds as two
 *               results, fs_create and fs_delete (plus LMBench's
 *               '0k <files> <creates/s> <deletes/s>' line).
 *   mmap_1m     mmap() of a 1 MiB file (MAP_SHARED, read/write), a write to
 *               one byte every 16 KiB, munmap(); in the manner of lat_mmap
 *               (mapping set-up, faults and tear-down together).
 *   pf_file     per page: read one byte of each page of a freshly mapped
 *               (MAP_SHARED, PROT_READ) file of --mem-mb MiB whose pages are in
 *               the page cache; mmap/munmap are untimed; lat_pagefault.
 *               Linux maps up to 16 neighbouring cached pages per read fault
 *               ("fault-around"), so this is a cost per page touched.
 *   pf_file_wr  as pf_file but writing one byte per page of a MAP_SHARED
 *               read/write mapping: write faults are not faulted around, so
 *               on the guest's tmpfs (Linux 6.1, small folios) this is one
 *               minor fault per page. Kernels that cache files in large
 *               folios (e.g. ext4 on Linux 6.18) may map a whole folio per
 *               fault, so again read it as a cost per page touched.
 *   pf_anon     per page: write one byte of each page of a fresh anonymous
 *               private mapping (MADV_NOHUGEPAGE): one fault + zeroed page
 *               allocation per page.
 *   pipe_bw     a child writes 64 KiB chunks into a pipe, the parent reads;
 *               bw_pipe ("Pipe bandwidth", MB/sec, MB = 10^6 bytes as in
 *               LMBench).
 *   unix_bw     the same over an AF_UNIX stream socketpair; bw_unix.
 *   mem_rd      bw_mem rd: sum the 64-bit words of a --mem-mb MiB buffer.
 *   mem_wr      bw_mem wr: store a 64-bit word to every word of the buffer.
 *   mem_cp      bw_mem cp: word-by-word copy loop between two buffers
 *               (bytes copied per second; compiler may not turn it into
 *               memcpy).
 *   mem_bcopy   bw_mem bcopy: libc memcpy() between two buffers.
 *
 * CPU pinning: by default (--pin ipc) the multi-process IPC tests (pipe_lat,
 * unix_lat, ctx_*, pipe_bw, unix_bw) run pinned to CPU 0, so that every hand-
 * over is a context switch on one CPU. pipe_lat_unpinned, unix_lat_unpinned
 * and ctx_2p_0k_unpinned are the same latencies never pinned, side by side. Unpinned, on 2 CPUs, a round trip
 * becomes a cross-CPU wake-up whose cost depends on whether the other
 * (virtual) CPU was idle-halted: on the development VM pipe latency
 * alternated between 2 and 60+ microseconds from sample to sample. LMBench
 * runs unpinned unless LMBENCH_SCHED is set; --pin none gives that.
 *
 * Output: the LMBench-style human line(s), and one machine line per result:
 *   BENCH cordon-lmbench <test> <value> <unit>
 * units: us (microseconds per operation), MB/s, tsc-ticks (per operation,
 * name suffixed _tsc), and for context switches the overhead <test>_ovr (us).
 * A failing test prints 'BENCH-FAIL cordon-lmbench <test> errno=<n> <what>'
 * and a message on stderr; the remaining tests still run and the program
 * exits with status 1.
 *
 * Run time (measured on the 2-vCPU development VM, see benchmarks/README.md):
 * --quick about 0.7 s natively; the default full run about 19 s natively
 * (26 tests of about 0.7 s each). Since samples are time-calibrated, wall
 * time under QEMU TCG grows far less than the 50-200x slow-down of the
 * operations themselves (only warm-up, set-up and the minimum of one
 * operation per sample scale with it): estimated 15-60 s for --quick and
 * 1-3 min for the full run.
 */
#include "bench.h"

#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

static const char lm_usage[] =
	"usage: cordon-lmbench [options]\n"
	"  --quick           every test very briefly (sanity run)\n"
	"  --only A[,B...]   run only these tests (a name also selects NAME_*)\n"
	"  --list            list the tests and exit\n"
	"  --iterations N    timed samples per test; the median is reported\n"
	"                    (default 11, --quick 3)\n"
	"  --seconds S       minimum duration of one sample (default 0.05,\n"
	"                    --quick 0.005)\n"
	"  --dir D           directory for scratch files (default /tmp)\n"
	"  --mem-mb M        buffer size for mem_* and pf_* (default 8, --quick 1)\n"
	"  --pin none|ipc|all  pin to CPU 0: nothing (LMBench's default), the\n"
	"                    multi-process IPC tests (default), or the whole run\n"
	"  --verbose         per-test sample details and durations\n"
	"  --timeout S       per-test watchdog, 0 = off (default 900)\n";

static size_t lm_mem_mb;

#define LM_MAX_ITER 1000

/* ------------------------------------------------------- timing engine */

struct lm_timing {
	int self;		/* the operation timed itself */
	uint64_t ns, tsc, t0, c0;
};

static void lm_start(struct lm_timing *t)
{
	t->self = 1;
	t->c0 = bench_tsc();
	t->t0 = bench_now_ns();
}

static void lm_stop(struct lm_timing *t)
{
	uint64_t now = bench_now_ns(), c = bench_tsc();

	t->ns += now - t->t0;
	t->tsc += c - t->c0;
}

/* Perform n operations; return 0, or -1 after bench_fail(). */
typedef int (*lm_op)(void *arg, uint64_t n, struct lm_timing *t);

struct lm_result {
	double ns;	/* median ns per operation */
	double tsc;	/* median TSC ticks per operation */
	uint64_t n;	/* operations per sample */
};

static int lm_sample(lm_op op, void *arg, uint64_t n, uint64_t *ns, uint64_t *tsc)
{
	struct lm_timing t = { 0 };
	uint64_t t0, c0, t1, c1;

	c0 = bench_tsc();
	t0 = bench_now_ns();
	if (op(arg, n, &t))
		return -1;
	t1 = bench_now_ns();
	c1 = bench_tsc();
	*ns = t.self ? t.ns : t1 - t0;
	*tsc = t.self ? t.tsc : c1 - c0;
	return 0;
}

static int lm_measure(lm_op op, void *arg, struct lm_result *r)
{
	static double per[LM_MAX_ITER], tper[LM_MAX_ITER];
	uint64_t target = (uint64_t)(bcfg.seconds * 1e9), n = 1, ns, tsc;
	int i;

	if (lm_sample(op, arg, 1, &ns, &tsc))	/* warm-up */
		return -1;
	for (;;) {
		if (lm_sample(op, arg, n, &ns, &tsc))
			return -1;
		if (ns >= target || n >= (1ull << 40))
			break;
		if (ns < target / 64)
			n *= 16;
		else
			n = (uint64_t)((double)n * 1.1 * (double)target / (double)ns) + 1;
	}
	for (i = 0; i < bcfg.iterations; i++) {
		if (lm_sample(op, arg, n, &ns, &tsc))
			return -1;
		per[i] = (double)ns / (double)n;
		tper[i] = (double)tsc / (double)n;
	}
	r->ns = bench_median(per, bcfg.iterations);
	r->tsc = bench_median(tper, bcfg.iterations);
	r->n = n;
	if (bcfg.verbose)
		printf("  [%s: %llu ops/sample, %d samples, min %.4f us, max %.4f us]\n",
		       bench_cur, (unsigned long long)n, bcfg.iterations,
		       per[0] / 1e3, per[bcfg.iterations - 1] / 1e3);
	return 0;
}

/* "<label>: X microseconds" plus BENCH lines; tsc: also the TSC line. */
static void lm_report_lat(const char *label, const struct lm_result *r, int tsc)
{
	char name[96];

	printf("%s: %.4f microseconds\n", label, r->ns / 1e3);
	bench_emit(bench_cur, r->ns / 1e3, "us");
	if (tsc && r->tsc > 0) {
		printf("  TSC: %.1f ticks per operation (TCG-virtual TSC under QEMU TCG)\n",
		       r->tsc);
		snprintf(name, sizeof(name), "%s_tsc", bench_cur);
		bench_emit(name, r->tsc, "tsc-ticks");
	}
}

/* "<label>: X MB/sec" (MB = 10^6 bytes) for 'bytes' per operation. */
static void lm_report_bw(const char *label, double bytes, const struct lm_result *r)
{
	double mbs = bytes / (r->ns / 1e9) / 1e6;

	printf("%s: %.2f MB/sec\n", label, mbs);
	bench_emit(bench_cur, mbs, "MB/s");
}

/* Set while an *_unpinned test runs: its processes go where they will. */
static int lm_unpinned;

/* --pin ipc: pin this process (and the children it forks) to CPU 0. */
static int lm_pin(cpu_set_t *saved, int *pinned)
{
	*pinned = 0;
	if (bcfg.pin != BENCH_PIN_IPC || lm_unpinned)
		return 0;
	if (bench_pin_cpu0(saved))
		return bench_sysfail("sched_setaffinity(CPU 0)");
	*pinned = 1;
	return 0;
}

/* ------------------------------------------------------- syscall tests */

static int op_null(void *arg, uint64_t n, struct lm_timing *t)
{
	(void)arg;
	(void)t;
	while (n--)
		syscall(SYS_getppid);
	return 0;
}

static int t_null(void)
{
	struct lm_result r;

	if (lm_measure(op_null, NULL, &r))
		return -1;
	lm_report_lat("Simple syscall", &r, 1);
	return 0;
}

static int op_read1(void *arg, uint64_t n, struct lm_timing *t)
{
	int fd = *(int *)arg;
	char c;

	(void)t;
	while (n--)
		if (read(fd, &c, 1) != 1)
			return bench_sysfail("read(/dev/zero, 1)");
	return 0;
}

static int op_write1(void *arg, uint64_t n, struct lm_timing *t)
{
	int fd = *(int *)arg;
	char c = 0;

	(void)t;
	while (n--)
		if (write(fd, &c, 1) != 1)
			return bench_sysfail("write(/dev/null, 1)");
	return 0;
}

static int lm_rw_test(const char *dev, int flags, lm_op op, const char *label)
{
	struct lm_result r;
	int fd, ret;

	fd = open(dev, flags);
	if (fd < 0)
		return bench_sysfail("open(%s)", dev);
	ret = lm_measure(op, &fd, &r);
	close(fd);
	if (ret)
		return -1;
	lm_report_lat(label, &r, 1);
	return 0;
}

static int t_read(void)
{
	return lm_rw_test("/dev/zero", O_RDONLY, op_read1, "Simple read");
}

static int t_write(void)
{
	return lm_rw_test("/dev/null", O_WRONLY, op_write1, "Simple write");
}

/* A scratch file <dir>/cordon-lm.<pid>.<tag> of 'size' bytes. */
static int lm_make_file(char *path, size_t len, const char *tag, size_t size)
{
	static char chunk[65536];
	size_t done = 0;
	int fd;

	snprintf(path, len, "%s/cordon-lm.%d.%s", bcfg.dir, (int)getpid(), tag);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return bench_sysfail("create %s (use --dir?)", path);
	memset(chunk, 0x5a, sizeof(chunk));
	while (done < size) {
		size_t k = size - done < sizeof(chunk) ? size - done : sizeof(chunk);

		if (bench_writen(fd, chunk, k)) {
			bench_sysfail("write %s", path);
			close(fd);
			unlink(path);
			return -1;
		}
		done += k;
	}
	return fd;
}

static int op_stat(void *arg, uint64_t n, struct lm_timing *t)
{
	struct stat st;

	(void)t;
	while (n--)
		if (stat((const char *)arg, &st))
			return bench_sysfail("stat(%s)", (const char *)arg);
	return 0;
}

static int op_fstat(void *arg, uint64_t n, struct lm_timing *t)
{
	struct stat st;
	int fd = *(int *)arg;

	(void)t;
	while (n--)
		if (fstat(fd, &st))
			return bench_sysfail("fstat");
	return 0;
}

static int op_openclose(void *arg, uint64_t n, struct lm_timing *t)
{
	int fd;

	(void)t;
	while (n--) {
		fd = open((const char *)arg, O_RDONLY);
		if (fd < 0)
			return bench_sysfail("open(%s)", (const char *)arg);
		if (close(fd))
			return bench_sysfail("close");
	}
	return 0;
}

static int lm_file_test(int which)
{
	char path[PATH_MAX];
	struct lm_result r;
	int fd, ret;

	fd = lm_make_file(path, sizeof(path), "file", 0);
	if (fd < 0)
		return -1;
	if (which == 0)
		ret = lm_measure(op_stat, path, &r);
	else if (which == 1)
		ret = lm_measure(op_fstat, &fd, &r);
	else
		ret = lm_measure(op_openclose, path, &r);
	close(fd);
	unlink(path);
	if (ret)
		return -1;
	lm_report_lat(which == 0 ? "Simple stat" : which == 1 ? "Simple fstat" :
		      "Simple open/close", &r, 1);
	return 0;
}

static int t_stat(void)
{
	return lm_file_test(0);
}

static int t_fstat(void)
{
	return lm_file_test(1);
}

static int t_openclose(void)
{
	return lm_file_test(2);
}

/* --------------------------------------------------------------- signals */

static volatile sig_atomic_t lm_sig_count;

static void lm_on_sig(int sig)
{
	(void)sig;
	lm_sig_count++;
}

static int op_sig_install(void *arg, uint64_t n, struct lm_timing *t)
{
	struct sigaction sa, old;

	(void)arg;
	(void)t;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = lm_on_sig;
	sigemptyset(&sa.sa_mask);
	while (n--)
		if (sigaction(SIGUSR1, &sa, &old))
			return bench_sysfail("sigaction(SIGUSR1)");
	return 0;
}

static int op_sig_catch(void *arg, uint64_t n, struct lm_timing *t)
{
	pid_t me = getpid();
	sig_atomic_t before = lm_sig_count;
	uint64_t i;

	(void)arg;
	(void)t;
	for (i = 0; i < n; i++)
		if (kill(me, SIGUSR1))
			return bench_sysfail("kill(self, SIGUSR1)");
	if ((uint64_t)(sig_atomic_t)(lm_sig_count - before) != (uint64_t)(sig_atomic_t)n)
		return bench_fail(0, "handler ran %d times for %llu signals",
				  (int)(lm_sig_count - before), (unsigned long long)n);
	return 0;
}

static int lm_sig_test(int catch)
{
	struct sigaction sa, old;
	struct lm_result r;
	int ret;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = lm_on_sig;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, &old))
		return bench_sysfail("sigaction(SIGUSR1)");
	ret = lm_measure(catch ? op_sig_catch : op_sig_install, NULL, &r);
	sigaction(SIGUSR1, &old, NULL);
	if (ret)
		return -1;
	lm_report_lat(catch ? "Signal handler overhead" : "Signal handler installation",
		      &r, 1);
	return 0;
}

static int t_sig_install(void)
{
	return lm_sig_test(0);
}

static int t_sig_catch(void)
{
	return lm_sig_test(1);
}

/* ------------------------------------------- pipe / AF_UNIX round trips */

struct lm_echo {
	int wfd, rfd;	/* parent's ends */
};

static int op_echo(void *arg, uint64_t n, struct lm_timing *t)
{
	struct lm_echo *e = arg;
	uint32_t tok = 0, back;

	(void)t;
	while (n--) {
		tok++;
		if (bench_writen(e->wfd, &tok, sizeof(tok)))
			return bench_sysfail("write token");
		if (bench_readn(e->rfd, &back, sizeof(back)))
			return bench_sysfail("read token");
		if (back != tok)
			return bench_fail(0, "token %u came back as %u", tok, back);
	}
	return 0;
}

/* Child side: echo 4-byte tokens from rfd to wfd until EOF. */
static void __attribute__((noreturn)) lm_echo_child(int rfd, int wfd)
{
	uint32_t tok;
	ssize_t r;

	for (;;) {
		r = read(rfd, &tok, sizeof(tok));
		if (r == 0)
			_exit(0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof(tok))
			bench_child_die("read token");
		if (bench_writen(wfd, &tok, sizeof(tok)))
			bench_child_die("write token");
	}
}

static int lm_echo_run(int unix_sock, struct lm_result *rp);

static int lm_echo_test(int unix_sock)
{
	struct lm_result r;
	int ret, pinned;
	cpu_set_t saved;

	if (lm_pin(&saved, &pinned))
		return -1;
	ret = lm_echo_run(unix_sock, &r);
	if (pinned)
		bench_unpin(&saved);
	if (ret)
		return -1;
	lm_report_lat(unix_sock ? "AF_UNIX sock stream latency" : "Pipe latency", &r, 0);
	return 0;
}

static int lm_echo_run(int unix_sock, struct lm_result *rp)
{
	struct bench_peer peer;
	struct lm_echo e;
	int ret;

	if (bench_peer_start(&peer, unix_sock, lm_echo_child))
		return -1;
	e.wfd = peer.wfd;
	e.rfd = peer.rfd;
	ret = lm_measure(op_echo, &e, rp);
	if (bench_peer_stop(&peer, "echo child") || ret)
		return -1;
	return 0;
}

static int t_pipe_lat(void)
{
	return lm_echo_test(0);
}

static int t_unix_lat(void)
{
	return lm_echo_test(1);
}

/* ------------------------------------------------------ context switch */

#define CTX_MAX 64
static volatile uint64_t lm_sink;

static uint64_t __attribute__((noinline)) lm_sum_ws(const uint64_t *ws, size_t words)
{
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < words; i++)
		s += ws[i];
	return s;
}

static uint64_t *lm_alloc_ws(size_t bytes)
{
	uint64_t *ws;

	if (!bytes)
		bytes = sizeof(uint64_t);
	ws = malloc(bytes);
	if (ws)
		memset(ws, 1, bytes);
	return ws;
}

struct lm_ring {
	int nprocs;
	size_t words;
	uint64_t *ws;
	int rfd, wfd;			/* ring: parent's ends */
	int ovr_r[CTX_MAX], ovr_w[CTX_MAX];	/* overhead: private pipes */
};

/* One op = one trip of the token around the ring (nprocs switches). */
static int op_ring(void *arg, uint64_t n, struct lm_timing *t)
{
	struct lm_ring *g = arg;
	uint32_t tok = 0;

	(void)t;
	while (n--) {
		if (bench_writen(g->wfd, &tok, sizeof(tok)))
			return bench_sysfail("ring write");
		if (g->words)
			lm_sink += lm_sum_ws(g->ws, g->words);
		if (bench_readn(g->rfd, &tok, sizeof(tok)))
			return bench_sysfail("ring read");
	}
	return 0;
}

/* One op = one hop without a switch: pipe write + read + working-set sum. */
static int op_ring_ovr(void *arg, uint64_t n, struct lm_timing *t)
{
	struct lm_ring *g = arg;
	uint32_t tok = 0;
	int i = 0;

	(void)t;
	while (n--) {
		if (bench_writen(g->ovr_w[i], &tok, sizeof(tok)) ||
		    bench_readn(g->ovr_r[i], &tok, sizeof(tok)))
			return bench_sysfail("overhead pipe write/read");
		if (g->words)
			lm_sink += lm_sum_ws(g->ws, g->words);
		if (++i == g->nprocs)
			i = 0;
	}
	return 0;
}

static void __attribute__((noreturn)) lm_ring_child(int rfd, int wfd, size_t words)
{
	uint64_t *ws = lm_alloc_ws(words * sizeof(uint64_t));
	uint32_t tok;
	ssize_t r;

	if (!ws)
		bench_child_die("malloc working set");
	for (;;) {
		r = read(rfd, &tok, sizeof(tok));
		if (r == 0)
			_exit(0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof(tok))
			bench_child_die("ring read");
		if (words)
			lm_sink += lm_sum_ws(ws, words);
		if (bench_writen(wfd, &tok, sizeof(tok)))
			bench_child_die("ring write");
	}
}

static int lm_ctx_test(int nprocs, size_t kb)
{
	int p[CTX_MAX][2], i, j, ret = -1, status, pinned = 0, npipes = 0, novr = 0;
	pid_t pids[CTX_MAX];
	struct lm_ring g;
	struct lm_result rr, ro;
	cpu_set_t saved;
	char name[96];
	double ctx;

	memset(&g, 0, sizeof(g));
	g.nprocs = nprocs;
	g.words = kb * 1024 / sizeof(uint64_t);
	for (i = 0; i < nprocs; i++)
		pids[i] = 0;
	if (lm_pin(&saved, &pinned))
		return -1;
	g.ws = lm_alloc_ws(kb * 1024);
	if (!g.ws) {
		bench_sysfail("malloc working set");
		goto out;
	}
	/* overhead: the same work without switching */
	for (novr = 0; novr < nprocs; novr++) {
		int q[2];

		if (pipe(q)) {
			bench_sysfail("pipe");
			goto out;
		}
		g.ovr_r[novr] = q[0];
		g.ovr_w[novr] = q[1];
	}
	if (lm_measure(op_ring_ovr, &g, &ro))
		goto out;
	/* process i reads p[i] and writes p[(i + 1) % nprocs]; we are process 0 */
	for (npipes = 0; npipes < nprocs; npipes++)
		if (pipe(p[npipes])) {
			bench_sysfail("pipe");
			goto out;
		}
	for (i = 1; i < nprocs; i++) {
		pids[i] = bench_fork(1);
		if (pids[i] < 0) {
			bench_sysfail("fork ring process %d", i);
			goto out;
		}
		if (pids[i] == 0) {
			int rfd = p[i][0], wfd = p[(i + 1) % nprocs][1];

			for (j = 0; j < nprocs; j++) {
				if (p[j][0] != rfd)
					close(p[j][0]);
				if (p[j][1] != wfd)
					close(p[j][1]);
				close(g.ovr_r[j]);
				close(g.ovr_w[j]);
			}
			free(g.ws);
			lm_ring_child(rfd, wfd, g.words);
		}
	}
	g.rfd = p[0][0];
	g.wfd = p[1 % nprocs][1];
	for (j = 0; j < nprocs; j++) {	/* keep only our two ends */
		if (p[j][0] != g.rfd)
			close(p[j][0]);
		if (p[j][1] != g.wfd)
			close(p[j][1]);
	}
	npipes = 0;
	ret = lm_measure(op_ring, &g, &rr);
	close(g.wfd);		/* EOF travels around the ring */
	close(g.rfd);
	for (i = 1; i < nprocs; i++) {
		if (bench_wait(pids[i], &status)) {
			ret = bench_sysfail("waitpid");
		} else if (bench_check_status(status, "ring process")) {
			ret = -1;
		}
		pids[i] = 0;
	}
	if (ret)
		goto out;
	ctx = rr.ns / nprocs / 1e3 - ro.ns / 1e3;
	printf("\n\"size=%zuk ovr=%.2f\n%d %.2f\n", kb, ro.ns / 1e3, nprocs, ctx);
	bench_emit(bench_cur, ctx, "us");
	snprintf(name, sizeof(name), "%s_ovr", bench_cur);
	bench_emit(name, ro.ns / 1e3, "us");
out:
	for (i = 0; i < npipes; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	for (i = 0; i < novr; i++) {
		close(g.ovr_r[i]);
		close(g.ovr_w[i]);
	}
	free(g.ws);
	if (pinned)
		bench_unpin(&saved);
	return ret;
}

static int t_ctx_2p_0k(void)
{
	return lm_ctx_test(2, 0);
}

/*
 * The same latencies unpinned: every hand-over may be a wake-up on the
 * other CPU (an IPI), where a view mechanism would cost most.
 */
static int lm_run_unpinned(int (*test)(void))
{
	int ret;

	lm_unpinned = 1;
	ret = test();
	lm_unpinned = 0;
	return ret;
}

static int t_pipe_lat_unpinned(void)
{
	return lm_run_unpinned(t_pipe_lat);
}

static int t_unix_lat_unpinned(void)
{
	return lm_run_unpinned(t_unix_lat);
}

static int t_ctx_2p_0k_unpinned(void)
{
	return lm_run_unpinned(t_ctx_2p_0k);
}

static int t_ctx_16p_64k(void)
{
	return lm_ctx_test(16, 64);
}

/* ------------------------------------------------------------ processes */

static int op_proc(void *arg, uint64_t n, struct lm_timing *t)
{
	int kind = *(int *)arg, status;
	pid_t pid;

	(void)t;
	while (n--) {
		pid = bench_fork(0);
		if (pid < 0)
			return bench_sysfail("fork");
		if (pid == 0) {
			if (kind == 1) {
				execl(bcfg.self, "cordon-lmbench", "--exit-now", (char *)NULL);
				_exit(127);
			} else if (kind == 2) {
				execl("/bin/sh", "sh", "-c", "exit 0", (char *)NULL);
				_exit(127);
			}
			_exit(0);
		}
		if (bench_wait(pid, &status))
			return bench_sysfail("waitpid");
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			return bench_fail(ENOEXEC, "child could not exec %s",
					  kind == 1 ? bcfg.self : "/bin/sh");
		if (bench_check_status(status, "child"))
			return -1;
	}
	return 0;
}

static int lm_proc_test(int kind)
{
	static const char *const label[] = {
		"Process fork+exit", "Process fork+execve", "Process fork+/bin/sh -c"
	};
	struct lm_result r;

	if (lm_measure(op_proc, &kind, &r))
		return -1;
	lm_report_lat(label[kind], &r, 0);
	return 0;
}

static int t_fork_exit(void)
{
	return lm_proc_test(0);
}

static int t_fork_exec(void)
{
	return lm_proc_test(1);
}

static int t_fork_sh(void)
{
	return lm_proc_test(2);
}

/* -------------------------------------------------- file create / delete */

#define FS_BATCH 1000

/*
 * Create n files (batches of at most FS_BATCH, each batch deleted again)
 * and add the time of the creates and of the deletes to cns and dns.
 */
static int lm_fs_round(const char *dir, uint64_t n, uint64_t *cns, uint64_t *dns)
{
	char path[PATH_MAX + 32];
	uint64_t i, k, t0, t1, t2;
	int fd;

	while (n) {
		k = n < FS_BATCH ? n : FS_BATCH;
		t0 = bench_now_ns();
		for (i = 0; i < k; i++) {
			snprintf(path, sizeof(path), "%s/f%llu", dir, (unsigned long long)i);
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
			if (fd < 0 || close(fd))
				return bench_sysfail("create %s", path);
		}
		t1 = bench_now_ns();
		for (i = 0; i < k; i++) {
			snprintf(path, sizeof(path), "%s/f%llu", dir, (unsigned long long)i);
			if (unlink(path))
				return bench_sysfail("unlink %s", path);
		}
		t2 = bench_now_ns();
		*cns += t1 - t0;
		*dns += t2 - t1;
		n -= k;
	}
	return 0;
}

/*
 * lat_fs-style: one loop creates and deletes; it is calibrated on the sum,
 * and the medians of the per-file create and delete times are reported
 * separately (fs_create, fs_delete).
 */
static int lm_fs_measure(const char *dir, double *create_ns, double *delete_ns)
{
	static double cv[LM_MAX_ITER], dv[LM_MAX_ITER];
	uint64_t target = (uint64_t)(bcfg.seconds * 1e9), n = 1, c, d;
	int i;

	c = d = 0;
	if (lm_fs_round(dir, 1, &c, &d))	/* warm-up */
		return -1;
	for (;;) {
		c = d = 0;
		if (lm_fs_round(dir, n, &c, &d))
			return -1;
		if (c + d >= target || n >= (1ull << 40))
			break;
		if (c + d < target / 64)
			n *= 16;
		else
			n = (uint64_t)((double)n * 1.1 * (double)target / (double)(c + d)) + 1;
	}
	for (i = 0; i < bcfg.iterations; i++) {
		c = d = 0;
		if (lm_fs_round(dir, n, &c, &d))
			return -1;
		cv[i] = (double)c / (double)n;
		dv[i] = (double)d / (double)n;
	}
	*create_ns = bench_median(cv, bcfg.iterations);
	*delete_ns = bench_median(dv, bcfg.iterations);
	if (bcfg.verbose)
		printf("  [fs: %llu files/sample, %d samples]\n", (unsigned long long)n,
		       bcfg.iterations);
	return 0;
}

static int t_fs(void)
{
	char dir[PATH_MAX], tmp[PATH_MAX + 32];
	double c, d;
	int ret, i;

	if (bench_mkscratch(dir, sizeof(dir), "cordon-lm-fs"))
		return bench_sysfail("mkdir %s (use --dir?)", dir);
	ret = lm_fs_measure(dir, &c, &d);
	if (ret)	/* leave nothing behind */
		for (i = 0; i < FS_BATCH; i++) {
			snprintf(tmp, sizeof(tmp), "%s/f%d", dir, i);
			unlink(tmp);
		}
	rmdir(dir);
	if (ret)
		return -1;
	printf("0k\t%d\t%.0f\t%.0f\n", FS_BATCH, 1e9 / c, 1e9 / d);
	printf("File create (0k): %.4f microseconds per file\n", c / 1e3);
	bench_emit("fs_create", c / 1e3, "us");
	printf("File delete (0k): %.4f microseconds per file\n", d / 1e3);
	bench_emit("fs_delete", d / 1e3, "us");
	return 0;
}

/* ------------------------------------------------- mmap and page faults */

#define LM_PAGE 4096

struct lm_map {
	int fd;		/* -1: anonymous */
	size_t size;
	int write;
};

/* mmap + touch every 16 KiB + munmap of a 1 MiB file, all timed. */
static int op_mmap(void *arg, uint64_t n, struct lm_timing *t)
{
	struct lm_map *m = arg;
	volatile char *p;
	size_t off;

	(void)t;
	while (n--) {
		p = mmap(NULL, m->size, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, 0);
		if (p == MAP_FAILED)
			return bench_sysfail("mmap");
		for (off = 0; off < m->size; off += 16384)
			p[off] = 1;
		if (munmap((void *)p, m->size))
			return bench_sysfail("munmap");
	}
	return 0;
}

/* n = pages to touch; map fresh regions as needed; only touching is timed. */
static int op_pagefault(void *arg, uint64_t n, struct lm_timing *t)
{
	struct lm_map *m = arg;
	size_t pages = m->size / LM_PAGE, i, k;
	volatile char *p;
	int prot = m->write ? PROT_READ | PROT_WRITE : PROT_READ;
	uint64_t sum = 0;

	while (n) {
		k = n < pages ? n : pages;
		if (m->fd < 0)
			p = mmap(NULL, m->size, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		else
			p = mmap(NULL, m->size, prot, MAP_SHARED, m->fd, 0);
		if (p == MAP_FAILED)
			return bench_sysfail("mmap %zu bytes", m->size);
		if (m->fd < 0)
			madvise((void *)p, m->size, MADV_NOHUGEPAGE);
		lm_start(t);
		if (m->write)
			for (i = 0; i < k; i++)
				p[i * LM_PAGE] = 1;
		else
			for (i = 0; i < k; i++)
				sum += p[i * LM_PAGE];
		lm_stop(t);
		if (munmap((void *)p, m->size))
			return bench_sysfail("munmap");
		n -= k;
	}
	lm_sink += sum;
	return 0;
}

static int lm_map_test(int kind)
{
	char path[PATH_MAX], label[PATH_MAX + 64];
	struct lm_map m = { .fd = -1 };
	struct lm_result r;
	int ret;

	m.size = kind == 0 ? 1 << 20 : lm_mem_mb << 20;
	m.write = kind != 1;
	if (kind != 3) {
		m.fd = lm_make_file(path, sizeof(path), "map", m.size);
		if (m.fd < 0)
			return -1;
	}
	ret = lm_measure(kind == 0 ? op_mmap : op_pagefault, &m, &r);
	if (m.fd >= 0) {
		close(m.fd);
		unlink(path);
	}
	if (ret)
		return -1;
	if (kind == 0)
		snprintf(label, sizeof(label), "Mmap latency (1024 KB file, touch every 16 KB)");
	else if (kind == 3)
		snprintf(label, sizeof(label), "Pagefaults on anonymous memory (write)");
	else
		snprintf(label, sizeof(label), "Pagefaults on %s (%s)", path,
			 kind == 1 ? "read" : "write");
	lm_report_lat(label, &r, 0);
	return 0;
}

static int t_mmap(void)
{
	return lm_map_test(0);
}

static int t_pf_file(void)
{
	return lm_map_test(1);
}

static int t_pf_file_wr(void)
{
	return lm_map_test(2);
}

static int t_pf_anon(void)
{
	return lm_map_test(3);
}

/* ------------------------------------------------ pipe / AF_UNIX bandwidth */

#define BW_CHUNK 65536

static int op_bw_read(void *arg, uint64_t n, struct lm_timing *t)
{
	static char buf[BW_CHUNK];
	int fd = *(int *)arg;

	(void)t;
	while (n--)
		if (bench_readn(fd, buf, sizeof(buf)))
			return bench_sysfail("read");
	return 0;
}

static int lm_bw_run(int unix_sock, struct lm_result *rp);

static int lm_bw_test(int unix_sock)
{
	struct lm_result r;
	int ret, pinned;
	cpu_set_t saved;

	if (lm_pin(&saved, &pinned))
		return -1;
	ret = lm_bw_run(unix_sock, &r);
	if (pinned)
		bench_unpin(&saved);
	if (ret)
		return -1;
	lm_report_bw(unix_sock ? "AF_UNIX sock stream bandwidth" : "Pipe bandwidth",
		     BW_CHUNK, &r);
	return 0;
}

static int lm_bw_run(int unix_sock, struct lm_result *rp)
{
	static char buf[BW_CHUNK];
	int fds[2], status, ret;
	pid_t pid;

	if (unix_sock ? socketpair(AF_UNIX, SOCK_STREAM, 0, fds) : pipe(fds))
		return bench_sysfail(unix_sock ? "socketpair" : "pipe");
	pid = bench_fork(1);
	if (pid < 0)
		return bench_sysfail("fork");
	if (pid == 0) {	/* writer: until the reader goes away */
		signal(SIGPIPE, SIG_IGN);
		close(fds[0]);
		memset(buf, 'c', sizeof(buf));
		for (;;)
			if (bench_writen(fds[1], buf, sizeof(buf))) {
				if (errno == EPIPE || errno == ECONNRESET)
					_exit(0);
				bench_child_die("write");
			}
	}
	close(fds[1]);
	ret = lm_measure(op_bw_read, &fds[0], rp);
	close(fds[0]);
	if (bench_wait(pid, &status))
		return bench_sysfail("waitpid");
	if (ret || bench_check_status(status, "writer"))
		return -1;
	return 0;
}

static int t_pipe_bw(void)
{
	return lm_bw_test(0);
}

static int t_unix_bw(void)
{
	return lm_bw_test(1);
}

/* ------------------------------------------------------ memory bandwidth */

struct lm_mem {
	uint64_t *a, *b;
	size_t words;
	int kind;
};

/* Plain loops, kept as loops (not turned into memset/memcpy calls). */
#define LM_LOOP __attribute__((noinline, optimize("no-tree-loop-distribute-patterns")))

static uint64_t LM_LOOP lm_mem_rd(const uint64_t *p, size_t words)
{
	uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	size_t i;

	for (i = 0; i + 4 <= words; i += 4) {
		s0 += p[i];
		s1 += p[i + 1];
		s2 += p[i + 2];
		s3 += p[i + 3];
	}
	return s0 + s1 + s2 + s3;
}

static void LM_LOOP lm_mem_wr(uint64_t *p, size_t words, uint64_t v)
{
	size_t i;

	for (i = 0; i < words; i++)
		p[i] = v;
}

static void LM_LOOP lm_mem_cp(uint64_t *d, const uint64_t *s, size_t words)
{
	size_t i;

	for (i = 0; i < words; i++)
		d[i] = s[i];
}

static int op_mem(void *arg, uint64_t n, struct lm_timing *t)
{
	struct lm_mem *m = arg;

	(void)t;
	while (n--) {
		switch (m->kind) {
		case 0:
			lm_sink += lm_mem_rd(m->a, m->words);
			break;
		case 1:
			lm_mem_wr(m->a, m->words, n);
			break;
		case 2:
			lm_mem_cp(m->b, m->a, m->words);
			break;
		default:
			memcpy(m->b, m->a, m->words * sizeof(uint64_t));
			break;
		}
	}
	return 0;
}

static int lm_mem_test(int kind)
{
	static const char *const label[] = { "read", "write", "copy (word loop)",
					     "bcopy (libc memcpy)" };
	size_t bytes = lm_mem_mb << 20;
	struct lm_mem m = { .kind = kind, .words = bytes / sizeof(uint64_t) };
	struct lm_result r;
	char text[128];
	int ret;

	m.a = malloc(bytes);
	m.b = kind >= 2 ? malloc(bytes) : NULL;
	if (!m.a || (kind >= 2 && !m.b)) {
		free(m.a);
		return bench_fail(ENOMEM, "malloc %zu MiB (use --mem-mb)", lm_mem_mb);
	}
	memset(m.a, 3, bytes);
	if (m.b)
		memset(m.b, 4, bytes);
	ret = lm_measure(op_mem, &m, &r);
	free(m.a);
	free(m.b);
	if (ret)
		return -1;
	snprintf(text, sizeof(text), "Memory %s bandwidth (%zu MB buffer)",
		 label[kind], lm_mem_mb);
	lm_report_bw(text, (double)bytes, &r);
	return 0;
}

static int t_mem_rd(void)
{
	return lm_mem_test(0);
}

static int t_mem_wr(void)
{
	return lm_mem_test(1);
}

static int t_mem_cp(void)
{
	return lm_mem_test(2);
}

static int t_mem_bcopy(void)
{
	return lm_mem_test(3);
}

/* ------------------------------------------------------------------ main */

static const struct bench_test lm_tests[] = {
	{ "null", "getppid() latency (lat_syscall null)", t_null },
	{ "read", "read 1 byte from /dev/zero (lat_syscall read)", t_read },
	{ "write", "write 1 byte to /dev/null (lat_syscall write)", t_write },
	{ "stat", "stat() of a file in --dir (lat_syscall stat)", t_stat },
	{ "fstat", "fstat() of an open file (lat_syscall fstat)", t_fstat },
	{ "openclose", "open()+close() of a file in --dir (lat_syscall open)", t_openclose },
	{ "sig_install", "sigaction() install (lat_sig install)", t_sig_install },
	{ "sig_catch", "kill(self)+handler (lat_sig catch)", t_sig_catch },
	{ "pipe_lat", "pipe round trip, 2 processes (lat_pipe)", t_pipe_lat },
	{ "unix_lat", "AF_UNIX stream round trip (lat_unix)", t_unix_lat },
	{ "ctx_2p_0k", "context switch, 2 processes, 0 KiB (lat_ctx -s 0 2)", t_ctx_2p_0k },
	{ "pipe_lat_unpinned", "pipe_lat with the processes on any CPU", t_pipe_lat_unpinned },
	{ "unix_lat_unpinned", "unix_lat with the processes on any CPU", t_unix_lat_unpinned },
	{ "ctx_2p_0k_unpinned", "ctx_2p_0k with the processes on any CPU",
	  t_ctx_2p_0k_unpinned },
	{ "ctx_16p_64k", "context switch, 16 processes, 64 KiB (lat_ctx -s 64 16)",
	  t_ctx_16p_64k },
	{ "fork_exit", "fork+exit+wait (lat_proc fork)", t_fork_exit },
	{ "fork_exec", "fork+execve(self --exit-now)+wait (lat_proc exec)", t_fork_exec },
	{ "fork_sh", "fork+/bin/sh -c 'exit 0'+wait (lat_proc shell)", t_fork_sh },
	{ "fs", "create+delete 0 KiB files: fs_create, fs_delete (lat_fs 0k)", t_fs },
	{ "mmap_1m", "mmap+touch/16KiB+munmap of 1 MiB file (lat_mmap)", t_mmap },
	{ "pf_file", "page fault, shared file mapping, read (lat_pagefault)", t_pf_file },
	{ "pf_file_wr", "page fault, shared file mapping, write", t_pf_file_wr },
	{ "pf_anon", "page fault, anonymous memory, write", t_pf_anon },
	{ "pipe_bw", "pipe bandwidth, 64 KiB chunks (bw_pipe)", t_pipe_bw },
	{ "unix_bw", "AF_UNIX stream bandwidth, 64 KiB chunks (bw_unix)", t_unix_bw },
	{ "mem_rd", "memory read bandwidth (bw_mem rd)", t_mem_rd },
	{ "mem_wr", "memory write bandwidth (bw_mem wr)", t_mem_wr },
	{ "mem_cp", "memory copy bandwidth, word loop (bw_mem cp)", t_mem_cp },
	{ "mem_bcopy", "memory copy bandwidth, memcpy (bw_mem bcopy)", t_mem_bcopy },
};

#define LM_NTESTS ((int)(sizeof(lm_tests) / sizeof(lm_tests[0])))

static int lm_extra(int argc, char **argv, int i)
{
	char *end;
	long v;

	if (strcmp(argv[i], "--mem-mb"))
		return 0;
	if (i + 1 >= argc)
		return -1;
	v = strtol(argv[i + 1], &end, 10);
	if (*end || v < 1 || v > 4096)
		return -1;
	lm_mem_mb = (size_t)v;
	return 2;
}

int main(int argc, char **argv)
{
	uint64_t t0;
	int rc;

	/* re-executed by fork_exec: leave at once */
	if (argc > 1 && !strcmp(argv[1], "--exit-now"))
		_exit(0);

	bench_init("cordon-lmbench", argv[0]);
	bcfg.pin = BENCH_PIN_IPC;
	if (bench_parse(argc, argv, lm_usage, lm_extra))
		return 2;
	if (bcfg.list) {
		bench_list(lm_tests, LM_NTESTS);
		return 0;
	}
	if (bench_check_only(lm_tests, LM_NTESTS))
		return 2;
	if (!bcfg.iterations)
		bcfg.iterations = bcfg.quick ? 3 : 11;
	if (bcfg.seconds <= 0)
		bcfg.seconds = bcfg.quick ? 0.005 : 0.05;
	if (!lm_mem_mb)
		lm_mem_mb = bcfg.quick ? 1 : 8;

	printf("cordon-lmbench: %s mode, %d samples/test (median reported), "
	       ">= %.3f s/sample, dir %s, %zu MB buffers, pin %s\n",
	       bcfg.quick ? "quick" : "full", bcfg.iterations, bcfg.seconds,
	       bcfg.dir, lm_mem_mb,
	       bcfg.pin == BENCH_PIN_NONE ? "none" :
	       bcfg.pin == BENCH_PIN_IPC ? "ipc" : "all");
	t0 = bench_now_ns();
	rc = bench_run(lm_tests, LM_NTESTS);
	printf("cordon-lmbench: done in %.1f s, %d test(s) failed\n",
	       (double)(bench_now_ns() - t0) / 1e9, bench_nfail);
	return rc;
}
