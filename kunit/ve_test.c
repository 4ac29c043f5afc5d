// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Cordon's #VE handler, sealing and lock: each attack is
 * tried for real on the views-enabled QEMU and must fail, be counted and be
 * reported. Reports are captured from the console, as KFENCE's tests do.
 */

#include <kunit/test.h>
#include <linux/cordon-views-abi.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <trace/events/cordon.h>
#include <trace/events/printk.h>

#include "backend.h"
#include "compartment.h"
#include "demo.h"
#include "gate.h"
#include "mode.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"
#include "ve/ve.h"

/* === Console capture === */

static struct {
	spinlock_t lock;
	char header[256];
} observed = {
	.lock = __SPIN_LOCK_UNLOCKED(observed.lock),
};

static void probe_console(void *ignore, const char *buf, size_t len)
{
	const char *h = strnstr(buf, "BUG: CORDON: ", len);
	unsigned long flags;

	if (!h)
		return;
	spin_lock_irqsave(&observed.lock, flags);
	strscpy(observed.header, h,
		min(sizeof(observed.header), (size_t)(buf + len - h) + 1));
	spin_unlock_irqrestore(&observed.lock, flags);
}

static void reset_observed(void)
{
	unsigned long flags;

	spin_lock_irqsave(&observed.lock, flags);
	observed.header[0] = '\0';
	spin_unlock_irqrestore(&observed.lock, flags);
}

static bool observed_starts_with(const char *const prefix)
{
	unsigned long flags;
	bool ret;

	spin_lock_irqsave(&observed.lock, flags);
	ret = !strncmp(observed.header, prefix, strlen(prefix));
	spin_unlock_irqrestore(&observed.lock, flags);
	return ret;
}

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static void need_views(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	KUNIT_ASSERT_NOT_NULL(test, cordon_sealed_secret());
}

/* === Attacks on the sealed compartment === */

static void test_kernel_read_of_sealed_memory_is_denied(struct kunit *test)
{
	void *secret;
	u64 val = 0x5a5a5a5a5a5a5a5aull;
	struct cordon_ve_event ev;
	long denied;
	int ret;

	need_views(test);
	secret = cordon_sealed_secret();
	denied = counter(CORDON_CTR_VE_DENIED);
	reset_observed();

	preempt_disable();
	ret = copy_from_kernel_nofault(&val, secret, sizeof(val));
	KUNIT_EXPECT_TRUE(test, cordon_ve_last(smp_processor_id(), &ev));
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, val, 0x5a5a5a5a5a5a5a5aull);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
	KUNIT_EXPECT_TRUE(test, observed_starts_with(
		"BUG: CORDON: sealed memory read in copy_from_kernel_nofault"));
	/* The #VE information the hypervisor delivered, decoded. */
	KUNIT_EXPECT_EQ(test, ev.reason, CORDON_VE_EXIT_REASON_EPT);
	KUNIT_EXPECT_EQ(test, ev.view, 0);
	KUNIT_EXPECT_EQ(test, ev.gla, (u64)secret);
	KUNIT_EXPECT_EQ(test, ev.gpa, (u64)virt_to_phys(secret));
	KUNIT_EXPECT_EQ(test, ev.qual, CORDON_VE_QUAL_READ |
			CORDON_VE_QUAL_GLA_VALID | CORDON_VE_QUAL_FINAL);
}

static void test_kernel_write_to_sealed_memory_is_denied(struct kunit *test)
{
	u64 val = 0;
	struct cordon_ve_event ev;
	long denied;
	int ret;

	need_views(test);
	denied = counter(CORDON_CTR_VE_DENIED);
	reset_observed();

	preempt_disable();
	ret = copy_to_kernel_nofault(cordon_sealed_secret(), &val, sizeof(val));
	KUNIT_EXPECT_TRUE(test, cordon_ve_last(smp_processor_id(), &ev));
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
	KUNIT_EXPECT_TRUE(test, observed_starts_with(
		"BUG: CORDON: sealed memory write in copy_to_kernel_nofault"));
	KUNIT_EXPECT_EQ(test, ev.qual, CORDON_VE_QUAL_WRITE |
			CORDON_VE_QUAL_GLA_VALID | CORDON_VE_QUAL_FINAL);
}

/*
 * A #VE raised inside the #VE handler: a probe on the cordon_ve tracepoint
 * (which runs inside the handler) reads sealed memory once more.
 */
static struct {
	atomic_t depth, calls;
	int inner_ret;
	u64 inner_gla;
} nest;

static void probe_ve_nest(void *ignore, unsigned int view, u64 gla, u64 gpa,
			  u64 qual, unsigned long rip, int verdict)
{
	u64 val;

	atomic_inc(&nest.calls);
	if (atomic_inc_return(&nest.depth) == 1) {
		nest.inner_gla = (u64)cordon_sealed_secret() + 8;
		nest.inner_ret = copy_from_kernel_nofault(&val,
			(void *)nest.inner_gla, sizeof(val));
	}
	atomic_dec(&nest.depth);
}

static void test_nested_ve_is_handled(struct kunit *test)
{
	struct cordon_ve_event ev;
	long total, denied;
	u64 val = 0;
	int ret;

	need_views(test);
	memset(&nest, 0, sizeof(nest));
	total = counter(CORDON_CTR_VE_TOTAL);
	denied = counter(CORDON_CTR_VE_DENIED);
	KUNIT_ASSERT_EQ(test, register_trace_cordon_ve(probe_ve_nest, NULL), 0);
	preempt_disable();
	ret = copy_from_kernel_nofault(&val, cordon_sealed_secret(), sizeof(val));
	KUNIT_EXPECT_TRUE(test, cordon_ve_last(smp_processor_id(), &ev));
	preempt_enable();
	unregister_trace_cordon_ve(probe_ve_nest, NULL);
	tracepoint_synchronize_unregister();

	/* Both reads were denied; the handler neither hung nor lost either. */
	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, nest.inner_ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, atomic_read(&nest.calls), 2);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_TOTAL), total + 2);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 2);
	/* The inner #VE came with its own information, recorded last. */
	KUNIT_EXPECT_EQ(test, ev.gla, nest.inner_gla);
	KUNIT_EXPECT_EQ(test, ev.gpa, (u64)virt_to_phys(cordon_sealed_secret()) + 8);
}

/* A compromised kernel asks the hypervisor to open the sealed memory. */
static void test_seal_refuses_to_open_sealed_memory(struct kunit *test)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	u64 pfn;

	need_views(test);
	pfn = PHYS_PFN(virt_to_phys(cordon_sealed_secret()));
	KUNIT_EXPECT_EQ(test, be->set_access(0, pfn, 1, CORDON_ACCESS_RWX),
			-EACCES);
	KUNIT_EXPECT_EQ(test, be->get_access(0, pfn), 0);
	/* Nor may the sealing view itself be changed. */
	KUNIT_EXPECT_EQ(test, be->set_access(cordon_compartment_by_id(1)->view,
					     pfn, 1, CORDON_ACCESS_RWX),
			-EACCES);
}

/* === Lock === */

static void test_reconfiguration_after_lock_is_refused(struct kunit *test)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	struct cordon_compartment *c;
	long refused;
	u16 sealed_view;

	need_views(test);
	KUNIT_ASSERT_TRUE(test, cordon_state.locked);
	refused = counter(CORDON_CTR_RECONFIG_REFUSED);
	reset_observed();

	c = cordon_compartment_create("late", CORDON_KIND_UNTRUSTED);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(c), -EROFS);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_RECONFIG_REFUSED), refused + 1);
	KUNIT_EXPECT_TRUE(test, observed_starts_with(
		"BUG: CORDON: reconfiguration after lock: creating a view refused (-30)"));
	/* The sealing view can be neither destroyed nor hidden. */
	sealed_view = cordon_compartment_by_id(1)->view;
	KUNIT_EXPECT_LT(test, be->destroy_view(sealed_view), 0);
	KUNIT_EXPECT_LT(test, be->set_visibility(sealed_view, false), 0);
}

/* === The decision function === */

static void test_decide_denies_sealed_memory_even_when_asked_nicely(struct kunit *test)
{
	struct cordon_ve_event ev = {
		.reason = CORDON_VE_EXIT_REASON_EPT,
		.qual = CORDON_VE_QUAL_READ | CORDON_VE_QUAL_FINAL,
		.view = 0,
	};

	need_views(test);
	ev.gpa = virt_to_phys(cordon_sealed_secret());
	KUNIT_EXPECT_EQ(test, cordon_ve_decide(&ev), CORDON_VERDICT_DENY);
}

static void test_decide_fails_closed(struct kunit *test)
{
	struct cordon_ve_event ev = {
		.reason = CORDON_VE_EXIT_REASON_EPT,
		.qual = CORDON_VE_QUAL_READ | CORDON_VE_QUAL_FINAL,
		.gpa = 0x100000,
	};

	need_views(test);
	/* A view no compartment uses. */
	ev.view = CORDON_VIEWS_MAX - 1;
	KUNIT_EXPECT_EQ(test, cordon_ve_decide(&ev), CORDON_VERDICT_DENY);
	/* Not an EPT violation. */
	ev.view = 0;
	ev.reason = 0;
	KUNIT_EXPECT_EQ(test, cordon_ve_decide(&ev), CORDON_VERDICT_DENY);
	/* Beyond the ownership map. */
	ev.reason = CORDON_VE_EXIT_REASON_EPT;
	ev.gpa = ~0ull & PAGE_MASK;
	KUNIT_EXPECT_EQ(test, cordon_ve_decide(&ev), CORDON_VERDICT_DENY);
}

static void test_access_of_qualification(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cordon_ve_access(CORDON_VE_QUAL_READ),
			CORDON_ACCESS_R);
	KUNIT_EXPECT_EQ(test, cordon_ve_access(CORDON_VE_QUAL_WRITE),
			CORDON_ACCESS_W);
	KUNIT_EXPECT_EQ(test, cordon_ve_access(CORDON_VE_QUAL_FETCH |
					       CORDON_VE_QUAL_READABLE),
			CORDON_ACCESS_X);
}

/* === Suite === */

static void register_console_probe(struct tracepoint *tp, void *ignore)
{
	check_trace_callback_type_console(probe_console);
	if (!strcmp(tp->name, "console"))
		WARN_ON(tracepoint_probe_register(tp, probe_console, NULL));
}

static void unregister_console_probe(struct tracepoint *tp, void *ignore)
{
	if (!strcmp(tp->name, "console"))
		tracepoint_probe_unregister(tp, probe_console, NULL);
}

static int ve_suite_init(struct kunit_suite *suite)
{
	for_each_kernel_tracepoint(register_console_probe, NULL);
	return 0;
}

static void ve_suite_exit(struct kunit_suite *suite)
{
	for_each_kernel_tracepoint(unregister_console_probe, NULL);
	tracepoint_synchronize_unregister();
}

static struct kunit_case cordon_ve_cases[] = {
	KUNIT_CASE(test_kernel_read_of_sealed_memory_is_denied),
	KUNIT_CASE(test_kernel_write_to_sealed_memory_is_denied),
	KUNIT_CASE(test_nested_ve_is_handled),
	KUNIT_CASE(test_seal_refuses_to_open_sealed_memory),
	KUNIT_CASE(test_reconfiguration_after_lock_is_refused),
	KUNIT_CASE(test_decide_denies_sealed_memory_even_when_asked_nicely),
	KUNIT_CASE(test_decide_fails_closed),
	KUNIT_CASE(test_access_of_qualification),
	{}
};

static struct kunit_suite cordon_ve_suite = {
	.name = "cordon_ve",
	.suite_init = ve_suite_init,
	.suite_exit = ve_suite_exit,
	.test_cases = cordon_ve_cases,
};
kunit_test_suite(cordon_ve_suite);

/* === Permissive mode, end to end (boot with cordon=permissive) === */

static u64 permissive_target[2][PAGE_SIZE / sizeof(u64)] __aligned(PAGE_SIZE);

static void test_permissive_mode_logs_once_and_grants(struct kunit *test)
{
	const struct cordon_gate *write = cordon_demo_gates.write;
	long permissive, denied;
	u64 val = 0;

	if (cordon_mode() != CORDON_MODE_PERMISSIVE)
		kunit_skip(test, "runs in a boot with cordon=permissive");
	KUNIT_ASSERT_NOT_NULL(test, write);
	permissive = counter(CORDON_CTR_VE_PERMISSIVE);
	reset_observed();

	/* What enforcing mode denies happens, and is reported. */
	KUNIT_EXPECT_EQ(test, cordon_gate(write, (long)&permissive_target[0][0],
					  0x1111, 0), 0);
	KUNIT_EXPECT_EQ(test, permissive_target[0][0], 0x1111);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_PERMISSIVE), permissive + 1);
	KUNIT_EXPECT_TRUE(test, observed_starts_with(
		"BUG: CORDON: permissive write in cordon_demo_write"));

	/* The page stays open: no second #VE for it. */
	KUNIT_EXPECT_EQ(test, cordon_gate(write, (long)&permissive_target[0][1],
					  0x2222, 0), 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_PERMISSIVE), permissive + 1);

	/* Another page of the same owner: a #VE, but no second report. */
	reset_observed();
	KUNIT_EXPECT_EQ(test, cordon_gate(write, (long)&permissive_target[1][0],
					  0x3333, 0), 0);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_PERMISSIVE), permissive + 2);
	KUNIT_EXPECT_FALSE(test, observed_starts_with("BUG: CORDON: permissive"));
	cordon_ve_revoke_grants(write->view);

	/* Sealed memory is denied whatever the mode. */
	denied = counter(CORDON_CTR_VE_DENIED);
	KUNIT_EXPECT_EQ(test, copy_from_kernel_nofault(&val,
			cordon_sealed_secret(), sizeof(val)), -EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
}

static struct kunit_case cordon_permissive_cases[] = {
	KUNIT_CASE(test_permissive_mode_logs_once_and_grants),
	{}
};

static struct kunit_suite cordon_permissive_suite = {
	.name = "cordon_permissive",
	.suite_init = ve_suite_init,
	.suite_exit = ve_suite_exit,
	.test_cases = cordon_permissive_cases,
};
kunit_test_suite(cordon_permissive_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
