// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 2
// EXPECT: pass
/*
 * The hypercall fuzzer: 1,000,000 pseudo-random hypercalls (xorshift64*,
 * seed printed; HC_FUZZ_SEED and HC_FUZZ_CALLS at build time for another
 * run, make fuzz-hypercalls), random operations (valid and not) with
 * arguments drawn from views, frames, counts, access masks and noise,
 * from CPL 0 on two vCPUs at once and from CPL 3, in three phases: views
 * on, then a frame sealed and one frozen, then LOCK. After every batch,
 * with both vCPUs idle:
 *
 *  - the sealed frame is accessible in its view only, and still holds what
 *    was written before the seal (the hypervisor never writes it);
 *  - the frozen frame keeps its access in every view that had it, and a
 *    view created since has none;
 *  - after LOCK, which views exist and the suppress-#VE bits of the pool
 *    do not change;
 *  - a batch from CPL 3 changes nothing at all;
 *  - QEMU is still running (the test ends with its report).
 *
 * What it does not fuzz, so that the test keeps running: frames outside
 * its pool (view 0 maps its own code and stack), hiding view 0, view
 * defaults other than RWX (either vCPU may switch into a view the other
 * created), and LOCK, SET_STATE(0), SEAL and FREEZE before their phase.
 */
#include "test.h"

#ifndef HC_FUZZ_SEED
#define HC_FUZZ_SEED	1
#endif
#ifndef HC_FUZZ_CALLS
#define HC_FUZZ_CALLS	1000000
#endif
#define BATCH		4096
#define POOL		16
#define MAX_VIEWS	16	/* -cpu max: cordon-views-count=16 */

static u8 pool[POOL][PAGE_SIZE] PAGE_ALIGNED;
static struct ve_info ve PAGE_ALIGNED;
/* Each vCPU's generator; rnd() below means the calling one's. */
static u64 rng_state[2] = { HC_FUZZ_SEED, HC_FUZZ_SEED ^ 0x9e3779b97f4a7c15ull };

static u64 rnd(void)
{
	u64 *r = &rng_state[this_cpu()->index ? 1 : 0];

	*r ^= *r >> 12;
	*r ^= *r << 25;
	*r ^= *r >> 27;
	return *r * 0x2545f4914f6cdd1dull;
}

static u64 pick(const u64 *v, int n)
{
	return v[rnd() % n];
}

static u64 pool_gfn(int i)
{
	return gfn_of(pool[i]);
}

/* An argument of the kind @kind, valid or not. */
enum { A_VIEW, A_GFN, A_COUNT, A_ACCESS, A_GPA, A_ANY };

static u64 arg(int kind)
{
	static const u64 noise[] = { 0, 1, 2, 0xffff, 0x10000, ~0ull,
				     1ull << 63, 0x7fffffffffffffffull };

	if (rnd() % 8 == 0) {
		u64 n = pick(noise, ARRAY_SIZE(noise));

		return kind == A_VIEW && n == 0 ? MAX_VIEWS + 1 : n;
	}
	switch (kind) {
	case A_VIEW:
		return 1 + rnd() % (MAX_VIEWS + 1);	/* never view 0 */
	case A_GFN:
		return rnd() % 16 ? pool_gfn(rnd() % POOL) : 1ull << 40;
	case A_COUNT:
		return 1 + rnd() % 3;
	case A_ACCESS:
		/* Mostly valid: R/W/X with the paging bits, write only with read. */
		if (rnd() % 8 == 0)
			return rnd() % 0x40;
		return (rnd() % 0x20) | CORDON_ACCESS_R;
	case A_GPA:
		return phys_of(pool[rnd() % POOL]) + (rnd() % 4 ? 0 : rnd() % PAGE_SIZE);
	default:
		return rnd();
	}
}

struct call {
	u64 op, a1, a2, a3, a4;
};

/* Views created with RWX by default: the test can run in them. */
static bool runnable[MAX_VIEWS + 2];
/* Each view's access to the frozen frame when it was frozen; -1: none. */
static long frozen_access[MAX_VIEWS + 1];

static void track(const struct call *c, long ret)
{
	if (c->op == CORDON_HC_CREATE_VIEW && ret > 0 && ret <= MAX_VIEWS)
		runnable[ret] = true;
	if (c->op == CORDON_HC_DESTROY_VIEW && ret == 0 && c->a1 <= MAX_VIEWS) {
		runnable[c->a1] = false;
		frozen_access[c->a1] = -1;	/* a new view there gets none */
	}
	if (c->op == CORDON_HC_SET_STATE && c->a1 == 0 && ret == 0)
		memset(runnable, 0, sizeof(runnable));
}

/*
 * A random call. View 0 is never a target; ranges stay in the pool or
 * lie wholly outside RAM; LOCK and SET_STATE(0) only when @late.
 */
static struct call random_call(bool late)
{
	struct call c = { .op = rnd() % (CORDON_HC_LAST + 3) };

	switch (c.op) {
	case CORDON_HC_SET_STATE:
		c.a1 = late ? rnd() % 2 : 1;
		break;
	case CORDON_HC_LOCK:
		if (!late)
			c.op = CORDON_HC_GET_STATE;
		break;
	}
	/* Before the seal phase, nothing that keeps SET_STATE(0) from working. */
	if (!late && (c.op == CORDON_HC_SEAL || c.op == CORDON_HC_FREEZE))
		c.op = CORDON_HC_GET_VIEW;
	switch (c.op) {
	case CORDON_HC_SET_STATE:
	case CORDON_HC_LOCK:
		break;
	case CORDON_HC_VE_ENABLE:
	case CORDON_HC_GET_COUNTERS:
		c.a1 = arg(A_GPA);
		break;
	case CORDON_HC_CREATE_VIEW:
		/*
		 * RWX, or a default that is refused: the other vCPU may switch
		 * into whatever view it finds at an index.
		 */
		c.a1 = rnd() % 4 ? CORDON_ACCESS_RWX : CORDON_ACCESS_RWX + 1 + rnd() % 8;
		break;
	case CORDON_HC_SET_ACCESS:
	case CORDON_HC_SET_SVE:
	case CORDON_HC_SEAL:
		c.a1 = arg(A_VIEW);
		c.a2 = arg(A_GFN);
		c.a3 = c.op == CORDON_HC_SET_ACCESS ? arg(A_ACCESS) :
		       c.op == CORDON_HC_SET_SVE ? rnd() % 3 : 1;
		break;
	case CORDON_HC_SET_ACCESS_RANGE:
	case CORDON_HC_SET_SVE_RANGE:
		c.a1 = arg(A_VIEW);
		c.a2 = pool_gfn(rnd() % (POOL - 3));
		c.a3 = arg(A_COUNT);
		c.a4 = c.op == CORDON_HC_SET_ACCESS_RANGE ? arg(A_ACCESS) :
		       rnd() % 2;
		break;
	case CORDON_HC_FREEZE:
		c.a1 = pool_gfn(2 + rnd() % (POOL - 5));
		c.a2 = arg(A_COUNT);
		break;
	case CORDON_HC_SET_AEX:
		c.a1 = arg(A_VIEW);
		c.a2 = rnd() % 2 ? arg(A_GPA) : 0;
		break;
	case CORDON_HC_SET_NMI_LATCH:
		c.a1 = arg(A_ANY);
		c.a2 = rnd() % 2 ? arg(A_GPA) : 0;
		break;
	case CORDON_HC_SWITCH_VIEW:
		/* Into a view the test's code and tables run in, or none. */
		c.a1 = arg(A_VIEW);
		if (c.a1 <= MAX_VIEWS && !runnable[c.a1])
			c.a1 = MAX_VIEWS + 1;
		break;
	case CORDON_HC_SET_VISIBILITY:
	case CORDON_HC_DESTROY_VIEW:
	case CORDON_HC_GET_ACCESS:
	case CORDON_HC_GET_SVE:
		c.a1 = arg(A_VIEW);
		c.a2 = c.op == CORDON_HC_SET_VISIBILITY ? rnd() % 2 : arg(A_GFN);
		break;
	default:
		c.a1 = arg(A_ANY);
		c.a2 = arg(A_ANY);
		c.a3 = arg(A_ANY);
		c.a4 = arg(A_ANY);
	}
	return c;
}

/* What a batch must not change: access and suppress-#VE of the pool. */
struct state {
	long access[MAX_VIEWS + 1][POOL];
	long sve[MAX_VIEWS + 1][POOL];
};

static void snapshot(struct state *s)
{
	int v, i;

	for (v = 0; v <= MAX_VIEWS; v++) {
		for (i = 0; i < POOL; i++) {
			s->access[v][i] = view_get_access(v, pool_gfn(i));
			s->sve[v][i] = view_get_sve(v, pool_gfn(i));
		}
	}
}

static long user_batch(void *arg)
{
	int *n = arg;
	int i;

	for (i = 0; i < *n; i++) {
		struct call c = random_call(true);

		hypercall(c.op, c.a1, c.a2, c.a3, c.a4);
	}
	return 0;
}

static u64 calls, fails;

/* @n random calls from CPL 0, back in view 0 after each. */
static void calls_from_cpl0(int n, bool late)
{
	int i;

	for (i = 0; i < n; i++) {
		struct call c = random_call(late);

		track(&c, hypercall(c.op, c.a1, c.a2, c.a3, c.a4));
		if (view_current() > 0)
			vmfunc(0, 0);
	}
}

/* The second vCPU: a batch of its own each time the first starts one. */
static struct {
	volatile int go, done;
	volatile bool late;
	volatile u64 calls;
} ap;

static void ap_body(void *unused)
{
	int stage;

	for (stage = 1;; stage++) {
		if (!wait_for(&ap.go, stage, 600000) )
			break;
		calls_from_cpl0(BATCH, ap.late);
		ap.calls += BATCH;
		ap.done = stage;
	}
	for (;;)
		asm volatile("cli; hlt");
}

/*
 * A batch on both vCPUs at once; both idle in view 0 afterwards, so that
 * the checks see a configuration nobody is changing.
 */
static void kernel_batch(int n, bool late)
{
	ap.late = late;
	ap.go = ap.go + 1;
	calls_from_cpl0(n, late);
	calls += n;
	if (!wait_for(&ap.done, ap.go, 600000))
		tap_bail("the second vCPU did not finish its batch");
	calls += BATCH;
}

static long sealed_view;

/* The sealed frame: only in its view, and as it was sealed. */
static bool sealed_ok(void)
{
	bool ok = true;
	u8 first, last;
	int v;

	for (v = 0; v <= MAX_VIEWS; v++) {
		long a = view_get_access(v, pool_gfn(0));

		if (v == sealed_view ? a <= 0 : a > 0)
			ok = false;
	}
	vmfunc(0, sealed_view);
	first = *(volatile u8 *)&pool[0][0];
	last = *(volatile u8 *)&pool[0][PAGE_SIZE - 1];
	vmfunc(0, 0);
	return ok && first == 0x5e && last == 0x5e;
}


/*
 * The frozen frame: a view that had it keeps its access until destroyed;
 * a view created since has none.
 */
static bool frozen_ok(void)
{
	int v;

	for (v = 0; v <= MAX_VIEWS; v++) {
		long a = view_get_access(v, pool_gfn(1));

		if (a < 0)
			continue;
		if (frozen_access[v] >= 0 ? a != frozen_access[v] : a != 0)
			return false;
	}
	return true;
}

static void user_round(int n, const char *phase)
{
	static struct state before, after;

	snapshot(&before);
	run_user(user_batch, &n);
	calls += n;
	snapshot(&after);
	if (memcmp(&before, &after, sizeof(before))) {
		fails++;
		tap_fail("%s: a batch from CPL 3 changed the views", phase);
	}
}

void test_main(void)
{
	static struct state locked, now;
	const u64 per_phase = HC_FUZZ_CALLS / 3;
	bool sealed = true, frozen = true, stable = true;
	u64 start;
	int v;

	note("seed %llu, %llu calls", (unsigned long long)HC_FUZZ_SEED,
	     (unsigned long long)HC_FUZZ_CALLS);
	views_enable();
	ve_setup(&ve);
	require(start_ap(1, ap_body, NULL), "second vCPU started");

	/* Phase 1: views on, nothing sealed; anything but LOCK. */
	for (start = calls; calls - start < per_phase;) {
		kernel_batch(BATCH, false);
		user_round(BATCH / 16, "phase 1");
	}
	check(true, "phase 1: %llu calls, QEMU still running",
	      (unsigned long long)(calls - start));

	/* Phase 2: a clean start, a frame sealed by a view, one frozen. */
	check_ret(hypercall(CORDON_HC_SET_STATE, 0, 0, 0, 0), 0,
		  "SET_STATE(0) before any seal: every view gone");
	views_enable();
	ve_setup(&ve);
	memset(runnable, 0, sizeof(runnable));
	sealed_view = view_create_checked(CORDON_ACCESS_RWX);
	runnable[sealed_view] = true;
	/* Other views for the fuzzer to aim at the sealed and frozen frames. */
	for (v = 0; v < 6; v++)
		runnable[view_create_checked(v % 2 ? CORDON_ACCESS_RWX :
					     CORDON_ACCESS_R)] = v % 2;
	memset(pool[0], 0x5e, PAGE_SIZE);
	check_ret(hypercall(CORDON_HC_SEAL, sealed_view, pool_gfn(0), 1, 0), 0,
		  "SEAL of pool[0] by view %ld", sealed_view);
	check_ret(hypercall(CORDON_HC_FREEZE, pool_gfn(1), 1, 0, 0), 0,
		  "FREEZE of pool[1]");
	for (v = 0; v <= MAX_VIEWS; v++)
		frozen_access[v] = view_get_access(v, pool_gfn(1));
	for (start = calls; calls - start < per_phase;) {
		kernel_batch(BATCH, true);
		/* SET_STATE(0) and LOCK came up: both refused or harmless. */
		user_round(BATCH / 16, "phase 2");
		sealed = sealed && sealed_ok();
		frozen = frozen && frozen_ok();
	}
	check(sealed, "phase 2: the sealed frame stayed in its view, unchanged");
	check(frozen, "phase 2: the frozen frame kept its access everywhere");

	/* Phase 3: locked. */
	check_ret(hypercall(CORDON_HC_LOCK, 0, 0, 0, 0), 0, "LOCK");
	snapshot(&locked);
	for (start = calls; calls - start < per_phase;) {
		kernel_batch(BATCH, true);
		user_round(BATCH / 16, "phase 3");
		sealed = sealed && sealed_ok();
		frozen = frozen && frozen_ok();
		snapshot(&now);
		for (v = 0; v <= MAX_VIEWS; v++) {
			/* Views neither come nor go; suppress-#VE stays. */
			if ((now.access[v][0] == -CORDON_EINVAL) !=
			    (locked.access[v][0] == -CORDON_EINVAL) ||
			    memcmp(now.sve[v], locked.sve[v], sizeof(now.sve[v])))
				stable = false;
		}
	}
	check(sealed, "phase 3: the sealed frame stayed in its view, unchanged");
	check(frozen, "phase 3: the frozen frame kept its access everywhere");
	check(stable, "phase 3: the locked configuration did not change");
	check_eq(fails, 0, "no batch from CPL 3 changed anything");
	check(calls >= HC_FUZZ_CALLS, "%llu hypercalls, seed %llu",
	      (unsigned long long)calls, (unsigned long long)HC_FUZZ_SEED);
}
