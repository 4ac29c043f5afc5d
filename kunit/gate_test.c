// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Cordon's gates and compartments, on the views-enabled
 * QEMU: crossings that must work, and attacks that must fail, be counted
 * and be reported.
 */

#include <kunit/test.h>
#include <linux/cordon-views-abi.h>
#include <linux/cred.h>
#include <linux/init_task.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/smp.h>
#include <asm/asm.h>
#include <asm/fpu/api.h>
#include <trace/events/cordon.h>

#include "backend.h"
#include "compartment.h"
#include "demo.h"
#include "gate.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"
#include "ve/ve.h"

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static void need_views(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	KUNIT_ASSERT_NOT_NULL(test, cordon_demo_gates.sum);
}

static int current_view(void)
{
	return cordon_state.backend->current_view();
}

/* === Crossings that work === */

static atomic_t traced_gates;
static long traced_ret;

static void probe_gate(void *ignore, unsigned int view,
		       unsigned int compartment, long ret)
{
	atomic_inc(&traced_gates);
	WRITE_ONCE(traced_ret, ret);
}

static void test_gate_round_trip(struct kunit *test)
{
	long crossings;

	need_views(test);
	crossings = counter(CORDON_CTR_GATE_CROSSINGS);
	atomic_set(&traced_gates, 0);
	KUNIT_ASSERT_EQ(test, register_trace_cordon_gate(probe_gate, NULL), 0);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 39), 42);
	unregister_trace_cordon_gate(probe_gate, NULL);
	tracepoint_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_CROSSINGS), crossings + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&traced_gates), 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(traced_ret), 42);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_gate_scrubs_kernel_registers(struct kunit *test)
{
	need_views(test);
	/* Every register but the arguments reaches the compartment as 0. */
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.regs, 0, 0, 0), 0);
}

static void test_gate_scrubs_compartment_registers(struct kunit *test)
{
	const struct cordon_gate *g = cordon_demo_gates.dirty;
	long r8, r9, r10, r11, a0 = 0, a1 = 0, a2 = 0, ret;

	need_views(test);
	preempt_disable();
	/* Call the trampoline directly, so the registers can be read after. */
	asm volatile("call cordon_gate_call\n\t"
		     "movq %%r8, %[r8]\n\t"
		     "movq %%r9, %[r9]\n\t"
		     "movq %%r10, %[r10]\n\t"
		     "movq %%r11, %[r11]\n\t"
		     : "=a"(ret), [r8] "=m"(r8), [r9] "=m"(r9),
		       [r10] "=m"(r10), [r11] "=m"(r11),
		       "+D"(g), "+S"(a0), "+d"(a1), "+c"(a2)
		     : : "r8", "r9", "r10", "r11", "memory", "cc");
	preempt_enable();
	/* cordon_demo_dirty left 0x5ec2e7 in all of them. */
	KUNIT_EXPECT_EQ(test, ret, 1);
	KUNIT_EXPECT_EQ(test, r8, 0);
	KUNIT_EXPECT_EQ(test, r9, 0);
	KUNIT_EXPECT_EQ(test, r10, 0);
	KUNIT_EXPECT_EQ(test, r11, 0);
	KUNIT_EXPECT_EQ(test, (long)g, 0);
	KUNIT_EXPECT_EQ(test, a0, 0);
	KUNIT_EXPECT_EQ(test, a1, 0);
	KUNIT_EXPECT_EQ(test, a2, 0);
}

static void test_gate_switches_to_the_compartment_stack(struct kunit *test)
{
	unsigned long base, sp;

	need_views(test);
	preempt_disable();
	base = (unsigned long)cordon_demo_stacks() +
	       smp_processor_id() * CORDON_GATE_STACK_SIZE;
	sp = cordon_gate_call(cordon_demo_gates.stack, 0, 0, 0);
	preempt_enable();
	KUNIT_EXPECT_GT(test, sp, base);
	KUNIT_EXPECT_LE(test, sp, base + CORDON_GATE_STACK_SIZE);
}

static void test_sealed_gate_reads_the_secret(struct kunit *test)
{
	need_views(test);
	KUNIT_EXPECT_EQ(test, (u64)cordon_gate(cordon_sealed_gate(), 1, 0, 0),
			cordon_sealed_expected(1));
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

/*
 * The gate does not scrub XSAVE state after sealed code, because sealed
 * code leaves none: what the vector registers held before the call, they
 * hold after it, with no byte of the secret (scripts/check-sealed checks
 * the same at build time, on the code).
 */
static void test_sealed_call_leaves_vector_registers_alone(struct kunit *test)
{
	u8 before[16][16], after[16][16];
	long ret;
	int i, j;

	need_views(test);
	for (i = 0; i < 16; i++)
		for (j = 0; j < 16; j++)
			before[i][j] = 0xa5 ^ (i * 16 + j);
	kernel_fpu_begin();
	asm volatile("movdqu 0x00(%0), %%xmm0\n\tmovdqu 0x10(%0), %%xmm1\n\t"
		     "movdqu 0x20(%0), %%xmm2\n\tmovdqu 0x30(%0), %%xmm3\n\t"
		     "movdqu 0x40(%0), %%xmm4\n\tmovdqu 0x50(%0), %%xmm5\n\t"
		     "movdqu 0x60(%0), %%xmm6\n\tmovdqu 0x70(%0), %%xmm7\n\t"
		     "movdqu 0x80(%0), %%xmm8\n\tmovdqu 0x90(%0), %%xmm9\n\t"
		     "movdqu 0xa0(%0), %%xmm10\n\tmovdqu 0xb0(%0), %%xmm11\n\t"
		     "movdqu 0xc0(%0), %%xmm12\n\tmovdqu 0xd0(%0), %%xmm13\n\t"
		     "movdqu 0xe0(%0), %%xmm14\n\tmovdqu 0xf0(%0), %%xmm15"
		     : : "r"(before) : "memory");
	ret = cordon_gate(cordon_sealed_gate(), 64, 0, 0);
	asm volatile("movdqu %%xmm0, 0x00(%0)\n\tmovdqu %%xmm1, 0x10(%0)\n\t"
		     "movdqu %%xmm2, 0x20(%0)\n\tmovdqu %%xmm3, 0x30(%0)\n\t"
		     "movdqu %%xmm4, 0x40(%0)\n\tmovdqu %%xmm5, 0x50(%0)\n\t"
		     "movdqu %%xmm6, 0x60(%0)\n\tmovdqu %%xmm7, 0x70(%0)\n\t"
		     "movdqu %%xmm8, 0x80(%0)\n\tmovdqu %%xmm9, 0x90(%0)\n\t"
		     "movdqu %%xmm10, 0xa0(%0)\n\tmovdqu %%xmm11, 0xb0(%0)\n\t"
		     "movdqu %%xmm12, 0xc0(%0)\n\tmovdqu %%xmm13, 0xd0(%0)\n\t"
		     "movdqu %%xmm14, 0xe0(%0)\n\tmovdqu %%xmm15, 0xf0(%0)"
		     : : "r"(after) : "memory");
	kernel_fpu_end();
	KUNIT_EXPECT_EQ(test, (u64)ret, cordon_sealed_expected(64));
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_EQ_MSG(test, memcmp(after[i], before[i], 16), 0,
				    "%%xmm%d changed across a sealed call", i);
}

static void test_forged_gate_descriptor_is_refused(struct kunit *test)
{
	struct cordon_gate forged;

	need_views(test);
	forged = *cordon_sealed_gate();
	KUNIT_EXPECT_EQ(test, cordon_gate(&forged, 1, 0, 0), -EINVAL);
}

/* === Attacks === */

static void test_compartment_write_to_init_cred_is_blocked(struct kunit *test)
{
	kuid_t before = init_cred.uid;
	long denied = counter(CORDON_CTR_VE_DENIED);

	need_views(test);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.write,
					  (long)&init_cred.uid, 1000, 0),
			-EFAULT);
	KUNIT_EXPECT_TRUE(test, uid_eq(init_cred.uid, before));
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_compartment_cannot_run_kernel_code(struct kunit *test)
{
	need_views(test);
	/* Leaving the compartment without its gate: kernel text is not
	 * executable in its view, so this is caught and the crossing aborted.
	 */
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.jump,
					  (long)cordon_mode, 0, 0), -EFAULT);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_only_gates_execute_in_two_views(struct kunit *test)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	u64 demo = PHYS_PFN(__pa_symbol(__cordon_demo_text_start));
	u64 gate = PHYS_PFN(__pa_symbol(__cordon_gate_start));
	u16 demo_view;

	need_views(test);
	demo_view = cordon_demo_gates.sum->view;
	/* Compartment code: executable in its view, not in the kernel's. */
	KUNIT_EXPECT_EQ(test, be->get_access(demo_view, demo),
			CORDON_ACCESS_R | CORDON_ACCESS_X);
	KUNIT_EXPECT_EQ(test, be->get_access(0, demo), CORDON_ACCESS_R);
	/* Kernel text: not executable in the compartment's view. */
	KUNIT_EXPECT_EQ(test, be->get_access(demo_view,
					     PHYS_PFN(__pa_symbol(cordon_mode))),
			CORDON_ACCESS_R);
	/* Gates: executable everywhere, writable nowhere, for good. */
	KUNIT_EXPECT_EQ(test, be->get_access(0, gate),
			CORDON_ACCESS_R | CORDON_ACCESS_X);
	KUNIT_EXPECT_EQ(test, be->get_access(demo_view, gate),
			CORDON_ACCESS_R | CORDON_ACCESS_X);
	KUNIT_EXPECT_EQ(test, be->set_access(0, gate, 1, CORDON_ACCESS_RWX),
			-EACCES);
}

/* === Grants and modes === */

static u64 grant_target[PAGE_SIZE / sizeof(u64)] __aligned(PAGE_SIZE);

static void test_grant_opens_and_revoke_closes(struct kunit *test)
{
	struct cordon_compartment *demo, *kernel;
	long granted = counter(CORDON_CTR_VE_GRANTED);
	long ret;

	need_views(test);
	demo = cordon_compartment_by_view(cordon_demo_gates.write->view);
	kernel = cordon_compartment_by_id(0);
	KUNIT_ASSERT_EQ(test, cordon_compartment_add_grant(demo, kernel,
							   CORDON_ACCESS_W), 0);
	ret = cordon_gate(cordon_demo_gates.write, (long)&grant_target[0],
			  0x1234, 0);
	cordon_compartment_remove_grant(demo, kernel);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, grant_target[0], 0x1234);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_GRANTED), granted + 1);
	/* What the page had (read) and what was asked (write), nothing more. */
	KUNIT_EXPECT_EQ(test, cordon_state.backend->get_access(demo->view,
			PHYS_PFN(__pa_symbol(grant_target))),
			CORDON_ACCESS_R | CORDON_ACCESS_W);

	/* Revoked, and no longer on the grant list: denied again. */
	cordon_ve_revoke_grants(demo->view);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.write,
					  (long)&grant_target[0], 0x5678, 0),
			-EFAULT);
	KUNIT_EXPECT_EQ(test, grant_target[0], 0x1234);
}

static void test_permissive_grants_what_enforcing_denies(struct kunit *test)
{
	struct cordon_ve_event ev = {
		.reason = CORDON_VE_EXIT_REASON_EPT,
		.qual = CORDON_VE_QUAL_WRITE | CORDON_VE_QUAL_FINAL,
	};

	need_views(test);
	ev.view = cordon_demo_gates.write->view;
	ev.gpa = __pa_symbol(&init_cred);
	KUNIT_EXPECT_EQ(test, cordon_ve_decide_in(&ev, CORDON_MODE_ENFORCING),
			CORDON_VERDICT_DENY);
	KUNIT_EXPECT_EQ(test, cordon_ve_decide_in(&ev, CORDON_MODE_PERMISSIVE),
			CORDON_VERDICT_PERMISSIVE);
	/* Sealed memory: denied whatever the mode. */
	ev.gpa = virt_to_phys(cordon_sealed_secret());
	KUNIT_EXPECT_EQ(test, cordon_ve_decide_in(&ev, CORDON_MODE_PERMISSIVE),
			CORDON_VERDICT_DENY);
}

static struct kunit_case cordon_gate_cases[] = {
	KUNIT_CASE(test_gate_round_trip),
	KUNIT_CASE(test_gate_scrubs_kernel_registers),
	KUNIT_CASE(test_gate_scrubs_compartment_registers),
	KUNIT_CASE(test_gate_switches_to_the_compartment_stack),
	KUNIT_CASE(test_sealed_gate_reads_the_secret),
	KUNIT_CASE(test_sealed_call_leaves_vector_registers_alone),
	KUNIT_CASE(test_forged_gate_descriptor_is_refused),
	KUNIT_CASE(test_compartment_write_to_init_cred_is_blocked),
	KUNIT_CASE(test_compartment_cannot_run_kernel_code),
	KUNIT_CASE(test_only_gates_execute_in_two_views),
	KUNIT_CASE(test_grant_opens_and_revoke_closes),
	KUNIT_CASE(test_permissive_grants_what_enforcing_denies),
	{}
};

static struct kunit_suite cordon_gate_suite = {
	.name = "cordon_gate",
	.test_cases = cordon_gate_cases,
};
kunit_test_suite(cordon_gate_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
