// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-unixbench: Cordon's own UnixBench-style index benchmarks, written
 * for the Cordon guest (static busybox initramfs, Linux 6.1, x86_64, QEMU
 * TCG) and runnable on any Linux host. No libm: the floating-point functions
 * the Whetstone-like kernel needs are implemented below.
 *
 * This is an independent implementation of the *methods* of the BYTE
 * UnixBench 5.1 index tests; it contains no UnixBench code. Each test runs
 * for a fixed time and counts completed operations ("passes" of --seconds
 * each, default 2 s, --quick 0.2 s; --iterations passes, default 3, --quick
 * 1). As UnixBench's Run script does, the worst third of the passes
 * (int(passes / 3) lowest scores) is dropped and the geometric mean of the
 * rest is the test's score. Each index = 10 * score / baseline, and the
 * total index is the geometric mean of the indices (10 * exp(mean(log(score
 * / baseline)))). --unixbench-durations uses UnixBench's own durations and
 * pass counts instead (about 22 minutes natively).
 *
 * Baselines: the scores of UnixBench's reference system "George", a
 * SPARCstation 20-61, from UnixBench's pgms/index.base (byte-unixbench,
 * https://github.com/kdlucas/byte-unixbench, UnixBench/pgms/index.base):
 *   dhry2reg 116700 lps, whetstone-double 55.0 MWIPS, execl 43.0 lps,
 *   fstime (1024/2000) 3960 KBps, fsbuffer (256/500) 1655 KBps,
 *   fsdisk (4096/8000) 5800 KBps, pipe 12440 lps, context1 4000 lps,
 *   spawn 126 lps, shell1 42.4 lpm, shell8 6 lpm, syscall 15000 lps.
 *
 * Tests (name: method; UnixBench counterpart; what it measures):
 *
 *   dhrystone  an integer kernel in the spirit of Dhrystone 2 (record
 *              copies through pointers, string copy and compare, calls
 *              with reference parameters, enum switch, character tests,
 *              1-D/2-D array indexing, integer multiply/divide); loops per
 *              second; dhry2reg. It is Cordon's own kernel, NOT Dhrystone:
 *              its score and index are only comparable between runs of
 *              this program (e.g. with and without Cordon), not with
 *              published UnixBench results.
 *   whetstone  a double-precision kernel in the spirit of Whetstone: eight
 *              modules (array elements, array as parameter, conditional
 *              jumps, integer arithmetic, trigonometric functions,
 *              procedure calls, array references, standard functions
 *              sqrt/exp/log) with the classic relative trip counts
 *              (12, 14, 345, 210, 32, 899, 616, 93 times a multiplier of
 *              10); one pass counts as one million Whetstone-like
 *              instructions, so the score is nominal MWIPS;
 *              whetstone-double. Own kernel and own sin/cos/atan/sqrt/
 *              exp/log, so again only comparable with itself.
 *   execl      the program execs itself over and over (a counter and a
 *              deadline are passed in argv, the last image reports the
 *              count through a pipe); execs per second; execl.
 *   fcopy_256  copy a file of 500 KiB with 256-byte read()/write() into a
 *   fcopy_1024 second file (2000 KiB with 1024-byte, 8000 KiB with 4096-byte
 *   fcopy_4096 buffers), rewinding both files at end of file, in --dir
 *              (tmpfs /tmp in the guest), after one untimed warm-up copy;
 *              KiB (1024 bytes) copied per second; fsbuffer, fstime,
 *              fsdisk.
 *   pipe       one process writes 512 bytes into a pipe and reads them
 *              back; loops per second; pipe.
 *   context1   two processes pass an incrementing counter back and forth
 *              over two pipes, each side checking the value; round trips
 *              per second; context1. Pinned to CPU 0 by default (--pin
 *              ipc): unpinned on 2 CPUs each hand-over is a cross-CPU
 *              wake-up and the score depended on whether the other
 *              (virtual) CPU was idle-halted, varying 10-20x between runs
 *              on the development VM; --pin none runs it as UnixBench does.
 *   spawn      fork(); the child exits; the parent waits; lps; spawn.
 *   shell1     /bin/sh (busybox sh in the guest) runs a small text-processing
 *              script (sort, cut | uniq, tr | grep, wc, rm over a generated
 *              400-line file: 7 programs, as UnixBench's script runs 7);
 *              scripts per minute; shell1. Script and data are Cordon's
 *              own, so comparable only with itself.
 *   shell8     8 copies of that script at once; batches per minute; shell8.
 *   syscall    close(dup(fd)), getppid(), getuid(), umask() per loop; lps;
 *              syscall (UnixBench's default "mix" mode).
 *
 * Output: one human line per test as it completes, then the UnixBench-style
 * index table, and the machine lines
 *   BENCH cordon-unixbench <test> <score> <lps|MWIPS|KBps|lpm>
 *   BENCH cordon-unixbench <test>_index <index> index
 *   BENCH cordon-unixbench index <total> index   (all 12 index tests ran)
 *   BENCH cordon-unixbench index_partial <total> index   (otherwise)
 * A failing test prints 'BENCH-FAIL cordon-unixbench <test> errno=<n> ...'
 * plus a message on stderr; the other tests still run, it is left out of the
 * index, and the program exits with status 1.
 *
 * Run time (measured on the 2-vCPU development VM, see benchmarks/README.md):
 * --quick about 2.5 s natively, the default run 72 s natively (12 tests x 3
 * passes x 2 s). The tests are time-based, so under QEMU TCG a run takes
 * about as long plus set-up (test files, one warm-up shell loop) and the
 * overshoot of the last, slow operation of each pass: estimated 10-30 s for
 * --quick and 80-120 s for the default run.
 */
#include "bench.h"

#include <sys/syscall.h>

static const char ub_usage[] =
	"usage: cordon-unixbench [options]\n"
	"  --quick           every test very briefly (sanity run)\n"
	"  --only A[,B...]   run only these tests (a name also selects NAME_*)\n"
	"  --list            list the tests and exit\n"
	"  --iterations N    passes per test; the worst third is dropped and the\n"
	"                    geometric mean of the rest reported (default 3,\n"
	"                    --quick 1)\n"
	"  --seconds S       duration of one pass (default 2, --quick 0.2)\n"
	"  --unixbench-durations  UnixBench's own durations and pass counts\n"
	"                    (10, 30 or 60 s, 10 or 3 passes; ~22 min)\n"
	"  --dir D           directory for scratch files (default /tmp)\n"
	"  --pin none|ipc|all  pin to CPU 0: nothing (as UnixBench), the\n"
	"                    context1 test (default), or the whole run\n"
	"  --verbose         per-test durations\n"
	"  --timeout S       per-test watchdog, 0 = off (default 900)\n";

static int ub_faithful;

#define NOINLINE __attribute__((noinline))

/* ============================================================== libm-free */

union ub_bits {
	double d;
	uint64_t u;
};

static const double UB_LN2 = 0.69314718055994530942;
static const double UB_PI_2 = 1.57079632679489661923;
static const double UB_PI_6 = 0.52359877559829887308;
static const double UB_SQRT3 = 1.73205080756887729353;

static double ub_sqrt(double x)
{
	union ub_bits b = { .d = x };
	double y;

	if (!(x > 0))
		return 0;
	b.u = (b.u >> 1) + (0x3ff0000000000000ull >> 1);	/* ~sqrt(x) */
	y = b.d;
	y = 0.5 * (y + x / y);
	y = 0.5 * (y + x / y);
	y = 0.5 * (y + x / y);
	y = 0.5 * (y + x / y);
	return 0.5 * (y + x / y);
}

/* 2^k for -1022 <= k <= 1023 */
static double ub_pow2i(int k)
{
	union ub_bits b;

	b.u = (uint64_t)(k + 1023) << 52;
	return b.d;
}

static double ub_exp(double x)
{
	double r, p;
	int k;

	if (x > 709)
		return 1e308;
	if (x < -708)
		return 0;
	k = (int)(x / UB_LN2 + (x < 0 ? -0.5 : 0.5));
	r = x - k * UB_LN2;	/* |r| <= ln2/2 */
	p = 1 + r * (1 + r / 2 * (1 + r / 3 * (1 + r / 4 * (1 + r / 5 * (1 + r / 6 *
	    (1 + r / 7 * (1 + r / 8 * (1 + r / 9 * (1 + r / 10 * (1 + r / 11 *
	    (1 + r / 12)))))))))));
	return p * ub_pow2i(k);
}

static double ub_log(double x)
{
	union ub_bits b = { .d = x };
	double m, s, s2, t;
	int e;

	if (!(x > 0))
		return -1e308;
	if (x < 2.2250738585072014e-308) {	/* subnormal: scale up */
		b.d = x * 18014398509481984.0;	/* 2^54 */
		return ub_log(b.d) - 54 * UB_LN2;
	}
	e = (int)((b.u >> 52) & 0x7ff) - 1023;
	b.u = (b.u & 0x000fffffffffffffull) | 0x3ff0000000000000ull;	/* [1, 2) */
	m = b.d;
	if (m > 1.41421356237309504880) {
		m /= 2;
		e++;
	}
	s = (m - 1) / (m + 1);	/* |s| <= 0.172 */
	s2 = s * s;
	t = 1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 +
	    s2 * (1.0 / 11 + s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17 +
	    s2 / 19))))))));
	return e * UB_LN2 + 2 * s * t;
}

/* sin(r) and cos(r) for |r| <= pi/4 */
static double ub_sin_k(double r)
{
	double r2 = r * r;

	return r * (1 - r2 / 6 * (1 - r2 / 20 * (1 - r2 / 42 * (1 - r2 / 72 *
	       (1 - r2 / 110 * (1 - r2 / 156 * (1 - r2 / 210)))))));
}

static double ub_cos_k(double r)
{
	double r2 = r * r;

	return 1 - r2 / 2 * (1 - r2 / 12 * (1 - r2 / 30 * (1 - r2 / 56 *
	       (1 - r2 / 90 * (1 - r2 / 132 * (1 - r2 / 182 * (1 - r2 / 240)))))));
}

/* x = k * pi/2 + r, |r| <= pi/4; returns k mod 4 (fine for |x| < 1e9) */
static int ub_reduce(double x, double *r)
{
	double k = (double)(int64_t)(x / UB_PI_2 + (x < 0 ? -0.5 : 0.5));

	*r = (x - k * 1.5707963267948966) - k * 6.123233995736766e-17;
	return (int)((int64_t)k & 3);
}

static double ub_sin(double x)
{
	double r;

	switch (ub_reduce(x, &r)) {
	case 0:
		return ub_sin_k(r);
	case 1:
		return ub_cos_k(r);
	case 2:
		return -ub_sin_k(r);
	default:
		return -ub_cos_k(r);
	}
}

static double ub_cos(double x)
{
	double r;

	switch (ub_reduce(x, &r)) {
	case 0:
		return ub_cos_k(r);
	case 1:
		return -ub_sin_k(r);
	case 2:
		return -ub_cos_k(r);
	default:
		return ub_sin_k(r);
	}
}

static double ub_atan(double x)
{
	double y, y2, base = 0, p;
	int neg = x < 0, inv = 0;

	if (neg)
		x = -x;
	if (x > 1) {
		x = 1 / x;
		inv = 1;
	}
	if (x > 0.26794919243112270) {	/* tan(pi/12): shift by pi/6 */
		x = (x * UB_SQRT3 - 1) / (UB_SQRT3 + x);
		base = UB_PI_6;
	}
	y = x;
	y2 = y * y;
	p = y * (1 - y2 * (1.0 / 3 - y2 * (1.0 / 5 - y2 * (1.0 / 7 - y2 * (1.0 / 9 -
	    y2 * (1.0 / 11 - y2 * (1.0 / 13 - y2 * (1.0 / 15 - y2 * (1.0 / 17 -
	    y2 * (1.0 / 19 - y2 * (1.0 / 21 - y2 / 23)))))))))));
	p += base;
	if (inv)
		p = UB_PI_2 - p;
	return neg ? -p : p;
}

/* Self-check of the approximations against known values. */
static int ub_math_selftest(void)
{
	const double v[][2] = {
		{ ub_sqrt(2), 1.41421356237309504880 },
		{ ub_exp(1), 2.71828182845904523536 },
		{ ub_exp(-3.5), 0.03019738342231850074 },
		{ ub_log(10), 2.30258509299404568402 },
		{ ub_log(0.3), -1.20397280432593599263 },
		{ ub_sin(1), 0.84147098480789650665 },
		{ ub_sin(-4), 0.75680249530792825137 },
		{ ub_cos(2.5), -0.80114361554693371483 },
		{ ub_atan(0.5), 0.46364760900080611621 },
		{ ub_atan(-3), -1.24904577239825442582 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		double d = v[i][0] - v[i][1], m = v[i][1] < 0 ? -v[i][1] : v[i][1];

		if (d < 0)
			d = -d;
		if (!(d <= 1e-13 * m + 1e-15))
			return bench_fail(0, "math self-test %u: got %.17g, want %.17g",
					  i, v[i][0], v[i][1]);
	}
	return 0;
}

/* ====================================================== timed op driver */

/* Perform n operations; return 0, or -1 after bench_fail(). */
typedef int (*ub_ops)(void *arg, uint64_t n);

/*
 * Run ops for 'secs' seconds in batches, reading the clock only between
 * batches (each batch lasting about 1/200 of the pass) so that clock reads
 * do not perturb fast operations. Returns operations done and the time.
 */
static int ub_timed(ub_ops ops, void *arg, double secs, uint64_t *count, double *elapsed)
{
	uint64_t t0 = bench_now_ns(), end = t0 + (uint64_t)(secs * 1e9);
	uint64_t want = (uint64_t)(secs * 1e9 / 200), batch = 1, done = 0, a = t0, b;

	for (;;) {
		if (ops(arg, batch))
			return -1;
		done += batch;
		b = bench_now_ns();
		if (b >= end)
			break;
		if (b - a < want / 2 && batch < (1ull << 32))
			batch *= 2;
		else if (b - a > want * 2 && batch > 1)
			batch /= 2;
		a = b;
	}
	*count = done;
	*elapsed = (double)(b - t0) / 1e9;
	return 0;
}

/* ============================================== Dhrystone-like integer */

enum ub_shade { SH_NONE, SH_DIM, SH_MID, SH_BRIGHT, SH_GLARE };

struct ub_rec {
	struct ub_rec *next;
	enum ub_shade shade;
	int id;
	int weight;
	char tag[32];
};

static struct ub_rec ub_rec_a, ub_rec_b, *ub_root;
static int ub_gint, ub_gtoggle;
static char ub_gch_a, ub_gch_b;
static int ub_row[64];
static int ub_grid[64][64];
static char ub_str_a[32], ub_str_b[32];
static volatile int ub_isink;

static enum ub_shade NOINLINE ub_next_shade(enum ub_shade s, int v)
{
	switch (s) {
	case SH_NONE:
		return v > 2 ? SH_MID : SH_DIM;
	case SH_DIM:
		return SH_MID;
	case SH_MID:
		return v & 1 ? SH_BRIGHT : SH_DIM;
	case SH_BRIGHT:
		return SH_GLARE;
	default:
		return SH_NONE;
	}
}

static int NOINLINE ub_char_rank(char c, char ref)
{
	if (c == ref)
		return 0;
	return c < ref ? -1 : 1;
}

/* compare two tags: first a character test, then the whole string */
static int NOINLINE ub_tags_differ(const char *x, const char *y)
{
	int k = 1;

	while (k < 3)
		if (ub_char_rank(x[k], y[k + 1]) == 0)
			k += 2;
		else
			k++;
	if (strcmp(x, y) > 0) {
		ub_gint = k + 7;
		return 1;
	}
	return 0;
}

static void NOINLINE ub_combine(int a, int b, int *out)
{
	*out = b + a + 2;
}

static void NOINLINE ub_fill(int *row, int (*grid)[64], int at, int val)
{
	int k = at + 4, j;

	row[k] = val;
	row[k + 1] = row[k] + 1;
	row[k + 25] = k;
	for (j = k; j <= k + 1; j++)
		grid[k][j] = k;
	grid[k][k - 1] += 1;
	grid[k + 20][k] = row[k];
	ub_gint = 5;
}

static void NOINLINE ub_adjust(int *w)
{
	int t = *w + 12;

	if (ub_gch_a == 'Q')
		*w = t - ub_gint - 1;
	else
		*w = t;
}

static void NOINLINE ub_rec_step(struct ub_rec *r)
{
	struct ub_rec *n = r->next;

	*n = *ub_root;		/* record copy */
	r->weight = 6;
	n->weight = r->weight;
	n->next = r->next;
	ub_adjust(&n->weight);
	if (n->shade == SH_NONE) {
		n->weight = 7;
		n->shade = ub_next_shade(r->shade, n->weight);
		n->next = ub_root->next;
		ub_combine(n->weight, 9, &n->weight);
	} else {
		*r = *n;
	}
}

static void NOINLINE ub_flags(void)
{
	int t = ub_gch_a == 'Q';

	ub_gtoggle = t | ub_gtoggle;
	ub_gch_b = 'C';
}

static void ub_dhry_init(void)
{
	ub_root = &ub_rec_a;
	ub_rec_a.next = &ub_rec_b;
	ub_rec_a.shade = SH_MID;
	ub_rec_a.id = 1;
	ub_rec_a.weight = 40;
	strcpy(ub_rec_a.tag, "CORDON INTEGER KERNEL, A RECORD");
	strcpy(ub_str_a, "CORDON INTEGER KERNEL, FIRST ST");
	ub_grid[8][7] = 10;
}

static int ub_dhry_ops(void *arg, uint64_t n)
{
	int a, b, c, k;
	char ch;

	(void)arg;
	while (n--) {
		ub_flags();
		a = 2;
		b = 3;
		strcpy(ub_str_b, "CORDON INTEGER KERNEL, SECOND S");
		ub_gtoggle = !ub_tags_differ(ub_str_a, ub_str_b);
		while (a < b) {
			c = 5 * a - b;
			ub_combine(a, b, &c);
			a++;
		}
		ub_fill(ub_row, ub_grid, a, c);
		ub_rec_step(ub_root);
		for (ch = 'A'; ch <= ub_gch_b; ch++)
			if (ub_char_rank(ch, 'B') == 0) {
				ub_root->shade = ub_next_shade(SH_NONE, a);
				strcpy(ub_str_b, "CORDON INTEGER KERNEL, THIRD ST");
				b = ch;
				ub_gint = ch;
			}
		b = b * a;
		a = b / c;
		b = 7 * (b - a) - c;
		k = a;
		ub_adjust(&k);
		ub_isink = k + b;
	}
	return 0;
}

/* ============================================ Whetstone-like floating point */

static volatile double ub_fsink;

struct ub_wstate {
	double t, t2, e[4];
};

/* module 2: array as parameter, 6 rounds of mixing */
static void NOINLINE ub_w_arr(double *e, double t, double t2)
{
	int k;

	for (k = 0; k < 6; k++) {
		e[3] = (e[0] - e[1]) * t2 + e[2] * t + 0.125;
		e[2] = (e[3] + e[0]) * t - e[1] * t2;
		e[1] = (e[2] - e[3]) * t + e[0] * t2;
		e[0] = (e[1] + e[2] + e[3]) * t2;
	}
}

/* module 6: procedure call with a result through a pointer */
static void NOINLINE ub_w_call(double a, double b, double t, double t2, double *out)
{
	double u = (a - b) * t + 1.0;
	double v = (u + b) * t2;

	*out = (u * v) / (1.0 + u * u);
}

/* module 7: array references, rotate three elements */
static void NOINLINE ub_w_rot(double *e, int i, int j, int k)
{
	double tmp = e[i];

	e[i] = e[j];
	e[j] = e[k];
	e[k] = tmp;
}

/* One pass = one nominal million Whetstone-like instructions. */
static double NOINLINE ub_whet_pass(double t, double t2)
{
	const int mult = 10;
	double e[4] = { 1.0, -1.0, -1.0, -1.0 };
	double x, y, z, sum = 0;
	int i, j, a, b, c;

	/* module 1: array elements */
	for (i = 0; i < 12 * mult; i++) {
		e[0] = (e[1] - e[2]) * t + e[3] * t2 + 0.25;
		e[1] = (e[2] + e[3]) * t - e[0] * t2;
		e[2] = (e[3] - e[0]) * t + e[1] * t2;
		e[3] = (e[0] + e[1] - e[2]) * t;
	}
	sum += e[0] + e[3];
	/* module 2: array as parameter */
	for (i = 0; i < 14 * mult; i++)
		ub_w_arr(e, t, t2);
	sum += e[1] + e[2];
	/* module 3: conditional jumps */
	j = 1;
	for (i = 0; i < 345 * mult; i++) {
		if (j & 1)
			j += 3;
		else
			j -= 1;
		if (j > 4)
			j -= 5;
		else
			j += 2;
		if (j == 3)
			j = 1;
	}
	/* module 4: integer arithmetic, results into the array */
	a = 1;
	b = 2;
	c = 3;
	for (i = 0; i < 210 * mult; i++) {
		a = (a * 3 + b) % 7 + 1;
		b = (b * a + 5) % 11 + 1;
		c = a * b - c % 5;
		e[(a + b) & 3] = (double)(a + b + c) * 0.01;
		e[c & 3] += (double)(a - b) * 0.001;
	}
	sum += e[0] + j;
	/* module 5: trigonometric functions */
	x = 0.5;
	y = 0.5;
	for (i = 0; i < 32 * mult; i++) {
		x = t * ub_atan(ub_sin(x) * ub_cos(y) * t2 + 0.5);
		y = t * ub_atan(ub_cos(x) - ub_sin(y) * t2 + 0.25);
	}
	sum += x + y;
	/* module 6: procedure calls */
	x = 1.0;
	y = 1.0;
	z = 0;
	for (i = 0; i < 899 * mult; i++) {
		ub_w_call(x, y, t, t2, &z);
		x = z * 0.5 + 0.25;
		y = z;
	}
	sum += z;
	/* module 7: array references */
	e[0] = 1.0;
	e[1] = 2.0;
	e[2] = 3.0;
	e[3] = 4.0;
	for (i = 0; i < 616 * mult; i++)
		ub_w_rot(e, i & 3, (i + 1) & 3, (i + 2) & 3);
	sum += e[2];
	/* module 8: standard functions */
	x = 0.75;
	for (i = 0; i < 93 * mult; i++)
		x = ub_sqrt(ub_exp(ub_log(x) * 0.5) + 0.5);
	return sum + x;
}

static int ub_whet_ops(void *arg, uint64_t n)
{
	struct ub_wstate *w = arg;
	double s;

	while (n--) {
		s = ub_whet_pass(w->t, w->t2);
		if (s != s)
			return bench_fail(0, "whetstone kernel produced NaN");
		ub_fsink = s;
	}
	return 0;
}

/* ====================================================== system tests */

/* --- syscall: UnixBench "mix" (dup of our own /dev/null fd: fd 0 may be closed) */
static int ub_syscall_ops(void *arg, uint64_t n)
{
	int fd = *(int *)arg, d;

	while (n--) {
		d = dup(fd);
		if (d < 0 || close(d))
			return bench_sysfail("close(dup())");
		syscall(SYS_getppid);
		syscall(SYS_getuid);
		umask(022);
	}
	return 0;
}

/* --- pipe: 512 bytes through a pipe and back, one process */
static int ub_pipe_ops(void *arg, uint64_t n)
{
	int *p = arg;
	char buf[512];

	memset(buf, 'p', sizeof(buf));
	while (n--) {
		if (write(p[1], buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return bench_sysfail("write 512 bytes to pipe");
		if (read(p[0], buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return bench_sysfail("read 512 bytes from pipe");
	}
	return 0;
}

/* --- context1: counter ping-pong between two processes */
struct ub_ping {
	int wfd, rfd;
	uint32_t next;
};

static int ub_ping_ops(void *arg, uint64_t n)
{
	struct ub_ping *p = arg;
	uint32_t v;

	while (n--) {
		v = p->next;
		if (bench_writen(p->wfd, &v, sizeof(v)))
			return bench_sysfail("write counter");
		if (bench_readn(p->rfd, &v, sizeof(v)))
			return bench_sysfail("read counter");
		if (v != p->next)
			return bench_fail(0, "counter %u came back as %u", p->next, v);
		p->next++;
	}
	return 0;
}

static void __attribute__((noreturn)) ub_pong(int rfd, int wfd)
{
	uint32_t v, want = 0;
	ssize_t r;

	for (;;) {
		r = read(rfd, &v, sizeof(v));
		if (r == 0)
			_exit(0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof(v))
			bench_child_die("read counter");
		if (v != want) {
			errno = EPROTO;
			bench_child_die("counter out of sequence");
		}
		want++;
		if (bench_writen(wfd, &v, sizeof(v)))
			bench_child_die("write counter");
	}
}

/* --- context1: one pass */
static int ub_context1_pass(double secs, uint64_t *count, double *el)
{
	struct bench_peer peer;
	struct ub_ping g = { 0 };
	int ret;

	if (bench_peer_start(&peer, 0, ub_pong))
		return -1;
	g.wfd = peer.wfd;
	g.rfd = peer.rfd;
	ret = ub_timed(ub_ping_ops, &g, secs, count, el);
	if (bench_peer_stop(&peer, "context1 child") || ret)
		return -1;
	return 0;
}

/* --- spawn: fork + exit + wait */
static int ub_spawn_ops(void *arg, uint64_t n)
{
	int status;
	pid_t pid;

	(void)arg;
	while (n--) {
		pid = bench_fork(0);
		if (pid < 0)
			return bench_sysfail("fork");
		if (pid == 0)
			_exit(0);
		if (bench_wait(pid, &status))
			return bench_sysfail("waitpid");
		if (bench_check_status(status, "child"))
			return -1;
	}
	return 0;
}

/* --- file copy */
struct ub_copy {
	int src, dst;
	size_t bufsize;
	char buf[4096];
};

static int ub_copy_ops(void *arg, uint64_t n)
{
	struct ub_copy *c = arg;
	ssize_t r;

	while (n) {
		r = read(c->src, c->buf, c->bufsize);
		if (r == 0) {	/* end of file: rewind both */
			if (lseek(c->src, 0, SEEK_SET) < 0 || lseek(c->dst, 0, SEEK_SET) < 0)
				return bench_sysfail("lseek");
			continue;
		}
		if (r != (ssize_t)c->bufsize)
			return bench_sysfail("read %zu bytes (got %zd)", c->bufsize, r);
		if (write(c->dst, c->buf, c->bufsize) != (ssize_t)c->bufsize)
			return bench_sysfail("write %zu bytes", c->bufsize);
		n--;
	}
	return 0;
}

/* --- shell scripts */
static const char ub_script[] =
	"# cordon-unixbench shell workload, one loop: 7 programs\n"
	"sort -k 2 input.txt >a.$$\n"
	"cut -d ' ' -f 1,3 a.$$ | uniq -c >b.$$\n"
	"tr 'a-m' 'n-z' <a.$$ | grep -c r >c.$$\n"
	"wc -c b.$$ c.$$ >d.$$\n"
	"test -s d.$$ || exit 3\n"
	"rm -f a.$$ b.$$ c.$$ d.$$\n";

struct ub_shell {
	char dir[PATH_MAX];
	int copies;
};

static int ub_shell_ops(void *arg, uint64_t n)
{
	struct ub_shell *s = arg;
	pid_t pids[16];
	int i, status, ret = 0;

	while (n--) {
		for (i = 0; i < s->copies; i++) {
			pids[i] = bench_fork(1);
			if (pids[i] < 0) {
				ret = bench_sysfail("fork");
				break;
			}
			if (pids[i] == 0) {
				if (chdir(s->dir))
					bench_child_die("chdir");
				setenv("LC_ALL", "C", 1);
				signal(SIGPIPE, SIG_DFL);
				execl("/bin/sh", "sh", "work.sh", (char *)NULL);
				bench_child_die("exec /bin/sh");
			}
		}
		while (--i >= 0) {
			if (bench_wait(pids[i], &status))
				ret = bench_sysfail("waitpid");
			else if (!ret && bench_check_status(status, "shell script"))
				ret = -1;
		}
		if (ret)
			return -1;
	}
	return 0;
}

static int ub_shell_setup(struct ub_shell *s)
{
	static const char *const words[] = {
		"amber", "basil", "cedar", "dune", "ember", "fjord", "grove", "heath",
		"inlet", "juniper", "kelp", "lichen", "marsh", "nettle", "orchid",
		"pebble", "quartz", "reed", "sorrel", "tundra", "umber", "vale",
		"willow", "xylem", "yarrow", "zephyr",
	};
	char path[PATH_MAX + 32];
	uint32_t seed = 20240601;
	FILE *f;
	int i;

	if (bench_mkscratch(s->dir, sizeof(s->dir), "cordon-ub-sh"))
		return bench_sysfail("mkdir %s (use --dir?)", s->dir);
	snprintf(path, sizeof(path), "%s/work.sh", s->dir);
	f = fopen(path, "w");
	if (!f || fputs(ub_script, f) == EOF || fclose(f))
		return bench_sysfail("write %s", path);
	snprintf(path, sizeof(path), "%s/input.txt", s->dir);
	f = fopen(path, "w");
	if (!f)
		return bench_sysfail("create %s", path);
	for (i = 0; i < 400; i++) {
		uint32_t r1, r2, r3;

		seed = seed * 1103515245u + 12345u;
		r1 = seed >> 8;
		seed = seed * 1103515245u + 12345u;
		r2 = seed >> 8;
		seed = seed * 1103515245u + 12345u;
		r3 = seed >> 8;
		fprintf(f, "%s %s %u %s\n", words[r1 % 26], words[r2 % 26],
			r3 % 100000, words[(r1 ^ r3) % 26]);
	}
	if (fclose(f))
		return bench_sysfail("write %s", path);
	return 0;
}

static void ub_shell_cleanup(struct ub_shell *s)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/work.sh", s->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/input.txt", s->dir);
	unlink(path);
	rmdir(s->dir);
}

/* ============================================================ execl */

/*
 * In a re-executed image (argv: self --execl-chain fd count deadline): count,
 * then exec again, or report "count now_ns" once the deadline has passed.
 */
static void __attribute__((noreturn)) ub_execl_chain(char **argv)
{
	int fd = atoi(argv[2]);
	unsigned long long count = strtoull(argv[3], NULL, 10);
	unsigned long long deadline = strtoull(argv[4], NULL, 10);
	char a[32], msg[64];
	uint64_t now = bench_now_ns();
	int n;

	if (now >= deadline) {
		n = snprintf(msg, sizeof(msg), "%llu %llu\n", count,
			     (unsigned long long)now);
		_exit(write(fd, msg, (size_t)n) == n ? 0 : 1);
	}
	snprintf(a, sizeof(a), "%llu", count + 1);
	execl(argv[0], argv[0], "--execl-chain", argv[2], a, argv[4], (char *)NULL);
	n = snprintf(msg, sizeof(msg), "E %d\n", errno);
	if (write(fd, msg, (size_t)n) != n)
		_exit(2);
	_exit(1);
}

static int ub_execl_pass(double secs, uint64_t *count, double *elapsed)
{
	char fdarg[16], deadline[32], msg[64];
	unsigned long long cnt, end;
	int p[2], status, r;
	uint64_t t0;
	ssize_t len;
	pid_t pid;

	if (pipe(p))
		return bench_sysfail("pipe");
	t0 = bench_now_ns();
	snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
	snprintf(deadline, sizeof(deadline), "%llu",
		 (unsigned long long)(t0 + (uint64_t)(secs * 1e9)));
	pid = bench_fork(1);
	if (pid < 0)
		return bench_sysfail("fork");
	if (pid == 0) {
		close(p[0]);
		execl(bcfg.self, bcfg.self, "--execl-chain", fdarg, "1",
		      deadline, (char *)NULL);
		bench_child_die("exec self");
	}
	close(p[1]);
	len = 0;
	for (;;) {	/* until every image has closed the pipe */
		ssize_t got = read(p[0], msg + len, sizeof(msg) - 1 - (size_t)len);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += got;
	}
	msg[len] = 0;
	close(p[0]);
	r = bench_wait(pid, &status);
	if (len <= 0)
		return bench_fail(0, "exec chain reported nothing");
	if (msg[0] == 'E')
		return bench_fail(atoi(msg + 2), "exec chain: execl(self)");
	if (r)
		return bench_sysfail("waitpid");
	if (bench_check_status(status, "exec chain"))
		return -1;
	if (sscanf(msg, "%llu %llu", &cnt, &end) != 2)
		return bench_fail(0, "exec chain: bad report '%s'", msg);
	*count = cnt;
	*elapsed = (double)(end - t0) / 1e9;
	return 0;
}

/* ========================================================= test table */

enum ub_kind {
	K_DHRY, K_WHET, K_EXECL, K_COPY256, K_COPY1024, K_COPY4096, K_PIPE,
	K_CONTEXT1, K_SPAWN, K_SHELL1, K_SHELL8, K_SYSCALL, K_N
};

struct ub_def {
	const char *name;
	const char *label;
	const char *unit;
	double baseline;
	double ub_secs;	/* UnixBench's duration */
	int ub_passes;	/* UnixBench's pass count */
};

static const struct ub_def ub_defs[K_N] = {
	[K_DHRY] = { "dhrystone", "Dhrystone-like integer (Cordon kernel)", "lps",
		     116700.0, 10, 10 },
	[K_WHET] = { "whetstone", "Whetstone-like double (Cordon kernel)", "MWIPS",
		     55.0, 10, 10 },
	[K_EXECL] = { "execl", "Execl Throughput", "lps", 43.0, 30, 3 },
	[K_COPY256] = { "fcopy_256", "File Copy 256 bufsize 500 maxblocks", "KBps",
			1655.0, 30, 3 },
	[K_COPY1024] = { "fcopy_1024", "File Copy 1024 bufsize 2000 maxblocks", "KBps",
			 3960.0, 30, 3 },
	[K_COPY4096] = { "fcopy_4096", "File Copy 4096 bufsize 8000 maxblocks", "KBps",
			 5800.0, 30, 3 },
	[K_PIPE] = { "pipe", "Pipe Throughput", "lps", 12440.0, 10, 10 },
	[K_CONTEXT1] = { "context1", "Pipe-based Context Switching", "lps", 4000.0,
			 10, 10 },
	[K_SPAWN] = { "spawn", "Process Creation", "lps", 126.0, 30, 3 },
	[K_SHELL1] = { "shell1", "Shell Scripts (1 concurrent)", "lpm", 42.4, 60, 3 },
	[K_SHELL8] = { "shell8", "Shell Scripts (8 concurrent)", "lpm", 6.0, 60, 3 },
	[K_SYSCALL] = { "syscall", "System Call Overhead", "lps", 15000.0, 10, 10 },
};

static double ub_score[K_N];
static int ub_done[K_N];

/* One pass of test k: its score in the test's unit. */
static int ub_pass(int k, double secs, double *score)
{
	uint64_t count = 0;
	double el = 1;
	int ret = -1;

	switch (k) {
	case K_DHRY:
		if (ub_timed(ub_dhry_ops, NULL, secs, &count, &el))
			return -1;
		*score = (double)count / el;
		return 0;
	case K_WHET: {
		struct ub_wstate w = { .t = 0.3, .t2 = 0.2 };

		if (ub_timed(ub_whet_ops, &w, secs, &count, &el))
			return -1;
		*score = (double)count / el;	/* 1 MWI per pass */
		return 0;
	}
	case K_SYSCALL: {
		int fd = open("/dev/null", O_RDONLY);

		if (fd < 0)
			return bench_sysfail("open /dev/null");
		ret = ub_timed(ub_syscall_ops, &fd, secs, &count, &el);
		close(fd);
		if (ret)
			return -1;
		*score = (double)count / el;
		return 0;
	}
	case K_PIPE: {
		int p[2];

		if (pipe(p))
			return bench_sysfail("pipe");
		ret = ub_timed(ub_pipe_ops, p, secs, &count, &el);
		close(p[0]);
		close(p[1]);
		if (ret)
			return -1;
		*score = (double)count / el;
		return 0;
	}
	case K_CONTEXT1: {
		int pinned = 0;
		cpu_set_t saved;

		if (bcfg.pin == BENCH_PIN_IPC) {
			if (bench_pin_cpu0(&saved))
				return bench_sysfail("sched_setaffinity(CPU 0)");
			pinned = 1;
		}
		ret = ub_context1_pass(secs, &count, &el);
		if (pinned)
			bench_unpin(&saved);
		if (ret)
			return -1;
		*score = (double)count / el;
		return 0;
	}
	case K_SPAWN:
		if (ub_timed(ub_spawn_ops, NULL, secs, &count, &el))
			return -1;
		*score = (double)count / el;
		return 0;
	case K_EXECL:
		if (ub_execl_pass(secs, &count, &el))
			return -1;
		*score = (double)count / el;
		return 0;
	default:
		break;
	}
	return bench_fail(0, "internal: no pass function for test %d", k);
}

/* Copy tests: file set-up once per test, then passes. */
static int ub_copy_prepare(struct ub_copy *c, size_t bufsize, size_t kib,
			   char *src, char *dst, size_t len)
{
	size_t i;

	c->bufsize = bufsize;
	c->src = c->dst = -1;
	snprintf(src, len, "%s/cordon-ub.%d.src", bcfg.dir, (int)getpid());
	snprintf(dst, len, "%s/cordon-ub.%d.dst", bcfg.dir, (int)getpid());
	c->src = open(src, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (c->src < 0)
		return bench_sysfail("create %s (use --dir?)", src);
	c->dst = open(dst, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (c->dst < 0)
		return bench_sysfail("create %s", dst);
	for (i = 0; i < bufsize; i++)
		c->buf[i] = (char)(i & 0xff);
	for (i = 0; i < kib * 1024 / bufsize; i++)
		if (write(c->src, c->buf, bufsize) != (ssize_t)bufsize)
			return bench_sysfail("write %s", src);
	if (lseek(c->src, 0, SEEK_SET) < 0)
		return bench_sysfail("lseek");
	/* untimed warm-up: one whole copy, so dst is allocated */
	return ub_copy_ops(c, kib * 1024 / bufsize);
}

static void ub_combine_report(int k, double *v, int n, double secs)
{
	const struct ub_def *d = &ub_defs[k];
	int drop = n / 3, i, kept = 0;
	double lsum = 0;

	qsort(v, (size_t)n, sizeof(*v), bench_cmp_double);
	for (i = drop; i < n; i++)
		if (v[i] > 0) {
			lsum += ub_log(v[i]);
			kept++;
		}
	ub_score[k] = kept ? ub_exp(lsum / kept) : 0;
	ub_done[k] = 1;
	printf("%-44s %14.1f %-5s (%d pass%s of %.1f s, %d counted)\n", d->label,
	       ub_score[k], d->unit, n, n == 1 ? "" : "es", secs, kept);
	bench_emit(d->name, ub_score[k], d->unit);
}

static int ub_run(int k)
{
	static const size_t copy_buf[3] = { 256, 1024, 4096 };
	static const size_t copy_kib[3] = { 500, 2000, 8000 };
	const struct ub_def *d = &ub_defs[k];
	int passes = ub_faithful ? d->ub_passes : bcfg.iterations;
	double secs = ub_faithful ? d->ub_secs : bcfg.seconds;
	double v[1000];
	int i, ret = 0;

	if (k == K_WHET && ub_math_selftest())
		return -1;
	if (k == K_DHRY)
		ub_dhry_init();
	if (k >= K_COPY256 && k <= K_COPY4096) {
		static struct ub_copy c;
		char src[PATH_MAX], dst[PATH_MAX];
		uint64_t count = 0;
		double el = 1;

		ret = ub_copy_prepare(&c, copy_buf[k - K_COPY256], copy_kib[k - K_COPY256],
				      src, dst, sizeof(src));
		for (i = 0; !ret && i < passes; i++) {
			ret = ub_timed(ub_copy_ops, &c, secs, &count, &el);
			v[i] = (double)count * (double)c.bufsize / 1024.0 / el;
		}
		if (c.src >= 0)
			close(c.src);
		if (c.dst >= 0)
			close(c.dst);
		unlink(src);
		unlink(dst);
	} else if (k == K_SHELL1 || k == K_SHELL8) {
		struct ub_shell s = { .copies = k == K_SHELL1 ? 1 : 8 };
		uint64_t count = 0;
		double el = 1;

		ret = ub_shell_setup(&s);
		if (!ret)	/* warm-up and check: one untimed loop */
			ret = ub_shell_ops(&s, 1);
		for (i = 0; !ret && i < passes; i++) {
			ret = ub_timed(ub_shell_ops, &s, secs, &count, &el);
			v[i] = (double)count * 60.0 / el;
		}
		ub_shell_cleanup(&s);
	} else {
		for (i = 0; !ret && i < passes; i++)
			ret = ub_pass(k, secs, &v[i]);
	}
	if (ret)
		return -1;
	ub_combine_report(k, v, passes, secs);
	return 0;
}

static int t_dhry(void) { return ub_run(K_DHRY); }
static int t_whet(void) { return ub_run(K_WHET); }
static int t_execl(void) { return ub_run(K_EXECL); }
static int t_copy256(void) { return ub_run(K_COPY256); }
static int t_copy1024(void) { return ub_run(K_COPY1024); }
static int t_copy4096(void) { return ub_run(K_COPY4096); }
static int t_pipe(void) { return ub_run(K_PIPE); }
static int t_context1(void) { return ub_run(K_CONTEXT1); }
static int t_spawn(void) { return ub_run(K_SPAWN); }
static int t_shell1(void) { return ub_run(K_SHELL1); }
static int t_shell8(void) { return ub_run(K_SHELL8); }
static int t_syscall(void) { return ub_run(K_SYSCALL); }

static const struct bench_test ub_tests[K_N] = {
	{ "dhrystone", "Dhrystone-like integer kernel, lps (dhry2reg)", t_dhry },
	{ "whetstone", "Whetstone-like double kernel, MWIPS (whetstone-double)", t_whet },
	{ "execl", "execl() of self, lps (execl)", t_execl },
	{ "fcopy_256", "file copy 256 B buffers, 500 KiB file, KBps (fsbuffer)", t_copy256 },
	{ "fcopy_1024", "file copy 1 KiB buffers, 2000 KiB file, KBps (fstime)",
	  t_copy1024 },
	{ "fcopy_4096", "file copy 4 KiB buffers, 8000 KiB file, KBps (fsdisk)",
	  t_copy4096 },
	{ "pipe", "pipe write+read 512 B, one process, lps (pipe)", t_pipe },
	{ "context1", "pipe ping-pong between 2 processes, lps (context1)", t_context1 },
	{ "spawn", "fork+exit+wait, lps (spawn)", t_spawn },
	{ "shell1", "sh script, 1 at a time, lpm (shell1)", t_shell1 },
	{ "shell8", "sh script, 8 concurrent, lpm (shell8)", t_shell8 },
	{ "syscall", "close(dup)+getppid+getuid+umask, lps (syscall)", t_syscall },
};

static void ub_index_table(void)
{
	double lsum = 0, idx;
	int k, n = 0;
	char name[64];

	for (k = 0; k < K_N; k++)
		n += ub_done[k];
	if (!n)
		return;
	printf("\n%-44s %10s %14s %8s\n",
	       n == K_N ? "System Benchmarks Index Values" : "System Benchmarks Partial Index",
	       "BASELINE", "RESULT", "INDEX");
	for (k = 0; k < K_N; k++) {
		if (!ub_done[k])
			continue;
		idx = 10.0 * ub_score[k] / ub_defs[k].baseline;
		printf("%-44s %10.1f %14.1f %8.1f\n", ub_defs[k].label,
		       ub_defs[k].baseline, ub_score[k], idx);
		snprintf(name, sizeof(name), "%s_index", ub_defs[k].name);
		bench_emit(name, idx, "index");
		if (ub_score[k] > 0)
			lsum += ub_log(ub_score[k] / ub_defs[k].baseline);
	}
	idx = 10.0 * ub_exp(lsum / n);
	printf("%-44s %10s %14s %8s\n", "", "", "", "========");
	printf("%-44s %10s %14s %8.1f\n",
	       n == K_N ? "System Benchmarks Index Score" :
	       "System Benchmarks Index Score (Partial Only)", "", "", idx);
	printf("(Dhrystone/Whetstone and the shell script are Cordon's own kernels:"
	       " compare indices only between runs of this program.)\n");
	bench_emit(n == K_N ? "index" : "index_partial", idx, "index");
}

static int ub_extra(int argc, char **argv, int i)
{
	(void)argc;
	if (!strcmp(argv[i], "--unixbench-durations")) {
		ub_faithful = 1;
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t t0;
	int rc;

	/* re-executed by the execl test */
	if (argc == 5 && !strcmp(argv[1], "--execl-chain"))
		ub_execl_chain(argv);

	bench_init("cordon-unixbench", argv[0]);
	bcfg.pin = BENCH_PIN_IPC;
	if (bench_parse(argc, argv, ub_usage, ub_extra))
		return 2;
	if (bcfg.list) {
		bench_list(ub_tests, K_N);
		return 0;
	}
	if (bench_check_only(ub_tests, K_N))
		return 2;
	if (!bcfg.iterations)
		bcfg.iterations = bcfg.quick ? 1 : 3;
	if (bcfg.seconds <= 0)
		bcfg.seconds = bcfg.quick ? 0.2 : 2.0;
	if (!getenv("PATH"))
		setenv("PATH", "/bin:/sbin:/usr/bin:/usr/sbin", 1);

	if (ub_faithful)
		printf("cordon-unixbench: UnixBench durations (10-60 s per pass, 3 or 10"
		       " passes), dir %s, pin %s\n", bcfg.dir,
		       bcfg.pin == BENCH_PIN_NONE ? "none" :
		       bcfg.pin == BENCH_PIN_IPC ? "ipc" : "all");
	else
		printf("cordon-unixbench: %s mode, %d pass%s of %.2f s per test, dir %s, pin %s\n",
		       bcfg.quick ? "quick" : "full", bcfg.iterations,
		       bcfg.iterations == 1 ? "" : "es", bcfg.seconds, bcfg.dir,
		       bcfg.pin == BENCH_PIN_NONE ? "none" :
		       bcfg.pin == BENCH_PIN_IPC ? "ipc" : "all");
	t0 = bench_now_ns();
	rc = bench_run(ub_tests, K_N);
	ub_index_table();
	printf("cordon-unixbench: done in %.1f s, %d test(s) failed\n",
	       (double)(bench_now_ns() - t0) / 1e9, bench_nfail);
	return rc;
}
