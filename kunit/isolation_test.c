// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the isolation review's findings (issue "sealed must mean
 * sealed"): each case is an attack by a compromised compartment or a
 * compromised kernel, and passes because the attack fails. The
 * compartment's attacks are gadgets (isolation_gadgets_64.S) that the test
 * plants in a page it makes executable in cordon_demo's view: code the
 * scanner would have refused to let in, which is exactly what the way back
 * to the kernel view must not depend on.
 */

#include <kunit/test.h>
#include <linux/cordon-views-abi.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/init_task.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/prandom.h>
#include <linux/sched/mm.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/apic.h>
#include <asm/asm.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/nmi.h>
#include <asm/pgtable.h>
#include <asm/set_memory.h>
#include <asm/tlbflush.h>
#include <asm/trapnr.h>
#include <asm/processor-flags.h>
#include <asm/sections.h>
#include <asm/special_insns.h>
#include <trace/events/cordon.h>

#include "backend.h"
#include "compartment.h"
#include "compiled.h"
#include "demo.h"
#include "gate.h"
#include "isolation.h"
#include "lend.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"
#include "ve/ve.h"

u64 cordon_test_saved_gsbase;
bool cordon_test_landed;

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static void need_views(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	KUNIT_ASSERT_NOT_NULL(test, cordon_demo_gates.jump);
}

/* === Planting compartment code === */

/**
 * struct planted - the gadgets, executable in cordon_demo's view
 * @page: the frame holding them
 * @code: where they are mapped executable
 */
struct planted {
	struct page *page;
	u8 *code;
};

static void unplant(struct planted *const p)
{
	if (!p->code)
		return;
	cordon_state.backend->set_access(cordon_demo_gates.jump->view,
					 page_to_pfn(p->page), 1,
					 CORDON_ACCESS_R);
	vfree(p->code);
}

/*
 * Copy the gadgets into a fresh executable page (vmap() would map it NX),
 * touch it (so the accessed bit the compartment's page walk would set is
 * set), and make it executable in the compartment's view: what a
 * compartment whose code holds these encodings would have.
 */
static int plant(struct planted *const p)
{
	size_t len = cordon_gadgets_end - cordon_gadgets;

	*p = (struct planted){};
	if (len > PAGE_SIZE)
		return -E2BIG;
	p->code = __vmalloc_node_range(PAGE_SIZE, PAGE_SIZE, VMALLOC_START,
				       VMALLOC_END, GFP_KERNEL | __GFP_ZERO,
				       PAGE_KERNEL_EXEC, 0, NUMA_NO_NODE,
				       __builtin_return_address(0));
	if (!p->code)
		return -ENOMEM;
	memcpy(p->code, cordon_gadgets, len);
	p->page = vmalloc_to_page(p->code);
	return cordon_state.backend->set_access(cordon_demo_gates.jump->view,
						page_to_pfn(p->page), 1,
						CORDON_ACCESS_R | CORDON_ACCESS_X);
}

static long gadget(const struct planted *const p, const u8 *const which)
{
	return (long)(p->code + (which - cordon_gadgets));
}

/* Run a gadget in cordon_demo: the compartment jumps to it. */
static long run_gadget(const struct planted *const p, const u8 *const which,
		       long a0, long a1)
{
	return cordon_gate(cordon_demo_gates.jump, gadget(p, which), a0, a1);
}

static void plant_or_fail(struct kunit *test, struct planted *const p)
{
	need_views(test);
	KUNIT_ASSERT_EQ(test, plant(p), 0);
}

/* === Finding 1: hypercalls from a compartment === */

static void test_compartment_hypercall_cannot_open_init_cred(struct kunit *test)
{
	const u64 pfn = PHYS_PFN(__pa_symbol(&init_cred));
	const kuid_t before = init_cred.uid;
	struct planted p;
	u16 view;
	long ret;

	plant_or_fail(test, &p);
	view = cordon_demo_gates.jump->view;
	/* GET_VIEW, SET_ACCESS(own view, init_cred, RW), then the store. */
	ret = run_gadget(&p, cordon_gadget_vmcall_open, (long)&init_cred.uid,
			 pfn);
	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_TRUE(test, uid_eq(init_cred.uid, before));
	KUNIT_EXPECT_EQ(test, cordon_state.backend->get_access(view, pfn),
			CORDON_ACCESS_R);
	if (!uid_eq(init_cred.uid, before)) {
		/* The attack worked: undo it, or the kernel stays broken. */
		*(kuid_t *)&init_cred.uid = before;
		cordon_state.backend->set_access(view, pfn, 1, CORDON_ACCESS_R);
	}
	unplant(&p);
}

/* === Finding 4: a compartment moves GS === */

static void test_compartment_wrgsbase_is_caught(struct kunit *test)
{
	const size_t size = __per_cpu_end - __per_cpu_start;
	long restored = counter(CORDON_CTR_STATE_RESTORED);
	u64 *fake_stack, *forged;
	struct planted p;
	unsigned int cpu;
	bool landed;
	u64 gsbase;
	long ret;

	if (!boot_cpu_has(X86_FEATURE_FSGSBASE))
		kunit_skip(test, "no FSGSBASE: WRGSBASE raises #UD");
	plant_or_fail(test, &p);
	/*
	 * A per-CPU area of the attacker's: zero everywhere but the kernel
	 * stack pointer of the crossing, which points at a frame whose
	 * return address is kernel code of its choosing.
	 */
	forged = vzalloc(size);
	fake_stack = kunit_kzalloc(test, 8 * sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, forged);
	KUNIT_ASSERT_NOT_NULL(test, fake_stack);
	fake_stack[0] = X86_EFLAGS_FIXED;
	fake_stack[7] = (u64)cordon_test_gs_landing;
	*(u64 *)((u8 *)forged + (unsigned long)&cordon_gate_ksp) =
		(u64)fake_stack;

	preempt_disable();
	cpu = smp_processor_id();
	rdmsrl(MSR_GS_BASE, cordon_test_saved_gsbase);
	WRITE_ONCE(cordon_test_landed, false);
	ret = run_gadget(&p, cordon_gadget_wrgsbase, (long)forged, 0);
	rdmsrl(MSR_GS_BASE, gsbase);
	preempt_enable();

	landed = READ_ONCE(cordon_test_landed);
	KUNIT_EXPECT_FALSE(test, landed);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, gsbase, (u64)per_cpu_offset(cpu));
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored + 1);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
	vfree(forged);
	unplant(&p);
}

static void test_compartment_swapgs_is_caught(struct kunit *test)
{
	long restored = counter(CORDON_CTR_STATE_RESTORED);
	u64 gs_before, kgs_before, gs_after, kgs_after;
	struct planted p;
	long ret;

	plant_or_fail(test, &p);
	preempt_disable();
	rdmsrl(MSR_GS_BASE, gs_before);
	rdmsrl(MSR_KERNEL_GS_BASE, kgs_before);
	ret = run_gadget(&p, cordon_gadget_swapgs, 0, 0);
	rdmsrl(MSR_GS_BASE, gs_after);
	rdmsrl(MSR_KERNEL_GS_BASE, kgs_after);
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	/* Both bases back where they were: the user's is not lost. */
	KUNIT_EXPECT_EQ(test, gs_after, gs_before);
	KUNIT_EXPECT_EQ(test, kgs_after, kgs_before);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored + 1);
	unplant(&p);
}

/* Any vector in the local APIC's service on this CPU. */
static bool vector_in_service(void)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		if (apic_read(APIC_ISR + i * 0x10))
			return true;
	return false;
}

/*
 * An interrupt that arrives while the compartment has moved GS ends the
 * crossing before any kernel handler runs. Its vector must not stay in
 * service: the timer, and everything of its priority and below, would be
 * held off on this CPU for good.
 */
static void test_interrupt_after_swapgs_is_not_lost(struct kunit *test)
{
	long again = counter(CORDON_CTR_IRQ_RAISED_AGAIN);
	unsigned long flags;
	struct planted p;
	bool stuck;
	long ret;

	plant_or_fail(test, &p);
	preempt_disable();
	/* Spins long enough for a few ticks, with the timer's vector free. */
	ret = run_gadget(&p, cordon_gadget_swapgs_spin, 0, 1L << 28);
	local_irq_save(flags);
	stuck = vector_in_service();
	local_irq_restore(flags);
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_FALSE_MSG(test, stuck,
			       "a vector stayed in service after the crossing");
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_IRQ_RAISED_AGAIN), again + 1);
	unplant(&p);
}

/* === Finding 9: control state left behind or trusted === */

static void test_compartment_cr4_change_is_undone(struct kunit *test)
{
	const unsigned long bits = X86_CR4_SMEP | X86_CR4_SMAP;
	unsigned long before, after;
	struct planted p;
	long ret;

	if (!boot_cpu_has(X86_FEATURE_SMEP))
		kunit_skip(test, "no SMEP on this CPU model");
	plant_or_fail(test, &p);
	preempt_disable();
	before = __read_cr4();
	ret = run_gadget(&p, cordon_gadget_cr4, bits, 0);
	after = __read_cr4();
	if ((after & bits) != (before & bits))
		native_write_cr4(after | (before & bits));	/* it worked */
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, after & bits, before & bits);
	unplant(&p);
}

static void test_compartment_cr0_wp_change_is_undone(struct kunit *test)
{
	unsigned long before, after;
	struct planted p;
	long ret;

	plant_or_fail(test, &p);
	preempt_disable();
	before = read_cr0();
	ret = run_gadget(&p, cordon_gadget_cr0, X86_CR0_WP, 0);
	after = read_cr0();
	if (!(after & X86_CR0_WP))
		write_cr0(after | X86_CR0_WP);	/* it worked */
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_TRUE(test, before & X86_CR0_WP);
	KUNIT_EXPECT_TRUE(test, after & X86_CR0_WP);
	unplant(&p);
}

static void test_entry_clears_df_and_ac(struct kunit *test)
{
	struct planted p;
	long flags;

	plant_or_fail(test, &p);
	preempt_disable();
	flags = cordon_test_call_with_flags(cordon_demo_gates.jump,
					    native_save_fl() | X86_EFLAGS_DF |
					    X86_EFLAGS_AC,
					    gadget(&p, cordon_gadget_flags), 0);
	/* Not through cordon_gate(): free the stack slot as it would. */
	cordon_gate_release_slot(cordon_demo_gates.jump, smp_processor_id());
	preempt_enable();

	KUNIT_EXPECT_GT(test, flags, 0L);
	KUNIT_EXPECT_EQ(test, flags & (X86_EFLAGS_DF | X86_EFLAGS_AC |
				       X86_EFLAGS_TF), 0L);
	unplant(&p);
}

/* === Finding 2: the kernel enters the sealed gate with its own IDT === */

static void test_sealed_entry_with_kernel_idt_is_refused(struct kunit *test)
{
	const struct cordon_gate *sealed;
	struct desc_ptr forged;
	void *copy;
	long ret;

	need_views(test);
	sealed = cordon_sealed_gate();
	KUNIT_ASSERT_NOT_NULL(test, sealed);
	/* A copy of Cordon's IDT, elsewhere: its vectors the kernel's to edit. */
	copy = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, (void *)cordon_frozen.cordon_idt.address, PAGE_SIZE);
	forged = (struct desc_ptr){ .size = cordon_frozen.cordon_idt.size,
				    .address = (unsigned long)copy };

	preempt_disable();
	ret = cordon_test_enter_with_idt(sealed, &forged, smp_processor_id(), 1);
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	/* The refusal left the sealed stack free. */
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
}

/* === Finding 3: the kernel's page tables === */

/*
 * The kernel points the top page of this CPU's sealed stack, in its own
 * page tables, at a page of its own, and calls the sealed gate: on tables
 * the kernel writes, that page would receive the busy word, the return
 * address and whatever the sealed code pushes. The gate runs the sealed
 * code on the sealed page tables, where the kernel's PTE means nothing.
 */
static void test_kernel_remap_of_sealed_stack_is_ignored(struct kunit *test)
{
	const struct cordon_gate *sealed;
	struct page *decoy;
	unsigned int cpu, level;
	unsigned long top;
	pte_t *pte, old;
	long ret = 0;

	need_views(test);
	sealed = cordon_sealed_gate();
	KUNIT_ASSERT_NOT_NULL(test, sealed);
	decoy = alloc_page(GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, decoy);
	/* 4-KiB PTEs for every CPU's top stack page, before pinning a CPU. */
	for_each_possible_cpu(cpu)
		KUNIT_ASSERT_EQ(test, set_memory_4k(sealed->stacks +
			(cpu + 1) * CORDON_GATE_STACK_SIZE - PAGE_SIZE, 1), 0);

	cpu = get_cpu();
	top = sealed->stacks + (cpu + 1) * CORDON_GATE_STACK_SIZE - PAGE_SIZE;
	pte = lookup_address(top, &level);
	old = *pte;
	if (level == PG_LEVEL_4K) {
		set_pte(pte, mk_pte(decoy, PAGE_KERNEL));
		flush_tlb_kernel_range(top, top + PAGE_SIZE);
		ret = cordon_gate(sealed, 1, 0, 0);
		set_pte(pte, old);
		flush_tlb_kernel_range(top, top + PAGE_SIZE);
	}
	put_cpu();

	KUNIT_ASSERT_EQ(test, level, (unsigned int)PG_LEVEL_4K);
	KUNIT_EXPECT_EQ(test, ret, (long)cordon_sealed_expected(1));
	KUNIT_EXPECT_NULL_MSG(test, memchr_inv(page_address(decoy), 0, PAGE_SIZE),
			      "the kernel's page received the sealed stack");
	__free_page(decoy);
}

/*
 * The kernel enters the sealed gate past its CR3 load, on its own page
 * tables, with everything else as the gate would have it: Cordon's IDT,
 * the crossing state. Guest-paging verification refuses the first read of
 * a frozen descriptor in the sealed view; the #VE ends the crossing.
 */
static void test_sealed_entry_with_kernel_page_tables_is_refused(struct kunit *test)
{
	const struct cordon_gate *sealed;
	long denied, ret;

	need_views(test);
	sealed = cordon_sealed_gate();
	KUNIT_ASSERT_NOT_NULL(test, sealed);
	KUNIT_ASSERT_NE(test, sealed->cr3, 0ULL);
	denied = counter(CORDON_CTR_VE_DENIED);

	preempt_disable();
	ret = cordon_test_enter_with_cr3(sealed, __read_cr3(),
					 smp_processor_id(), 1);
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
	/* Refused before it took the sealed stack. */
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
}

/*
 * Kernel code that switches to the sealed view with a VMFUNC of its own
 * runs nothing there: its next instruction is kernel text, the fetch is
 * denied and reported, and the crossing it set up ends with -EFAULT. (The
 * same outside any crossing kills the task: its context is gone.)
 */
static void test_kernel_vmfunc_into_sealed_view_runs_nothing(struct kunit *test)
{
	const struct cordon_gate *sealed;
	long denied, ret;

	need_views(test);
	sealed = cordon_sealed_gate();
	KUNIT_ASSERT_NOT_NULL(test, sealed);
	denied = counter(CORDON_CTR_VE_DENIED);
	preempt_disable();
	ret = cordon_test_vmfunc_into(sealed, cordon_frozen.sealed_view,
				      smp_processor_id());
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
	KUNIT_EXPECT_EQ(test, cordon_state.backend->current_view(), 0);
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
}

/* The kernel's IDT and stack for the stepping attack, one pair per CPU. */
struct step_pages {
	gate_desc idt[IDT_ENTRIES];
	u8 stack[PAGE_SIZE];
};
static DEFINE_PER_CPU_PAGE_ALIGNED(struct step_pages, step_pages);
static atomic_t stray_nmis;

/* The NMI stub the steps went through latched one: claim it. */
static int claim_stray_nmi(unsigned int type, struct pt_regs *regs)
{
	atomic_inc(&stray_nmis);
	return NMI_HANDLED;
}

/*
 * The event window after the VMFUNC into the sealed view: the kernel
 * single-steps into the sealed gate through an IDT and a stack of its own
 * (in its per-CPU area, which the sealed tables once mapped). A #DB
 * delivered in the sealed view would push the sealed view's state on the
 * kernel's stack and run the kernel's handler there. No event is
 * delivered in the sealed view: the #DB after the VMFUNC is an
 * asynchronous exit, the crossing ends with -EFAULT, and the last frame
 * on the kernel's stack is the step before the VMFUNC.
 */
static void test_event_in_sealed_view_is_not_delivered(struct kunit *test)
{
	const struct cordon_gate *sealed;
	struct step_pages *sp;
	struct desc_ptr forged;
	long ret, vec;
	u64 last_rip;

	need_views(test);
	sealed = cordon_sealed_gate();
	KUNIT_ASSERT_NOT_NULL(test, sealed);
	atomic_set(&stray_nmis, 0);
	KUNIT_ASSERT_EQ(test, register_nmi_handler(NMI_UNKNOWN, claim_stray_nmi,
						   0, "cordon_kunit_step"), 0);

	preempt_disable();
	sp = this_cpu_ptr(&step_pages);
	memcpy(sp->idt, (void *)cordon_frozen.cordon_idt.address,
	       sizeof(sp->idt));
	/* #DB runs the NMI stub, which only IRETs: every step traps. */
	sp->idt[X86_TRAP_DB] = sp->idt[X86_TRAP_NMI];
	/* On the kernel's stack, not on the stack the TSS names for NMIs. */
	sp->idt[X86_TRAP_DB].bits.ist = 0;
	memset(sp->stack, 0, sizeof(sp->stack));
	forged = (struct desc_ptr){ .size = sizeof(sp->idt) - 1,
				    .address = (unsigned long)sp->idt };
	this_cpu_write(cordon_gate_fault_vec, -1);
	ret = cordon_test_step_into_sealed(sealed, &forged, smp_processor_id(),
					   1, sp->stack + PAGE_SIZE);
	vec = this_cpu_read(cordon_gate_fault_vec);
	/* The CPU pushes RIP, CS, RFLAGS, RSP, SS below the top. */
	last_rip = *(u64 *)(sp->stack + PAGE_SIZE - 5 * sizeof(u64));
	preempt_enable();
	unregister_nmi_handler(NMI_UNKNOWN, "cordon_kunit_step");

	KUNIT_EXPECT_EQ(test, last_rip, (u64)cordon_vmfunc_enter);
	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, vec, (long)X86_TRAP_DB);
	kunit_info(test, "last step on the kernel's stack at %pS; %d stray NMIs\n",
		   (void *)last_rip, atomic_read(&stray_nmis));
	/* The sealed compartment is none the worse. */
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
}

/*
 * The sealed page tables cannot be changed, and the kernel cannot make
 * tables of its own trusted in the sealed view.
 */
static void test_sealed_page_tables_are_frozen(struct kunit *test)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	const struct cordon_gate *sealed;
	u64 *root, entry;
	unsigned int i;

	need_views(test);
	sealed = cordon_sealed_gate();
	KUNIT_ASSERT_NOT_NULL(test, sealed);
	KUNIT_ASSERT_EQ(test, sealed->cr3, cordon_sealed_cr3());
	root = __va(sealed->cr3);
	for (i = 0; i < PTRS_PER_PGD && !root[i]; i++)
		;
	KUNIT_ASSERT_LT(test, i, (unsigned int)PTRS_PER_PGD);
	entry = root[i];
	/* The same value: should the write go through, nothing breaks. */
	KUNIT_EXPECT_EQ(test, copy_to_kernel_nofault(&root[i], &entry,
						     sizeof(entry)), -EFAULT);
	KUNIT_EXPECT_EQ(test, be->get_access(sealed->view, PHYS_PFN(sealed->cr3)),
			(int)(CORDON_ACCESS_R | CORDON_ACCESS_PAGING));
	KUNIT_EXPECT_EQ(test, be->set_access(sealed->view,
					     PHYS_PFN(__pa(current->mm ?
							  current->mm->pgd :
							  init_mm.pgd)), 1,
					     CORDON_ACCESS_R | CORDON_ACCESS_PAGING),
			-EACCES);
	KUNIT_EXPECT_EQ(test, be->set_access(0, PHYS_PFN(sealed->cr3), 1,
					     CORDON_ACCESS_RWX), -EACCES);
}

/*
 * Found by the gate fuzzer: a denied fetch just past the sealed code.
 * The report dumps the code bytes around RIP, which reaches back into
 * sealed memory; the #VE that raises must be told in a line, not dump the
 * report before it again, and again, until the stack overflows.
 */
static void test_report_next_to_sealed_code_does_not_recurse(struct kunit *test)
{
	long denied;

	need_views(test);
	/* Past the report rate limit (20 in 5 s), or nothing is dumped. */
	msleep(5500);
	denied = counter(CORDON_CTR_VE_DENIED);
	/* cordon_demo jumps to kernel text 32 bytes past the sealed code. */
	KUNIT_EXPECT_EQ(test,
			cordon_gate(cordon_demo_gates.jump,
				    (long)__cordon_sealed_text_end + 32, 0, 0),
			-EFAULT);
	/* The fetch and the dump's read of sealed code: both denied. */
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 2);
}

/* === Finding 5: where the #VE handler runs === */

static u16 ve_view;
static bool ve_on_task_stack;
static int ve_seen;

static void probe_ve(void *ignore, unsigned int view, u64 gla, u64 gpa,
		     u64 qual, unsigned long rip, int verdict)
{
	unsigned long sp = current_stack_pointer;

	if (view != ve_view)
		return;
	ve_seen++;
	ve_on_task_stack = sp - (unsigned long)task_stack_page(current) <
			   THREAD_SIZE;
}

static void test_ve_handler_runs_on_a_kernel_stack(struct kunit *test)
{
	need_views(test);
	ve_view = cordon_demo_gates.write->view;
	ve_seen = 0;
	ve_on_task_stack = false;
	KUNIT_ASSERT_EQ(test, register_trace_cordon_ve(probe_ve, NULL), 0);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.write,
					  (long)&init_cred.uid, 1000, 0),
			-EFAULT);
	unregister_trace_cordon_ve(probe_ve, NULL);
	tracepoint_synchronize_unregister();

	KUNIT_EXPECT_EQ(test, ve_seen, 1);
	/* Not the compartment's stack, which another CPU in it may write. */
	KUNIT_EXPECT_TRUE(test, ve_on_task_stack);
}

static void test_compartment_int_ve_ends_its_crossing(struct kunit *test)
{
	long restored = counter(CORDON_CTR_STATE_RESTORED);
	struct planted p;

	plant_or_fail(test, &p);
	/*
	 * Vector 20 without a #VE behind it: no handler may run for it on
	 * the compartment's stack, and the kernel must not oops for it.
	 */
	KUNIT_EXPECT_EQ(test, run_gadget(&p, cordon_gadget_int_ve, 0, 0), -EPERM);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_STATE_RESTORED), restored + 1);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
	unplant(&p);
}

/*
 * Any VMFUNC of the gate pages takes a compartment to view 0 with its own
 * %rsp and RFLAGS. An event at the next instruction boundary (a #DB after
 * TF, an interrupt, an NMI) is delivered through Cordon's IDT before the
 * gate can do anything: on a stack of the compartment's choosing it would
 * write the kernel's memory in view 0. It must arrive on Cordon's event
 * stack (IST), and end the crossing.
 */
static void test_event_after_exit_vmfunc_writes_no_kernel_memory(struct kunit *test)
{
	struct planted p;
	long ret, vec;
	u8 *victim;

	plant_or_fail(test, &p);
	victim = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, victim);
	memset(victim, 0x5a, PAGE_SIZE);
	preempt_disable();
	this_cpu_write(cordon_gate_fault_vec, -1);
	ret = run_gadget(&p, cordon_gadget_step_out,
			 (long)(victim + PAGE_SIZE / 2), (long)cordon_vmfunc_exit);
	vec = this_cpu_read(cordon_gate_fault_vec);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, vec, (long)X86_TRAP_DB);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(victim, 0x5a, PAGE_SIZE), NULL);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
	unplant(&p);
}

/*
 * The same jump, to the #VE gate's VMFUNC: it must write nothing through
 * the compartment's %rsp in view 0 before that is known to be the
 * kernel's, and end the crossing (no #VE is behind it).
 */
static void test_jump_to_ve_gate_writes_no_kernel_memory(struct kunit *test)
{
	struct planted p;
	u8 *victim;
	long ret;

	plant_or_fail(test, &p);
	victim = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, victim);
	memset(victim, 0x5a, PAGE_SIZE);
	ret = run_gadget(&p, cordon_gadget_jump_on_stack,
			 (long)(victim + PAGE_SIZE / 2), (long)cordon_vmfunc_ve);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(victim, 0x5a, PAGE_SIZE), NULL);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
	unplant(&p);
}

/* === Findings 6 and 7: the hypervisor for a compromised kernel === */

static void test_counters_into_sealed_memory_are_refused(struct kunit *test)
{
	const struct cordon_gate *sealed;
	long before;

	need_views(test);
	sealed = cordon_sealed_gate();
	before = cordon_gate(sealed, 1, 0, 0);
	KUNIT_EXPECT_EQ(test, cordon_state.backend->counters(
				virt_to_phys(cordon_sealed_secret())), -EACCES);
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0), before);
}

static void test_locked_configuration_refuses_seal_and_freeze(struct kunit *test)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	struct page *page;
	u64 pfn;

	need_views(test);
	KUNIT_ASSERT_TRUE(test, cordon_state.locked);
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	pfn = page_to_pfn(page);
	if (be->seal(cordon_demo_gates.jump->view, pfn, 1, 0) != -EROFS) {
		/* Sealed away from the kernel: it can never have it back. */
		KUNIT_FAIL(test, "SEAL after lock was not refused");
		return;
	}
	KUNIT_EXPECT_EQ(test, be->freeze(pfn, 1), -EROFS);
	KUNIT_EXPECT_EQ(test, be->set_sve(cordon_demo_gates.jump->view, pfn, 1,
					  true), -EROFS);
	/* Neither happened: the kernel still has the page. */
	KUNIT_EXPECT_EQ(test, be->get_access(0, pfn), CORDON_ACCESS_RWX);
	/* Grants and revocations still work. */
	KUNIT_EXPECT_EQ(test, be->set_access(cordon_demo_gates.jump->view, pfn,
					     1, CORDON_ACCESS_R), 0);
	__free_page(page);
}

/* === The privileged-instruction scanner === */

static void expect_clean(struct kunit *test, const char *const what,
			 const void *start, const void *end)
{
	struct cordon_priv_hit hits[4];
	size_t i, n;

	n = cordon_scan_privileged(start, end - start, hits, ARRAY_SIZE(hits));
	for (i = 0; i < min(n, ARRAY_SIZE(hits)); i++)
		kunit_err(test, "%s: %s at %pS\n", what, hits[i].insn,
			  (void *)hits[i].addr);
	KUNIT_EXPECT_EQ(test, n, 0UL);
}

/* What the boot scan found in the compartment it refused. */
static long refused_encodings(void)
{
	if (!IS_ENABLED(CONFIG_CORDON_TEST_COMPARTMENT))
		return 0;
	return cordon_scan_privileged(__cordon_cgadget_text_start,
				      __cordon_cgadget_text_end -
				      __cordon_cgadget_text_start, NULL, 0);
}

static void test_no_privileged_instruction_where_views_execute(struct kunit *test)
{
	need_views(test);
	expect_clean(test, "gates", __cordon_gate_start, __cordon_gate_end);
	expect_clean(test, "cordon_demo", __cordon_demo_text_start,
		     __cordon_demo_text_end);
	/*
	 * The boot scan found nothing else either (it would have stopped
	 * Cordon): only the gadget of the compartment it refused
	 * (kunit/gadget_compartment.c, when built).
	 */
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_PRIV_INSNS),
			refused_encodings());
}

struct planted_encoding {
	const char *insn;
	u8 bytes[8];
	size_t len;
};

static const struct planted_encoding encodings[] = {
	{ "VMCALL", { 0x0f, 0x01, 0xc1 }, 3 },
	{ "VMFUNC", { 0x0f, 0x01, 0xd4 }, 3 },
	{ "WRGSBASE", { 0xf3, 0x48, 0x0f, 0xae, 0xd8 }, 5 },
	{ "WRFSBASE", { 0xf3, 0x0f, 0xae, 0xd0 }, 4 },
	{ "SWAPGS", { 0x0f, 0x01, 0xf8 }, 3 },
	{ "MOV to CR", { 0x0f, 0x22, 0xe0 }, 3 },	/* mov %rax, %cr4 */
	{ "MOV to DR", { 0x0f, 0x23, 0xf8 }, 3 },	/* mov %rax, %dr7 */
	{ "LMSW", { 0x0f, 0x01, 0xf0 }, 3 },
	{ "LIDT", { 0x0f, 0x01, 0x18 }, 3 },		/* lidt (%rax) */
	{ "LIDT", { 0x0f, 0x01, 0x1d, 0, 0, 0, 0 }, 7 },	/* not the gates' */
	{ "LGDT", { 0x0f, 0x01, 0x10 }, 3 },
	{ "LTR", { 0x0f, 0x00, 0xd8 }, 3 },
	{ "LLDT", { 0x0f, 0x00, 0xd0 }, 3 },
	{ "WRMSR", { 0x0f, 0x30 }, 2 },
	{ "XRSTORS", { 0x48, 0x0f, 0xc7, 0x1f }, 4 },	/* xrstors64 (%rdi) */
	{ "SYSRET", { 0x48, 0x0f, 0x07 }, 3 },
	{ "SYSEXIT", { 0x0f, 0x35 }, 2 },
};

static void test_scanner_finds_each_planted_encoding(struct kunit *test)
{
	struct cordon_priv_hit hits[2];
	u8 buf[16];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(encodings); i++) {
		const struct planted_encoding *e = &encodings[i];

		/* Inside harmless bytes, at an odd offset. */
		memset(buf, 0x90, sizeof(buf));
		memcpy(&buf[3], e->bytes, e->len);
		n = cordon_scan_privileged(buf, sizeof(buf), hits,
					   ARRAY_SIZE(hits));
		KUNIT_EXPECT_EQ_MSG(test, n, 1UL, "%s", e->insn);
		if (n >= 1) {
			KUNIT_EXPECT_STREQ(test, hits[0].insn, e->insn);
			KUNIT_EXPECT_PTR_EQ(test, (void *)hits[0].addr,
					    (void *)&buf[3 + (e->bytes[0] == 0x0f ?
							  0 : e->bytes[1] == 0x0f ?
							  1 : 2)]);
		}
	}
	/* Harmless neighbours are not hits: MOV from CR, RDMSR, LIDT's store twin. */
	memcpy(buf, (u8[]){ 0x0f, 0x20, 0xe0, 0x0f, 0x32, 0x0f, 0x01, 0x08,
			    0x0f, 0x21, 0xf8, 0x90, 0x90, 0x90, 0x90, 0x90 }, 16);
	KUNIT_EXPECT_EQ(test, cordon_scan_privileged(buf, sizeof(buf), hits,
						     ARRAY_SIZE(hits)), 0UL);
}

static void test_scanner_finds_every_gadget(struct kunit *test)
{
	static const char *const wanted[] = { "VMCALL", "WRGSBASE", "SWAPGS",
					      "MOV to CR" };
	struct cordon_priv_hit hits[16];
	size_t i, j, n;

	n = cordon_scan_privileged(cordon_gadgets,
				   cordon_gadgets_end - cordon_gadgets, hits,
				   ARRAY_SIZE(hits));
	KUNIT_EXPECT_GE(test, n, 6UL);
	for (i = 0; i < ARRAY_SIZE(wanted); i++) {
		bool found = false;

		for (j = 0; j < min(n, ARRAY_SIZE(hits)); j++)
			found |= !strcmp(hits[j].insn, wanted[i]);
		KUNIT_EXPECT_TRUE_MSG(test, found, "%s", wanted[i]);
	}
}

/* === The gate fuzzer === */

static unsigned int fuzz_runs;
module_param(fuzz_runs, uint, 0444);
MODULE_PARM_DESC(fuzz_runs, "jumps into the gate pages (0: skip the fuzzer)");
static unsigned int fuzz_first;
module_param(fuzz_first, uint, 0444);
MODULE_PARM_DESC(fuzz_first, "the first run (the ones before are skipped)");
static unsigned long fuzz_seed = 1;
module_param(fuzz_seed, ulong, 0444);
MODULE_PARM_DESC(fuzz_seed, "seed of the gate fuzzer");

/* Values a gate might take for something it trusts, and plain noise. */
static u64 fuzz_value(struct rnd_state *const rnd)
{
	const struct cordon_gate *sealed = cordon_sealed_gate();
	u64 r = prandom_u32_state(rnd) | (u64)prandom_u32_state(rnd) << 32;

	switch (r % 12) {
	case 0:
		return 0;
	case 1:
		return r % 4;				/* a CPU number, a view */
	case 2:
		return (u64)sealed;			/* a real descriptor */
	case 3:
		return (u64)&cordon_frozen.gates[r % CORDON_MAX_GATES];
	case 4:
		return cordon_frozen.sealed_view;
	case 5:
		return (u64)cordon_demo_stacks() + r % (2 * CORDON_GATE_STACK_SIZE);
	case 6:
		return (u64)cordon_sealed_secret();
	case 7:
		return (u64)__cordon_gate_start + r % PAGE_SIZE;
	default:
		return r;
	}
}

/*
 * Random general registers and flags: DF and AC, IF (one run in eight if
 * @rare_if, else one in two), TF one run in 16.
 */
static void fuzz_regs(struct rnd_state *const rnd,
		      struct cordon_fuzz_regs *const regs, bool rare_if)
{
	unsigned int j;

	for (j = 0; j < ARRAY_SIZE(regs->gpr); j++)
		regs->gpr[j] = fuzz_value(rnd);
	regs->flags = X86_EFLAGS_FIXED |
		      (prandom_u32_state(rnd) &
		       (X86_EFLAGS_DF | X86_EFLAGS_AC |
			(rare_if ? 0 : X86_EFLAGS_IF)));
	if (rare_if && prandom_u32_state(rnd) % 8 == 0)
		regs->flags |= X86_EFLAGS_IF;
	if (prandom_u32_state(rnd) % 16 == 0)
		regs->flags |= X86_EFLAGS_TF;
}

/* What must hold after any crossing, whatever the compartment did. */
static bool kernel_state_intact(unsigned int cpu, unsigned long cr0,
				unsigned long cr4)
{
	struct desc_ptr idt;
	u64 gs;

	store_idt(&idt);
	rdmsrl(MSR_GS_BASE, gs);
	return cordon_state.backend->current_view() == 0 &&
	       gs == per_cpu_offset(cpu) &&
	       idt.address == cordon_frozen.kernel_idt.address &&
	       (read_cr0() & cordon_frozen.cr0_mask) == (cr0 & cordon_frozen.cr0_mask) &&
	       (__read_cr4() & cordon_frozen.cr4_mask) == (cr4 & cordon_frozen.cr4_mask) &&
	       !(native_save_fl() & (X86_EFLAGS_DF | X86_EFLAGS_AC | X86_EFLAGS_TF));
}

/*
 * A compartment enters the gate pages at random byte offsets with random
 * registers, flags and (sometimes) GS base: every crossing must come back
 * to its caller, in the kernel view, with the kernel's state, and the
 * sealed secret must be what it was. Mid-instruction bytes decode to
 * anything, including a new RSP: an exception then cannot be delivered
 * and the VM shuts down, a denial of service a compartment can always
 * cause. So scripts/fuzz-gates drives this from the host: it passes the
 * runs to do (fuzz_runs, from fuzz_first, with fuzz_seed), reads the
 * "cordon-fuzz:" lines, and after a shutdown boots again from the next
 * run. Run i's inputs depend only on the seed and i.
 */
static void test_gate_fuzz_from_compartment(struct kunit *test)
{
	const size_t len = __cordon_gate_end - __cordon_gate_start;
	unsigned int i, cpu, outcome[4] = {};
	struct cordon_fuzz_regs *regs;
	unsigned long cr0, cr4;
	struct rnd_state rnd;
	struct planted p;
	long secret;

	if (!fuzz_runs)
		kunit_skip(test, "runs from scripts/fuzz-gates (cordon_isolation_test.fuzz_runs=N)");
	plant_or_fail(test, &p);
	regs = kunit_kzalloc(test, sizeof(*regs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, regs);
	secret = cordon_gate(cordon_sealed_gate(), 1, 0, 0);
	prandom_seed_state(&rnd, fuzz_seed);
	cr0 = read_cr0();
	cr4 = __read_cr4();
	for (i = 0; i < fuzz_first + fuzz_runs; i++) {
		size_t off = prandom_u32_state(&rnd) % len;
		bool wild_gs = prandom_u32_state(&rnd) % 8 == 0;
		u64 gs = fuzz_value(&rnd);
		long ret;
		bool ok;

		fuzz_regs(&rnd, regs, false);
		if (i < fuzz_first)
			continue;
		pr_info("cordon-fuzz: run %u offset 0x%zx (%pS)\n", i, off,
			__cordon_gate_start + off);
		preempt_disable();
		cpu = smp_processor_id();
		regs->gsbase = wild_gs ? gs : per_cpu_offset(cpu);
		ret = run_gadget(&p, cordon_gadget_fuzz, (long)regs,
				 (long)(__cordon_gate_start + off));
		ok = kernel_state_intact(cpu, cr0, cr4);
		preempt_enable();
		outcome[ret == -EFAULT ? 0 : ret == -EPERM ? 1 :
			ret == -EBUSY ? 2 : 3]++;
		if (!ok) {
			pr_err("cordon-fuzz: FINDING run %u offset 0x%zx: the kernel's state changed\n",
			       i, off);
			KUNIT_FAIL(test, "seed %lu run %u: gate offset 0x%zx (%pS) left the kernel's state changed",
				   fuzz_seed, i, off, __cordon_gate_start + off);
			break;
		}
	}
	if (cordon_gate(cordon_sealed_gate(), 1, 0, 0) != secret)
		pr_err("cordon-fuzz: FINDING the sealed secret changed\n");
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_sealed_gate(), 1, 0, 0), secret);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
	pr_info("cordon-fuzz: done seed %lu runs %u-%u: -EFAULT %u, -EPERM %u, -EBUSY %u, other %u\n",
		fuzz_seed, fuzz_first, i, outcome[0], outcome[1], outcome[2],
		outcome[3]);
	unplant(&p);
}

/*
 * What a crossing keeps per CPU, which the kernel's jumps may change: the
 * crossing itself, as cordon_gate() keeps an outer one, and what a gate
 * path leaves for the report.
 */
struct fuzz_percpu {
	struct cordon_crossing crossing;
	u64 ip, tamper, exit_err, aborted;
	long vec;
};

static void fuzz_percpu_save(struct fuzz_percpu *const s)
{
	cordon_crossing_save(&s->crossing);
	s->ip = this_cpu_read(cordon_gate_fault_ip);
	s->tamper = this_cpu_read(cordon_gate_tamper);
	s->exit_err = this_cpu_read(cordon_exit_err);
	s->aborted = this_cpu_read(cordon_gate_aborted);
	s->vec = this_cpu_read(cordon_gate_fault_vec);
}

static void fuzz_percpu_restore(const struct fuzz_percpu *const s)
{
	cordon_crossing_restore(&s->crossing);
	this_cpu_write(cordon_gate_fault_ip, s->ip);
	this_cpu_write(cordon_gate_tamper, s->tamper);
	this_cpu_write(cordon_exit_err, s->exit_err);
	this_cpu_write(cordon_gate_aborted, s->aborted);
	this_cpu_write(cordon_gate_fault_vec, s->vec);
}

/*
 * The kernel as the attacker: it jumps to random bytes of the gate pages
 * from its own view, with random registers and flags, and sometimes a GS
 * base, a CR3 (page tables of another address space) and an IDT (Cordon's,
 * or its own) of its choosing. (Page tables that map the kernel's text
 * elsewhere are the remapping attacks' tests; with the sealed ones the
 * harness itself cannot run.) Whatever comes back, by a return or through the fuzzer's
 * IDT, must be in the kernel view, and the sealed compartment must be
 * intact and still answer: no path may run it on what the kernel set up,
 * or let the kernel change it. The kernel's own state is the harness's to
 * put back (cordon_fuzz_kernel_jump()). A jump with the kernel's IDT, or
 * one that never comes back, stops the guest or hangs it: a denial of
 * service, which a kernel can always cause; scripts/fuzz-gates --from
 * kernel boots again from the next run.
 */
static void test_gate_fuzz_from_kernel(struct kunit *test)
{
	const size_t len = __cordon_gate_end - __cordon_gate_start;
	const u64 expected = cordon_sealed_expected(1);
	unsigned int i, v, cpu, outcome[3] = {};
	struct cordon_fuzz_regs *regs;
	struct fuzz_percpu saved;
	struct desc_ptr fuzz_idtr;
	unsigned long cr0, cr4;
	struct rnd_state rnd;
	struct mm_struct *mm;
	gate_desc *idt;

	if (!fuzz_runs)
		kunit_skip(test, "runs from scripts/fuzz-gates --from kernel (cordon_isolation_test.fuzz_runs=N)");
	need_views(test);
	regs = kunit_kzalloc(test, sizeof(*regs), GFP_KERNEL);
	idt = (gate_desc *)get_zeroed_page(GFP_KERNEL);
	mm = mm_alloc();
	KUNIT_ASSERT_NOT_NULL(test, regs);
	KUNIT_ASSERT_NOT_NULL(test, idt);
	KUNIT_ASSERT_NOT_NULL(test, mm);
	for (v = 0; v < IDT_ENTRIES; v++)
		pack_gate(&idt[v], GATE_INTERRUPT,
			  (unsigned long)cordon_fuzz_kernel_exception, 0,
			  IST_INDEX_DF + 1, __KERNEL_CS);
	fuzz_idtr.size = IDT_ENTRIES * sizeof(gate_desc) - 1;
	fuzz_idtr.address = (unsigned long)idt;
	prandom_seed_state(&rnd, fuzz_seed);
	cr0 = read_cr0();
	cr4 = __read_cr4();
	for (i = 0; i < fuzz_first + fuzz_runs; i++) {
		size_t off = prandom_u32_state(&rnd) % len;
		u32 which_idt = prandom_u32_state(&rnd) % 32;
		bool wild_gs = prandom_u32_state(&rnd) % 8 == 0;
		bool other_cr3 = prandom_u32_state(&rnd) % 8 == 0;
		u64 gs = fuzz_value(&rnd);
		unsigned long irq;
		long ret;
		bool ok;

		fuzz_regs(&rnd, regs, true);
		if (i < fuzz_first)
			continue;
		regs->cr3 = other_cr3 ? __pa(mm->pgd) : 0;
		if (which_idt == 0)
			memset(regs->idt, 0, sizeof(regs->idt));
		else if (which_idt == 1)
			memcpy(regs->idt, &cordon_frozen.cordon_idt, sizeof(regs->idt));
		else
			memcpy(regs->idt, &fuzz_idtr, sizeof(regs->idt));
		pr_info("cordon-fuzz: run %u offset 0x%zx (%pS) idt %s cr3 %s gs %s\n",
			i, off, __cordon_gate_start + off,
			which_idt == 0 ? "kernel" : which_idt == 1 ? "cordon" : "fuzzer",
			other_cr3 ? "other" : "own", wild_gs ? "wild" : "own");
		local_irq_save(irq);
		cpu = smp_processor_id();
		regs->gsbase = wild_gs ? gs : per_cpu_offset(cpu);
		fuzz_percpu_save(&saved);
		ret = cordon_fuzz_kernel_jump(regs, __cordon_gate_start + off);
		ok = kernel_state_intact(cpu, cr0, cr4);
		fuzz_percpu_restore(&saved);
		local_irq_restore(irq);
		outcome[ret == CORDON_FUZZ_RETURNED ? 0 :
			ret == CORDON_FUZZ_EXCEPTION ? 1 : 2]++;
		if (!ok) {
			pr_err("cordon-fuzz: FINDING run %u offset 0x%zx: back in view %d, or with control state not the kernel's\n",
			       i, off, cordon_state.backend->current_view());
			KUNIT_FAIL(test, "seed %lu run %u: gate offset 0x%zx (%pS)",
				   fuzz_seed, i, off, __cordon_gate_start + off);
			break;
		}
	}
	free_page((unsigned long)idt);
	mmput(mm);
	if (cordon_gate(cordon_sealed_gate(), 1, 0, 0) != expected)
		pr_err("cordon-fuzz: FINDING the sealed compartment no longer answers its checksum\n");
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_sealed_gate(), 1, 0, 0),
			(long)expected);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
	pr_info("cordon-fuzz: done seed %lu runs %u-%u: returned %u, exception %u, other %u\n",
		fuzz_seed, fuzz_first, i, outcome[0], outcome[1], outcome[2]);
}

static struct kunit_case cordon_isolation_cases[] = {
	KUNIT_CASE(test_compartment_hypercall_cannot_open_init_cred),
	KUNIT_CASE(test_compartment_wrgsbase_is_caught),
	KUNIT_CASE(test_compartment_swapgs_is_caught),
	KUNIT_CASE(test_interrupt_after_swapgs_is_not_lost),
	KUNIT_CASE(test_compartment_cr4_change_is_undone),
	KUNIT_CASE(test_compartment_cr0_wp_change_is_undone),
	KUNIT_CASE(test_entry_clears_df_and_ac),
	KUNIT_CASE(test_sealed_entry_with_kernel_idt_is_refused),
	KUNIT_CASE(test_kernel_remap_of_sealed_stack_is_ignored),
	KUNIT_CASE(test_sealed_entry_with_kernel_page_tables_is_refused),
	KUNIT_CASE(test_sealed_page_tables_are_frozen),
	KUNIT_CASE(test_event_in_sealed_view_is_not_delivered),
	KUNIT_CASE(test_kernel_vmfunc_into_sealed_view_runs_nothing),
	KUNIT_CASE(test_report_next_to_sealed_code_does_not_recurse),
	KUNIT_CASE(test_ve_handler_runs_on_a_kernel_stack),
	KUNIT_CASE(test_compartment_int_ve_ends_its_crossing),
	KUNIT_CASE(test_event_after_exit_vmfunc_writes_no_kernel_memory),
	KUNIT_CASE(test_jump_to_ve_gate_writes_no_kernel_memory),
	KUNIT_CASE(test_counters_into_sealed_memory_are_refused),
	KUNIT_CASE(test_locked_configuration_refuses_seal_and_freeze),
	KUNIT_CASE(test_no_privileged_instruction_where_views_execute),
	KUNIT_CASE(test_scanner_finds_each_planted_encoding),
	KUNIT_CASE(test_scanner_finds_every_gadget),
	KUNIT_CASE(test_gate_fuzz_from_compartment),
	KUNIT_CASE(test_gate_fuzz_from_kernel),
	{}
};

static struct kunit_suite cordon_isolation_suite = {
	.name = "cordon_isolation",
	.test_cases = cordon_isolation_cases,
};
kunit_test_suite(cordon_isolation_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
