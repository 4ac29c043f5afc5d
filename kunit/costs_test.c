// SPDX-License-Identifier: GPL-2.0
/*
 * What a crossing costs, in guest instructions: the hypervisor's
 * instruction counter (CORDON_CTR_INSNS, QEMU -icount only) read around
 * each path, the median of many samples, less the cost of reading it.
 * scripts/measure-crossings boots this suite with -icount on one vCPU
 * and puts the "cost:" lines in the benchmark report; without -icount
 * the counter reads 0 and the suite skips.
 *
 * Each test also holds its path to a budget: the count measured when the
 * suite was written (session 10), with about 10% room (more for the
 * forwarded interrupt, whose tick handler varies). A path that grows past
 * it fails here; raise a budget only with the reason in the commit.
 */

#include <kunit/test.h>
#include <linux/cordon-views-abi.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>
#include <asm/hardirq.h>

#include "backend.h"
#include "compartment.h"
#include "compiled_test.h"
#include "demo.h"
#include "flask/server_api.h"
#include "gate.h"
#include "report.h"
#include "sealed.h"
#include "sealed_selinux_policy.h"
#include "setup.h"
#include "ve/ve.h"

#define SAMPLES 33

/* What the emulator counts over one path: per CORDON_CTR_*. */
struct cost {
	u64 n[CORDON_CTR_NR];
};

static u64 *ctr;
static struct cost read_cost;
/*
 * The hypervisor's counters: it answers GET_COUNTERS with Cordon off too
 * (cordon=off), which the AVC's unsealed costs are measured with.
 */
static const struct cordon_backend_ops *counters;

static void read_counters(u64 *out)
{
	counters->counters(virt_to_phys(ctr));
	memcpy(out, ctr, CORDON_CTR_NR * sizeof(u64));
}

/* The guest instructions retired so far (0 without -icount). */
static u64 insns(void)
{
	u64 c[CORDON_CTR_NR];

	read_counters(c);
	return c[CORDON_CTR_INSNS];
}

static int cmp_u64(const void *a, const void *b)
{
	const u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 median(u64 *v, unsigned int n)
{
	sort(v, n, sizeof(*v), cmp_u64, NULL);
	return v[n / 2];
}

/*
 * Medians of what fn(arg) adds to each counter, interrupts off, less what
 * reading the counters adds. @before runs first, outside the count.
 */
static u64 v[CORDON_CTR_NR][8 * SAMPLES];

static struct cost measure(void (*fn)(long), long arg, void (*before)(void))
{
	u64 a[CORDON_CTR_NR], b[CORDON_CTR_NR];
	struct cost c;
	unsigned long flags;
	unsigned int i, k;

	for (i = 0; i < SAMPLES; i++) {
		if (before)
			before();
		local_irq_save(flags);
		read_counters(a);
		fn(arg);
		read_counters(b);
		local_irq_restore(flags);
		for (k = 0; k < CORDON_CTR_NR; k++)
			v[k][i] = b[k] - a[k];
	}
	for (k = 0; k < CORDON_CTR_NR; k++)
		c.n[k] = median(v[k], SAMPLES) - read_cost.n[k];
	return c;
}

/* a - b, counter by counter, divided by @div. */
static struct cost minus(struct cost a, struct cost b, u64 div)
{
	unsigned int k;

	for (k = 0; k < CORDON_CTR_NR; k++)
		a.n[k] = (a.n[k] - b.n[k]) / div;
	return a;
}

static void nothing(long arg)
{
}

static int costs_init(struct kunit_suite *suite)
{
	struct cordon_backend_info info;

	ctr = kmalloc_array(CORDON_CTR_NR, sizeof(u64), GFP_KERNEL);
	if (!ctr)
		return -ENOMEM;
	counters = cordon_state.backend;
	if (!counters && !cordon_views_backend.probe(&info))
		counters = &cordon_views_backend;
	return 0;
}

static void costs_exit(struct kunit_suite *suite)
{
	kfree(ctr);
}

static void need_icount(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	if (!counters || !insns())
		kunit_skip(test, "no instruction counter: run under QEMU -icount (scripts/measure-crossings)");
	memset(&read_cost, 0, sizeof(read_cost));
	read_cost = measure(nothing, 0, NULL);
}

/*
 * One line per path for scripts/measure-crossings: the instructions, and
 * the events the cost model prices (benchmarks/cost-model.conf).
 */
static void report(struct kunit *test, const char *what, struct cost c,
		   u64 budget)
{
	kunit_info(test, "cost: %s: insns=%llu vmfunc=%llu ve=%llu hypercalls=%llu\n",
		   what, c.n[CORDON_CTR_INSNS], c.n[CORDON_CTR_VMFUNC],
		   c.n[CORDON_CTR_VE], c.n[CORDON_CTR_HYPERCALL]);
	KUNIT_EXPECT_LE_MSG(test, c.n[CORDON_CTR_INSNS], budget,
			    "%s grew past its budget", what);
}

static void demo_sum(long arg)
{
	cordon_gate(cordon_demo_gates.sum, 1, 2, 3);
}

static void compiled_sum(long arg)
{
	cordon_ctest_ops.sum(1, 2, 3);
}

static void sealed_call(long arg)
{
	cordon_gate(cordon_sealed_gate(), 0, 0, 0);
}

static void compiled_exits(long n)
{
	cordon_ctest_ops.exits(n);
}

static u64 grant_target[PAGE_SIZE / sizeof(u64)] __aligned(PAGE_SIZE);
static u64 deny_target[PAGE_SIZE / sizeof(u64)] __aligned(PAGE_SIZE);

static void demo_write_grant(long arg)
{
	cordon_gate(cordon_demo_gates.write, (long)&grant_target[0], arg, 0);
}

static void demo_write_deny(long arg)
{
	cordon_gate(cordon_demo_gates.write, (long)&deny_target[0], arg, 0);
}

static void revoke_demo(void)
{
	cordon_ve_revoke_grants(cordon_demo_gates.write->view);
}

/* A call into cordon_demo and back (cordon_demo_sum: three instructions). */
static void test_untrusted_round_trip(struct kunit *test)
{
	need_icount(test);
	report(test, "untrusted round trip (cordon_gate, cordon_demo_sum)",
	       measure(demo_sum, 0, NULL), 430);
}

static struct cordon_gate forged;

static void refused_call(long arg)
{
	cordon_gate(&forged, 1, 2, 3);
}

/*
 * The share of a round trip that is not the crossing itself: a copy of
 * the demo's gate, which cordon_gate() takes through all its bookkeeping
 * and the gate refuses before its first VMFUNC (-EINVAL).
 */
static void test_bookkeeping_without_crossing(struct kunit *test)
{
	need_icount(test);
	forged = *cordon_demo_gates.sum;
	KUNIT_ASSERT_EQ(test, cordon_gate(&forged, 1, 2, 3), -EINVAL);
	report(test, "refused descriptor (cordon_gate bookkeeping, no VMFUNC)",
	       measure(refused_call, 0, NULL), 250);
}

/*
 * A compiled entry point: its wrapper, lends set up and revoked. The lends
 * live on the stack, which CONFIG_INIT_STACK_ALL_ZERO clears: a memset
 * (REP STOSB) of about a kilobyte, each byte one instruction to -icount.
 */
static void test_compiled_round_trip(struct kunit *test)
{
	need_icount(test);
	report(test, "compiled round trip (ctest sum, wrapper and lends)",
	       measure(compiled_sum, 0, NULL), 1500);
}

static void test_sealed_round_trip(struct kunit *test)
{
	need_icount(test);
	report(test, "sealed round trip (cordon_gate, checksum of 0 rounds)",
	       measure(sealed_call, 0, NULL), 440);
}

/* One exit out of a compiled compartment and back into it. */
static void test_exit_call(struct kunit *test)
{
	struct cost many, none;

	need_icount(test);
	many = measure(compiled_exits, 64, NULL);
	none = measure(compiled_exits, 0, NULL);
	KUNIT_ASSERT_GT(test, many.n[CORDON_CTR_INSNS], none.n[CORDON_CTR_INSNS]);
	report(test, "exit-gate call (cordon_ctest_kernel_count)",
	       minus(many, none, 64), 260);
}

/* A #VE that grants: the store that raised it, less the same store once open. */
static void test_ve_grant(struct kunit *test)
{
	struct cordon_compartment *demo, *kernel;
	long granted = atomic_long_read(&cordon_counters[CORDON_CTR_VE_GRANTED]);
	struct cost with_ve, without;

	need_icount(test);
	demo = cordon_compartment_by_view(cordon_demo_gates.write->view);
	kernel = cordon_compartment_by_id(0);
	KUNIT_ASSERT_EQ(test, cordon_compartment_add_grant(demo, kernel,
							   CORDON_ACCESS_W), 0);
	with_ve = measure(demo_write_grant, 1, revoke_demo);
	without = measure(demo_write_grant, 2, NULL);
	cordon_compartment_remove_grant(demo, kernel);
	revoke_demo();
	KUNIT_EXPECT_GE(test,
			atomic_long_read(&cordon_counters[CORDON_CTR_VE_GRANTED]),
			granted + SAMPLES);
	KUNIT_ASSERT_GT(test, with_ve.n[CORDON_CTR_INSNS],
			without.n[CORDON_CTR_INSNS]);
	report(test, "#VE that grants (demo store, grant kernel W)",
	       minus(with_ve, without, 1), 640);
}

/*
 * A #VE that denies: the store that is refused, less a store that needs
 * none. Reports are rate-limited: the samples come after the limit is
 * reached, so they count the decision, not the printing.
 */
static void test_ve_deny(struct kunit *test)
{
	struct cost denied, plain;
	unsigned int i;

	need_icount(test);
	for (i = 0; i < 30; i++)
		demo_write_deny(i);
	denied = measure(demo_write_deny, 1, NULL);
	plain = measure(demo_sum, 0, NULL);
	KUNIT_EXPECT_EQ(test, deny_target[0], 0);
	KUNIT_ASSERT_GT(test, denied.n[CORDON_CTR_INSNS],
			plain.n[CORDON_CTR_INSNS]);
	report(test, "#VE that denies (demo store, report rate-limited)",
	       minus(denied, plain, 1), 650);
}

/* cordon_demo_spin's loop, in the kernel view. */
static noinline void kernel_spin(long n)
{
	asm volatile("1: decq %0\n\tjg 1b" : "+r"(n));
}

static void demo_spin(long n)
{
	cordon_gate(cordon_demo_gates.spin, n, 0, 0);
}

/*
 * Medians of what fn(n) adds to each counter with interrupts on, over the
 * samples in which exactly @ticks timer interrupts arrived; false if too
 * few did.
 */
static bool spin_with_ticks(void (*fn)(long), long n, unsigned int ticks,
			    struct cost *c)
{
	u64 a[CORDON_CTR_NR], b[CORDON_CTR_NR];
	unsigned int got = 0, t, tries, k;

	for (tries = 0; tries < 8 * SAMPLES && got < SAMPLES; tries++) {
		t = this_cpu_read(irq_stat.apic_timer_irqs);
		read_counters(a);
		fn(n);
		read_counters(b);
		if (this_cpu_read(irq_stat.apic_timer_irqs) - t != ticks)
			continue;
		for (k = 0; k < CORDON_CTR_NR; k++)
			v[k][got] = b[k] - a[k];
		got++;
	}
	for (k = 0; k < CORDON_CTR_NR; k++)
		c->n[k] = got ? median(v[k], got) : 0;
	return got >= SAMPLES / 2;
}

/*
 * An interrupt forwarded out of a compartment: what a timer tick adds to
 * a spin in cordon_demo, less what it adds to the same spin in the
 * kernel (the handler itself).
 */
static void test_forwarded_interrupt(struct kunit *test)
{
	/* 2 instructions a round: about half a tick at HZ 250, 1 ns each. */
	const long n = 1000000;
	struct cost c0, c1, k0, k1, in_compartment, in_kernel;
	bool ok;

	need_icount(test);
	preempt_disable();
	ok = spin_with_ticks(demo_spin, n, 0, &c0) &&
	     spin_with_ticks(demo_spin, n, 1, &c1) &&
	     spin_with_ticks(kernel_spin, n, 0, &k0) &&
	     spin_with_ticks(kernel_spin, n, 1, &k1);
	preempt_enable();
	KUNIT_ASSERT_TRUE_MSG(test, ok, "too few samples with 0 and 1 ticks");
	in_compartment = minus(c1, c0, 1);
	in_kernel = minus(k1, k0, 1);
	KUNIT_ASSERT_GT(test, in_compartment.n[CORDON_CTR_INSNS],
			in_kernel.n[CORDON_CTR_INSNS]);
	report(test, "forwarded interrupt (timer tick, beyond its handler)",
	       minus(in_compartment, in_kernel, 1), 450);
}

#ifdef CONFIG_CORDON_SEAL_SELINUX
/*
 * The AVC, with the SELinux server sealed (Cordon on) and unsealed
 * (cordon=off, the same kernel): a check that misses, which asks the
 * server for the decision and caches it, and one that hits. The triple
 * is one of the suite cordon_sealed_selinux's policy, loaded here if no
 * policy is.
 */
static u32 avc_ssid, avc_tsid, avc_perm;
static u16 avc_class;

/* The counters, with Cordon on or off. */
static void need_counters(struct kunit *test)
{
	if (!counters)
		kunit_skip(test, "the hypervisor offers no views, nor their counters");
	if (!insns())
		kunit_skip(test, "no instruction counter: run under QEMU -icount (scripts/measure-crossings)");
	memset(&read_cost, 0, sizeof(read_cost));
	read_cost = measure(nothing, 0, NULL);
}

static void need_avc(struct kunit *test)
{
	const char *ctx_b = "system_u:system_r:ctest_b_t";
	const char *ctx_file = "system_u:object_r:file_t";
	size_t len = cordon_test_policy_end - cordon_test_policy;
	void *ls[CORDON_LOAD_STATE_WORDS] = {};
	void *copy;
	u16 i;

	need_counters(test);
	if (!cordon_flask_initialized()) {
		copy = vmalloc(len);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		memcpy(copy, cordon_test_policy, len);
		KUNIT_ASSERT_EQ(test, security_load_policy(&selinux_state, copy,
				len, (struct selinux_load_state *)ls), 0);
		vfree(copy);
		selinux_policy_commit(&selinux_state,
				      (struct selinux_load_state *)ls);
	}
	KUNIT_ASSERT_EQ(test, security_context_str_to_sid(&selinux_state,
			ctx_b, &avc_ssid, GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, security_context_str_to_sid(&selinux_state,
			ctx_file, &avc_tsid, GFP_KERNEL), 0);
	/* dir { search }: the kernel's class value and permission bit. */
	for (i = 0; secclass_map[i].name; i++)
		if (!strcmp(secclass_map[i].name, "dir"))
			break;
	KUNIT_ASSERT_NOT_NULL(test, secclass_map[i].name);
	avc_class = i + 1;
	for (avc_perm = 0; secclass_map[i].perms[avc_perm]; avc_perm++)
		if (!strcmp(secclass_map[i].perms[avc_perm], "search"))
			break;
	KUNIT_ASSERT_NOT_NULL(test, secclass_map[i].perms[avc_perm]);
	avc_perm = 1U << avc_perm;
}

static void avc_check(long arg)
{
	struct av_decision *avd = (struct av_decision *)arg;

	avc_has_perm_noaudit(&selinux_state, avc_ssid, avc_tsid, avc_class,
			     avc_perm, 0, avd);
}

static void avc_empty(void)
{
	cordon_avc_flush();
}

static const char *avc_server(void)
{
	return cordon_active() ? "server sealed" :
	       "server unsealed (cordon=off)";
}

/* A miss: the decision computed and cached, the crossing (if sealed). */
static void test_avc_miss(struct kunit *test)
{
	u32 avd[CORDON_AVD_WORDS] = {};
	char what[64];

	need_avc(test);
	avc_empty();
	avc_check((long)avd);
	KUNIT_ASSERT_TRUE(test, avd[CORDON_AVD_ALLOWED] & avc_perm);
	snprintf(what, sizeof(what), "AVC miss, %s", avc_server());
	/* Measured at 3,797 and 2,150 (session 16). */
	report(test, what, measure(avc_check, (long)avd, avc_empty),
	       cordon_active() ? 4200 : 2350);
}

/* A hit: the lookup in the server's kernel-readable cache, no crossing. */
static void test_avc_hit(struct kunit *test)
{
	u32 avd[CORDON_AVD_WORDS] = {};
	struct cost c;
	char what[64];

	need_avc(test);
	avc_check((long)avd);
	c = measure(avc_check, (long)avd, NULL);
	KUNIT_EXPECT_EQ(test, c.n[CORDON_CTR_VMFUNC], 0ULL);
	snprintf(what, sizeof(what), "AVC hit, %s", avc_server());
	/* Measured at 89 either way (session 16). */
	report(test, what, c, 100);
}
#endif

static struct kunit_case costs_cases[] = {
	KUNIT_CASE(test_untrusted_round_trip),
	KUNIT_CASE(test_bookkeeping_without_crossing),
	KUNIT_CASE(test_compiled_round_trip),
	KUNIT_CASE(test_sealed_round_trip),
	KUNIT_CASE(test_exit_call),
	KUNIT_CASE(test_ve_grant),
	KUNIT_CASE(test_ve_deny),
	KUNIT_CASE(test_forwarded_interrupt),
#ifdef CONFIG_CORDON_SEAL_SELINUX
	KUNIT_CASE(test_avc_miss),
	KUNIT_CASE(test_avc_hit),
#endif
	{}
};

static struct kunit_suite costs_suite = {
	.name = "cordon_costs",
	.suite_init = costs_init,
	.suite_exit = costs_exit,
	.test_cases = costs_cases,
};
kunit_test_suite(costs_suite);

MODULE_LICENSE("GPL");
