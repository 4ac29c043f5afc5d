// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon benchmarks - shared, header-only helpers.
 *
 * Every top-level benchmarks/<name>.c is built on its own with
 *   gcc -static -O2 -Wall -Werror -o bin/<name> benchmarks/<name>.c
 * so everything shared lives here as static functions (marked unused so
 * that a program not calling one of them still builds with -Werror).
 *
 * What this provides:
 *   - clocks: CLOCK_MONOTONIC in ns, and the x86 TSC (rdtsc). Under QEMU TCG
 *     the TSC is virtual (derived from the host clock by QEMU), so TSC deltas
 *     are always labelled "TCG-virtual TSC" in the output;
 *   - common options: --quick --only --list --iterations --seconds --dir
 *     --timeout --pin --verbose --help, and the test-table runner;
 *   - result output: one machine-readable line per result,
 *       BENCH <program> <test-name> <value> <unit>
 *     and, for a failed test,
 *       BENCH-FAIL <program> <test-name> errno=<n> <what>
 *     (stdout), with a human-readable message on stderr;
 *   - a registry of forked children, so that a failing or timed-out test
 *     never leaves processes behind;
 *   - a per-test watchdog (alarm): a test running longer than --timeout
 *     seconds is reported as failed and the program exits with status 124
 *     (results printed so far stay valid);
 *   - median of samples and CPU pinning.
 */
#ifndef CORDON_BENCH_H
#define CORDON_BENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_FN static __attribute__((unused))

/* ---------------------------------------------------------------- clocks */

BENCH_FN uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Time-stamp counter; 0 where there is none (the TSC lines are then omitted). */
BENCH_FN uint64_t bench_tsc(void)
{
#if defined(__x86_64__) || defined(__i386__)
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
#else
	return 0;
#endif
}

/* ---------------------------------------------------------- configuration */

enum bench_pin { BENCH_PIN_NONE, BENCH_PIN_IPC, BENCH_PIN_ALL };

struct bench_test {
	const char *name;	/* test name: --only selector and BENCH name */
	const char *what;	/* one line for --list */
	int (*run)(void);	/* 0: ok; -1: failed (already reported) */
};

struct bench_cfg {
	const char *prog;	/* program name used in BENCH lines */
	const char *self;	/* absolute path of this executable (re-exec) */
	const char *dir;	/* directory for scratch files */
	int quick;
	double seconds;		/* meaning defined by each program */
	int iterations;		/* meaning defined by each program */
	double timeout;		/* per-test watchdog, seconds; 0 = off */
	enum bench_pin pin;
	int verbose;
	char *only;		/* comma-separated selectors, or NULL */
	int list;
};

static struct bench_cfg bcfg;
static const char *bench_cur = "-";	/* test being run */
static int bench_nfail;

/* ------------------------------------------------------ children registry */

#define BENCH_MAX_CHILDREN 64
static pid_t bench_children[BENCH_MAX_CHILDREN];

BENCH_FN void bench_child_add(pid_t pid)
{
	int i;

	for (i = 0; i < BENCH_MAX_CHILDREN; i++)
		if (!bench_children[i]) {
			bench_children[i] = pid;
			return;
		}
}

BENCH_FN void bench_child_del(pid_t pid)
{
	int i;

	for (i = 0; i < BENCH_MAX_CHILDREN; i++)
		if (bench_children[i] == pid)
			bench_children[i] = 0;
}

/* Kill and reap every registered child (async-signal-safe). */
BENCH_FN void bench_kill_children(void)
{
	int i;

	for (i = 0; i < BENCH_MAX_CHILDREN; i++)
		if (bench_children[i] > 0)
			kill(bench_children[i], SIGKILL);
	for (i = 0; i < BENCH_MAX_CHILDREN; i++)
		if (bench_children[i] > 0) {
			while (waitpid(bench_children[i], NULL, 0) < 0 && errno == EINTR)
				;
			bench_children[i] = 0;
		}
}

/*
 * fork() with stdio flushed first (no duplicated output) and the child
 * registered. With 'tracked' the child is registered and dies with us
 * (PR_SET_PDEATHSIG); use tracked=0 in tight fork loops that reap at once.
 */
BENCH_FN pid_t bench_fork(int tracked)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		memset(bench_children, 0, sizeof(bench_children));
		if (tracked)
			prctl(PR_SET_PDEATHSIG, SIGKILL);
	} else if (pid > 0 && tracked) {
		bench_child_add(pid);
	}
	return pid;
}

/* waitpid() retrying on EINTR, unregistering the child. */
BENCH_FN int bench_wait(pid_t pid, int *status)
{
	int r;

	do
		r = waitpid(pid, status, 0);
	while (r < 0 && errno == EINTR);
	if (r == pid)
		bench_child_del(pid);
	return r < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------- output */

BENCH_FN void bench_emit(const char *name, double value, const char *unit)
{
	printf("BENCH %s %s %.4f %s\n", bcfg.prog, name, value, unit);
	fflush(stdout);
}

/*
 * Report a failure of the current test: 'err' is the errno (0 if none).
 * Always returns -1 so that tests can 'return bench_fail(...)'.
 */
BENCH_FN __attribute__((format(printf, 2, 3)))
int bench_fail(int err, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	char *p;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	fflush(stdout);
	if (err)
		fprintf(stderr, "%s: test %s: %s: %s (errno %d)\n", bcfg.prog,
			bench_cur, what, strerror(err), err);
	else
		fprintf(stderr, "%s: test %s: %s\n", bcfg.prog, bench_cur, what);
	fflush(stderr);
	for (p = what; *p; p++)	/* keep the machine line on one line */
		if (*p == '\n')
			*p = ' ';
	printf("BENCH-FAIL %s %s errno=%d %s\n", bcfg.prog, bench_cur, err, what);
	fflush(stdout);
	return -1;
}

/* Failure of a syscall: errno is taken from the current errno. */
#define bench_sysfail(...) bench_fail(errno, __VA_ARGS__)

/*
 * In a forked child: report and exit with status 2 (the parent then reports
 * the test as failed as well).
 */
BENCH_FN __attribute__((noreturn)) void bench_child_die(const char *what)
{
	char buf[256];
	int err = errno;
	int n;

	n = snprintf(buf, sizeof(buf), "%s: test %s: child: %s: %s (errno %d)\n",
		     bcfg.prog, bench_cur, what, strerror(err), err);
	if (n > 0 && write(2, buf, (size_t)n) < 0)
		n = 0;
	_exit(2);
}

/* Describe a wait status that is not a clean exit(0); 0 if it is clean. */
BENCH_FN int bench_check_status(int status, const char *who)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return bench_fail(0, "%s exited with status %d", who,
				  WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return bench_fail(0, "%s killed by signal %d", who, WTERMSIG(status));
	return bench_fail(0, "%s: unexpected wait status %#x", who, status);
}

/* ----------------------------------------------------- a child to talk to */

/* A child at the other end of a request/response channel. */
struct bench_peer {
	pid_t pid;
	int wfd;	/* to the child */
	int rfd;	/* from the child */
	int unix_sock;
};

/*
 * Start a child that runs child(rfd, wfd) and never returns, talking over
 * two pipes or, with 'unix_sock', one AF_UNIX stream socket pair used both
 * ways. Returns 0, or -1 after a report.
 */
BENCH_FN int bench_peer_start(struct bench_peer *p, int unix_sock,
			      void (*child)(int rfd, int wfd))
{
	int a[2], b[2];

	*p = (struct bench_peer){ .pid = -1, .wfd = -1, .rfd = -1,
				  .unix_sock = unix_sock };
	if (unix_sock) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, a))
			return bench_sysfail("socketpair(AF_UNIX, SOCK_STREAM)");
		b[0] = dup(a[0]);
		b[1] = dup(a[1]);
		if (b[0] < 0 || b[1] < 0)
			return bench_sysfail("dup");
	} else if (pipe(a)) {
		return bench_sysfail("pipe");
	} else if (pipe(b)) {
		close(a[0]);
		close(a[1]);
		return bench_sysfail("pipe");
	}
	/* The parent writes a[1] and reads b[0]; the child the other ends. */
	p->pid = bench_fork(1);
	if (p->pid < 0)
		return bench_sysfail("fork");
	if (p->pid == 0) {
		close(a[1]);
		close(b[0]);
		child(a[0], b[1]);
		_exit(1);	/* not reached: child() exits */
	}
	close(a[0]);
	close(b[1]);
	p->wfd = a[1];
	p->rfd = b[0];
	return 0;
}

/*
 * Close the parent's ends (a socket is shut for writing first, so that the
 * child reads end of file), reap the child and check it exited cleanly.
 * Returns 0, or -1 after a report naming it 'who'.
 */
BENCH_FN int bench_peer_stop(struct bench_peer *p, const char *who)
{
	int status;

	if (p->unix_sock)
		shutdown(p->wfd, SHUT_WR);
	close(p->wfd);
	close(p->rfd);
	if (bench_wait(p->pid, &status))
		return bench_sysfail("waitpid");
	return bench_check_status(status, who);
}

/* ----------------------------------------------------------------- misc */

BENCH_FN int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median of v[0..n-1]; sorts v in place. */
BENCH_FN double bench_median(double *v, int n)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof(*v), bench_cmp_double);
	return n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Read or write exactly len bytes (restarting on EINTR and short counts). */
BENCH_FN int bench_readn(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t r = read(fd, p, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EPIPE;
			return -1;
		}
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

BENCH_FN int bench_writen(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t r = write(fd, p, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/* Pin the calling process (and its future children) to CPU 0. */
BENCH_FN int bench_pin_cpu0(cpu_set_t *saved)
{
	cpu_set_t one;

	if (sched_getaffinity(0, sizeof(*saved), saved))
		return -1;
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	return sched_setaffinity(0, sizeof(one), &one);
}

BENCH_FN void bench_unpin(const cpu_set_t *saved)
{
	sched_setaffinity(0, sizeof(*saved), saved);
}

/* Create a fresh scratch directory <dir>/<tag>.<pid> into buf. */
BENCH_FN int bench_mkscratch(char *buf, size_t len, const char *tag)
{
	snprintf(buf, len, "%s/%s.%d", bcfg.dir, tag, (int)getpid());
	if (mkdir(buf, 0700) && errno != EEXIST)
		return -1;
	return 0;
}

/* ---------------------------------------------------- watchdog (alarm) */

static char bench_tmo_msg[256];
static size_t bench_tmo_len;

static void bench_on_alarm(int sig)
{
	(void)sig;
	if (write(1, bench_tmo_msg, bench_tmo_len) < 0)
		bench_tmo_len = 0;
	bench_kill_children();
	_exit(124);
}

BENCH_FN void bench_watchdog_arm(void)
{
	unsigned int secs;
	int n;

	if (bcfg.timeout <= 0)
		return;
	fflush(stdout);
	n = snprintf(bench_tmo_msg, sizeof(bench_tmo_msg),
		     "\nBENCH-FAIL %s %s errno=%d timed out after %.0f s (--timeout)\n",
		     bcfg.prog, bench_cur, ETIMEDOUT, bcfg.timeout);
	bench_tmo_len = n > 0 ? (size_t)n : 0;
	signal(SIGALRM, bench_on_alarm);
	secs = bcfg.timeout > UINT_MAX ? UINT_MAX : (unsigned int)(bcfg.timeout + 0.999);
	alarm(secs);
}

BENCH_FN void bench_watchdog_disarm(void)
{
	alarm(0);
}

/* --------------------------------------------------------------- options */

/*
 * Does test 'name' match the --only list? A selector matches a test of the
 * same name, and every test whose name starts with "<selector>_".
 */
BENCH_FN int bench_selected(const char *name)
{
	const char *p, *e;
	size_t len;

	if (!bcfg.only)
		return 1;
	for (p = bcfg.only; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		len = (size_t)(e - p);
		if (len && !strncmp(name, p, len) &&
		    (name[len] == 0 || name[len] == '_'))
			return 1;
	}
	return 0;
}

/* Every selector of --only must select at least one test. */
BENCH_FN int bench_check_only(const struct bench_test *t, int n)
{
	char sel[128];
	const char *p, *e;
	int i, hit, bad = 0;

	if (!bcfg.only)
		return 0;
	for (p = bcfg.only; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		if ((size_t)(e - p) >= sizeof(sel) || e == p)
			continue;
		memcpy(sel, p, (size_t)(e - p));
		sel[e - p] = 0;
		hit = 0;
		for (i = 0; i < n; i++) {
			size_t len = strlen(sel);

			if (!strncmp(t[i].name, sel, len) &&
			    (t[i].name[len] == 0 || t[i].name[len] == '_'))
				hit = 1;
		}
		if (!hit) {
			fprintf(stderr, "%s: --only: no test named '%s' (see --list)\n",
				bcfg.prog, sel);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

BENCH_FN void bench_list(const struct bench_test *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		printf("%-16s %s\n", t[i].name, t[i].what);
}

/*
 * The path of this executable, for re-executing it: /proc/self/exe, else
 * argv[0] if it holds a '/', else the first match of argv[0] in $PATH.
 */
BENCH_FN const char *bench_self_path(const char *argv0)
{
	static char buf[PATH_MAX];
	const char *path = getenv("PATH"), *p, *e;
	ssize_t r = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (r > 0) {
		buf[r] = 0;
		return buf;
	}
	if (strchr(argv0, '/') || !path)
		return argv0;
	for (p = path; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ':');
		if (!e)
			e = p + strlen(p);
		snprintf(buf, sizeof(buf), "%.*s/%s", (int)(e - p), p, argv0);
		if (!access(buf, X_OK))
			return buf;
	}
	return argv0;
}

BENCH_FN int bench_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < 0)
		return -1;
	*out = v;
	return 0;
}

/*
 * Parse the common options. 'extra' may consume program-specific options:
 * it returns the number of argv entries it used (0: not its option,
 * -1: bad value). Returns 0, or -1 after printing 'usage' on bad options;
 * exits 0 after --help.
 */
BENCH_FN int bench_parse(int argc, char **argv, const char *usage,
			 int (*extra)(int argc, char **argv, int i))
{
	int i, r;
	double d;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--quick")) {
			bcfg.quick = 1;
		} else if (!strcmp(a, "--list")) {
			bcfg.list = 1;
		} else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
			bcfg.verbose = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!strcmp(a, "--only") && v) {
			bcfg.only = argv[++i];
		} else if (!strcmp(a, "--dir") && v) {
			bcfg.dir = argv[++i];
		} else if (!strcmp(a, "--iterations") && v) {
			char *end;
			long n = strtol(v, &end, 10);

			if (*end || n < 1 || n > 1000)
				goto bad;
			bcfg.iterations = (int)n;
			i++;
		} else if (!strcmp(a, "--seconds") && v) {
			if (bench_parse_double(v, &d) || d <= 0 || d > 3600)
				goto bad;
			bcfg.seconds = d;
			i++;
		} else if (!strcmp(a, "--timeout") && v) {
			if (bench_parse_double(v, &d))
				goto bad;
			bcfg.timeout = d;
			i++;
		} else if (!strcmp(a, "--pin") && v) {
			if (!strcmp(v, "none"))
				bcfg.pin = BENCH_PIN_NONE;
			else if (!strcmp(v, "ipc"))
				bcfg.pin = BENCH_PIN_IPC;
			else if (!strcmp(v, "all"))
				bcfg.pin = BENCH_PIN_ALL;
			else
				goto bad;
			i++;
		} else if (extra && (r = extra(argc, argv, i)) != 0) {
			if (r < 0)
				goto bad;
			i += r - 1;
		} else {
			goto bad;
		}
		continue;
bad:
		fprintf(stderr, "%s: bad or incomplete option '%s'\n\n", bcfg.prog, a);
		fputs(usage, stderr);
		return -1;
	}
	return 0;
}

/*
 * Run the selected tests in order. Returns the process exit status:
 * 0 if every selected test succeeded, 1 otherwise.
 */
BENCH_FN int bench_run(const struct bench_test *t, int n)
{
	cpu_set_t saved;
	uint64_t t0;
	int i, r;

	if (bcfg.pin == BENCH_PIN_ALL && bench_pin_cpu0(&saved)) {
		bench_cur = "setup";
		bench_sysfail("sched_setaffinity(CPU 0) for --pin all");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (!bench_selected(t[i].name))
			continue;
		bench_cur = t[i].name;
		bench_watchdog_arm();
		errno = 0;
		t0 = bench_now_ns();
		r = t[i].run();
		bench_watchdog_disarm();
		if (bcfg.verbose)
			printf("  [%s took %.2f s]\n", t[i].name,
			       (double)(bench_now_ns() - t0) / 1e9);
		bench_kill_children();	/* nothing may outlive its test */
		if (r) {
			bench_nfail++;
			printf("  (test %s failed; continuing)\n", t[i].name);
		}
		fflush(stdout);
	}
	bench_cur = "-";
	return bench_nfail ? 1 : 0;
}

/* Common start-up: line-buffered stdout, defaults. */
BENCH_FN void bench_init(const char *prog, const char *argv0)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	bcfg.prog = prog;
	bcfg.self = bench_self_path(argv0);
	bcfg.dir = "/tmp";
	bcfg.timeout = 900;
}

#endif /* CORDON_BENCH_H */
