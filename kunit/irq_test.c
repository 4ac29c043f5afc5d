// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for interrupts, NMIs and exceptions taken while a compartment
 * runs, on the views-enabled QEMU: the kernel's handlers run and see none
 * of the compartment's registers, the compartment resumes where it was,
 * and a kernel that tries to resume the wrong context is refused.
 */

#include <kunit/test.h>
#include <linux/cordon-views-abi.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/irq_regs.h>
#include <asm/nmi.h>
#include <asm/trapnr.h>

#include "aex.h"
#include "backend.h"
#include "compartment.h"
#include "demo.h"
#include "gate.h"
#include "gate_attack.h"
#include "irq.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"

static long counter(enum cordon_counter c)
{
	return atomic_long_read(&cordon_counters[c]);
}

static void need_views(struct kunit *test)
{
	if (!cordon_active())
		kunit_skip(test, "Cordon is off: the hypervisor offers no views");
	KUNIT_ASSERT_NOT_NULL(test, cordon_demo_gates.spin);
	KUNIT_ASSERT_NOT_NULL(test, cordon_sealed_gate());
}

static int current_view(void)
{
	return cordon_state.backend->current_view();
}

static bool ip_within(unsigned long ip, const char *start, size_t len)
{
	return ip >= (unsigned long)start && ip < (unsigned long)start + len;
}

/* === A timer that looks at what it interrupted === */

struct tick_probe {
	struct hrtimer timer;
	u32 view;		/* count ticks that land in this view */
	atomic_t inside;
	struct pt_regs regs;	/* the first such tick's interrupted frame */
	bool have_regs;
	const struct cordon_gate *switch_to;	/* play a lying kernel once */
	bool read_sealed;	/* a kernel-view #VE inside the handler */
	int read_ret;
};

static enum hrtimer_restart tick(struct hrtimer *t)
{
	struct tick_probe *p = container_of(t, struct tick_probe, timer);
	struct pt_regs *regs = get_irq_regs();

	if (this_cpu_read(cordon_gate_view) == p->view) {
		atomic_inc(&p->inside);
		/*
		 * Not a tick taken in the softirqs a forwarded interrupt ran on
		 * its way out (interrupts on, the crossing still this CPU's):
		 * that frame is the kernel's own.
		 */
		if (!p->have_regs && regs && !in_serving_softirq()) {
			p->regs = *regs;
			p->have_regs = true;
		}
		if (p->switch_to) {
			this_cpu_write(cordon_gate_cur, p->switch_to);
			p->switch_to = NULL;
		}
		if (p->read_sealed) {
			u64 val;

			p->read_ret = copy_from_kernel_nofault(&val,
				cordon_sealed_secret(), sizeof(val));
			p->read_sealed = false;
		}
	}
	hrtimer_forward_now(t, ms_to_ktime(1));
	return HRTIMER_RESTART;
}

static void tick_start(struct tick_probe *p, u32 view)
{
	memset(p, 0, sizeof(*p));
	p->view = view;
	hrtimer_init(&p->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	p->timer.function = tick;
	hrtimer_start(&p->timer, ms_to_ktime(1), HRTIMER_MODE_REL_PINNED_HARD);
}

static void tick_stop(struct tick_probe *p)
{
	hrtimer_cancel(&p->timer);
}

/* The kernel's handler saw an interrupt in Cordon's thunks, registers zero. */
static void expect_scrubbed_frame(struct kunit *test, const struct pt_regs *r)
{
	KUNIT_EXPECT_TRUE(test, ip_within(r->ip, cordon_irq_thunks,
					 256 * CORDON_IDT_STUB_SIZE));
	KUNIT_EXPECT_EQ(test, r->cs, (unsigned long)__KERNEL_CS);
	KUNIT_EXPECT_TRUE(test, r->flags & X86_EFLAGS_IF);
	KUNIT_EXPECT_EQ(test, r->ax | r->bx | r->cx | r->dx | r->si | r->di |
			r->bp | r->r8 | r->r9 | r->r10 | r->r11 | r->r12 |
			r->r13 | r->r14 | r->r15, 0UL);
}

/*
 * The kernel's handler of an event in the sealed view ran after an
 * asynchronous exit: on the crossing's kernel stack, returning to the exit
 * point, with every register zero; nothing was pushed in the sealed view.
 */
static void expect_aex_frame(struct kunit *test, const struct pt_regs *r)
{
	KUNIT_EXPECT_EQ(test, r->ip, (unsigned long)cordon_aex_exit);
	KUNIT_EXPECT_EQ(test, r->cs, (unsigned long)__KERNEL_CS);
	KUNIT_EXPECT_TRUE(test, r->flags & X86_EFLAGS_IF);
	KUNIT_EXPECT_EQ(test, r->ax | r->bx | r->cx | r->dx | r->si | r->di |
			r->bp | r->r8 | r->r9 | r->r10 | r->r11 | r->r12 |
			r->r13 | r->r14 | r->r15, 0UL);
}

static struct tick_probe probe;

/* Enough calls for a tick to land in one on any host; each is checked. */
#define MAX_CALLS 20

/* === Interrupts === */

static void test_timer_interrupt_during_long_sealed_call(struct kunit *test)
{
	const u64 expected = cordon_sealed_expected(CORDON_SEALED_LONG_ROUNDS);
	const struct cordon_gate *g;
	int calls = 0, wrong = 0;
	long exits;

	need_views(test);
	g = cordon_sealed_gate();
	exits = counter(CORDON_CTR_IRQ_EXITS);
	preempt_disable();
	tick_start(&probe, g->view);
	while (!READ_ONCE(probe.have_regs) && calls++ < MAX_CALLS)
		wrong += cordon_gate(g, CORDON_SEALED_LONG_ROUNDS, 0, 0) != expected;
	tick_stop(&probe);
	preempt_enable();

	/* The sealed code ran to the end, interrupted, with the right result. */
	KUNIT_EXPECT_EQ(test, wrong, 0);
	KUNIT_ASSERT_TRUE(test, probe.have_regs);
	KUNIT_EXPECT_GT(test, counter(CORDON_CTR_IRQ_EXITS) - exits, 0L);
	expect_aex_frame(test, &probe.regs);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	kunit_info(test, "%d timer interrupts inside %d sealed calls\n",
		   atomic_read(&probe.inside), calls);
}

static void test_interrupt_in_untrusted_compartment(struct kunit *test)
{
	const struct cordon_gate *g;
	const long n = 1L << 22;
	int calls = 0, wrong = 0;

	need_views(test);
	g = cordon_demo_gates.spin;
	preempt_disable();
	tick_start(&probe, g->view);
	while (!READ_ONCE(probe.have_regs) && calls++ < MAX_CALLS)
		wrong += cordon_gate(g, n, 0, 0) != n;
	tick_stop(&probe);
	preempt_enable();

	KUNIT_EXPECT_EQ(test, wrong, 0);
	KUNIT_ASSERT_TRUE(test, probe.have_regs);
	/* The marker cordon_demo_spin() keeps in its registers stayed there. */
	expect_scrubbed_frame(test, &probe.regs);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_ve_in_handler_during_crossing_is_the_kernels(struct kunit *test)
{
	const struct cordon_gate *g;
	const long n = 1L << 22;
	int calls = 0, wrong = 0;
	long denied;

	need_views(test);
	g = cordon_demo_gates.spin;
	denied = counter(CORDON_CTR_VE_DENIED);
	preempt_disable();
	tick_start(&probe, g->view);
	/* The handler reads sealed memory while the compartment waits. */
	probe.read_sealed = true;
	while (!atomic_read(&probe.inside) && calls++ < MAX_CALLS)
		wrong += cordon_gate(g, n, 0, 0) != n;
	tick_stop(&probe);
	preempt_enable();

	KUNIT_ASSERT_GT(test, atomic_read(&probe.inside), 0);
	/* Denied and fixed up in the handler; the crossing went on. */
	KUNIT_EXPECT_EQ(test, probe.read_ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_VE_DENIED), denied + 1);
	KUNIT_EXPECT_EQ(test, wrong, 0);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_interrupts_off_stay_off(struct kunit *test)
{
	const struct cordon_gate *g;
	bool still_off;
	long ret;

	need_views(test);
	g = cordon_demo_gates.spin;
	preempt_disable();
	tick_start(&probe, g->view);
	/* A caller with interrupts off gets a compartment with them off. */
	local_irq_disable();
	ret = cordon_gate(g, 1L << 22, 0, 0);
	still_off = irqs_disabled();
	local_irq_enable();
	tick_stop(&probe);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ret, 1L << 22);
	KUNIT_EXPECT_TRUE(test, still_off);
	KUNIT_EXPECT_EQ(test, atomic_read(&probe.inside), 0);
}

/* === NMIs === */

static struct {
	unsigned int target;
	bool inside;
	atomic_t sent, handled, at_exit, in_gate;
} nmi;

static int nmi_probe(unsigned int type, struct pt_regs *regs)
{
	if (smp_processor_id() != READ_ONCE(nmi.target) ||
	    atomic_read(&nmi.handled) >= atomic_read(&nmi.sent))
		return NMI_DONE;
	atomic_inc(&nmi.handled);
	/* Delivered after an asynchronous exit from the sealed view. */
	if (regs->ip == (unsigned long)cordon_aex_exit)
		atomic_inc(&nmi.at_exit);
	/* Latched by Cordon's stub, run from a gate in the kernel view. */
	else if (cordon_in_gate_text(regs->ip))
		atomic_inc(&nmi.in_gate);
	return NMI_HANDLED;
}

static int nmi_sender(void *ignore)
{
	while (!kthread_should_stop()) {
		if (READ_ONCE(nmi.inside)) {
			atomic_inc(&nmi.sent);
			apic->send_IPI(nmi.target, NMI_VECTOR);
		}
		usleep_range(3000, 4000);
	}
	return 0;
}

/* Cross @g with @arg until three NMIs were sent from another CPU. */
static void nmi_storm(struct kunit *test, const struct cordon_gate *g,
		      long arg, long expected)
{
	struct task_struct *sender;
	int calls = 0, wrong = 0;
	unsigned int cpu;

	need_views(test);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second CPU to send NMIs");
	memset(&nmi, 0, sizeof(nmi));
	/* Stay on this CPU, but sleeping (kthread_*()) is allowed. */
	migrate_disable();
	cpu = smp_processor_id();
	nmi.target = cpu;
	KUNIT_ASSERT_EQ(test, register_nmi_handler(NMI_LOCAL, nmi_probe, 0,
						   "cordon_kunit"), 0);
	sender = kthread_create(nmi_sender, NULL, "cordon-nmi-test");
	if (IS_ERR(sender)) {
		migrate_enable();
		unregister_nmi_handler(NMI_LOCAL, "cordon_kunit");
		KUNIT_FAIL(test, "kthread_create: %ld", PTR_ERR(sender));
		return;
	}
	kthread_bind(sender, cpumask_any_but(cpu_online_mask, cpu));
	wake_up_process(sender);
	WRITE_ONCE(nmi.inside, true);
	while (atomic_read(&nmi.sent) < 3 && calls++ < 10 * MAX_CALLS)
		wrong += cordon_gate(g, arg, 0, 0) != expected;
	WRITE_ONCE(nmi.inside, false);
	kthread_stop(sender);
	migrate_enable();
	mdelay(10);
	unregister_nmi_handler(NMI_LOCAL, "cordon_kunit");

	KUNIT_EXPECT_EQ(test, wrong, 0);
	KUNIT_ASSERT_GT(test, atomic_read(&nmi.sent), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&nmi.handled), 0);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	kunit_info(test, "NMIs: %d sent, %d handled, %d at the exit point, %d in gate text\n",
		   atomic_read(&nmi.sent), atomic_read(&nmi.handled),
		   atomic_read(&nmi.at_exit), atomic_read(&nmi.in_gate));
}

static void test_nmi_in_sealed_call_exits_the_view(struct kunit *test)
{
	nmi_storm(test, cordon_sealed_gate(), CORDON_SEALED_LONG_ROUNDS,
		  cordon_sealed_expected(CORDON_SEALED_LONG_ROUNDS));
	/*
	 * Not delivered in the sealed view: the hypervisor left it and the
	 * kernel's handler saw the exit point. (An NMI taken elsewhere during
	 * the crossing shows something else; hence no equality.)
	 */
	KUNIT_EXPECT_GT(test, atomic_read(&nmi.at_exit), 0);
}

static void poison_nmi_stacks(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(&cordon_shared, cpu)->nmi_stack, 0x5a,
		       sizeof(cordon_shared.nmi_stack));
}

static bool nmi_stacks_untouched(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (memchr_inv(per_cpu_ptr(&cordon_shared, cpu)->nmi_stack, 0x5a,
			       sizeof(cordon_shared.nmi_stack)))
			return false;
	return true;
}

/*
 * A CPU whose NMIs the hypervisor does not hold (one first brought up
 * after the lock cannot register) takes no crossing: an NMI in a gate's
 * window would go through a frame another CPU in the compartment writes.
 */
static void test_crossing_without_held_nmis_is_refused(struct kunit *test)
{
	long ret;

	need_views(test);
	KUNIT_ASSERT_TRUE(test, this_cpu_read(cordon_nmi_held));
	preempt_disable();
	this_cpu_write(cordon_nmi_held, false);
	ret = cordon_gate(cordon_demo_gates.sum, 1, 2, 3);
	this_cpu_write(cordon_nmi_held, true);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ret, -ENODEV);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
}

static void test_nmi_in_untrusted_call_is_deferred(struct kunit *test)
{
	long deferred = counter(CORDON_CTR_NMI_DEFERRED);

	poison_nmi_stacks();
	nmi_storm(test, cordon_demo_gates.spin, 1L << 22, 1L << 22);
	/* Latched and run from a gate. */
	KUNIT_EXPECT_GT(test, counter(CORDON_CTR_NMI_DEFERRED) - deferred, 0L);
	KUNIT_EXPECT_GT(test, atomic_read(&nmi.in_gate), 0);
	/*
	 * By the hypervisor, while Cordon's IDT is loaded: no NMI went
	 * through it, so no frame is on the stack its NMI stub would use,
	 * which another CPU in the compartment could rewrite.
	 */
	KUNIT_EXPECT_TRUE(test, nmi_stacks_untouched());
}

/* === Exceptions === */

/*
 * @g's crossing with @arg ends in @err and moves @ctr by one; the kernel is
 * back in its view and the compartment's stack on this CPU free again.
 */
static void expect_crossing_ended(struct kunit *test,
				  const struct cordon_gate *g, long arg,
				  long err, enum cordon_counter ctr)
{
	long before = counter(ctr);

	KUNIT_EXPECT_EQ(test, cordon_gate(g, arg, 0, 0), err);
	KUNIT_EXPECT_EQ(test, counter(ctr), before + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
}

static void test_exception_in_compartment_ends_crossing(struct kunit *test)
{
	long vec;

	need_views(test);
	preempt_disable();
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.fault, 0, 0, 0),
			-EFAULT);
	vec = this_cpu_read(cordon_gate_fault_vec);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, vec, (long)X86_TRAP_UD);
	expect_crossing_ended(test, cordon_demo_gates.fault, 0, -EFAULT,
			      CORDON_CTR_COMPARTMENT_FAULTS);
}

/* === Attacks === */

static void test_compartment_int_n_reaches_no_kernel_handler(struct kunit *test)
{
	long refused, exits;

	need_views(test);
	refused = counter(CORDON_CTR_SOFT_INT_REFUSED);
	exits = counter(CORDON_CTR_IRQ_EXITS);
	/* INT $LOCAL_TIMER_VECTOR and INT $0x80: neither is forwarded. */
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.soft_int, 0, 0, 0),
			7);
	KUNIT_EXPECT_GE(test, counter(CORDON_CTR_SOFT_INT_REFUSED), refused + 2);
	KUNIT_EXPECT_GE(test, counter(CORDON_CTR_IRQ_EXITS), exits + 2);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
}

static void test_syscall_from_compartment_ends_crossing(struct kunit *test)
{
	need_views(test);
	/* SYSCALL goes to kernel entry text, which its view cannot fetch. */
	expect_crossing_ended(test, cordon_demo_gates.syscall, 0, -EFAULT,
			      CORDON_CTR_VE_DENIED);
}

static struct cordon_gate forged __aligned(CORDON_GATE_SIZE);

static void test_jump_into_the_middle_of_a_gate(struct kunit *test)
{
	static u8 fake_stacks[2 * CORDON_GATE_STACK_SIZE] __aligned(PAGE_SIZE);
	const struct cordon_gate *sealed;
	long refused;

	need_views(test);
	sealed = cordon_sealed_gate();
	/* Everything a sealed gate has, but not in the frozen page. */
	forged = *sealed;
	forged.stacks = (u64)fake_stacks;
	refused = counter(CORDON_CTR_GATE_REFUSED);
	KUNIT_EXPECT_EQ(test, cordon_test_jump_past_checks(&forged,
							   sealed->view),
			-EPERM);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_REFUSED), refused + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	/* Nothing ran on the attacker's stack. */
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(fake_stacks, 0, sizeof(fake_stacks)),
			    NULL);
	/* The real gate still works. */
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
}

static void test_exit_gate_does_not_return_into_the_sealed_view(struct kunit *test)
{
	const struct cordon_gate *sealed;
	long refused, ret;
	u64 slot;

	need_views(test);
	sealed = cordon_sealed_gate();
	refused = counter(CORDON_CTR_GATE_REFUSED);
	preempt_disable();
	/* Somewhere in this CPU's sealed stack, below its slot. */
	slot = sealed->stacks + ((u64)smp_processor_id() + 1) *
	       CORDON_GATE_STACK_SIZE - CORDON_SLOT_SIZE;
	ret = cordon_test_exit_back_into(sealed, slot - 256);
	this_cpu_write(cordon_gate_ksp, this_cpu_read(cordon_aex_idle_sp));
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_REFUSED), refused + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	/* The real gate still works. */
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
}

static void test_return_to_the_wrong_view_is_caught(struct kunit *test)
{
	need_views(test);
	/* The compartment skips the exit VMFUNC and jumps to the check after it. */
	expect_crossing_ended(test, cordon_demo_gates.jump,
			      (long)cordon_gate_check_exit, -EPERM,
			      CORDON_CTR_VE_DENIED);
}

static bool landed;

static void fake_exit_landing(void)
{
	WRITE_ONCE(landed, true);
}

static void test_exit_with_a_stack_of_its_own_returns_nowhere(struct kunit *test)
{
	bool ran_kernel_code;
	long ret;

	need_views(test);
	landed = false;
	/*
	 * The compartment jumps to the exit VMFUNC with view 0 and a stack
	 * whose return address is kernel code: the gate leaves on the kernel
	 * stack, so its caller gets the "result" and nothing else runs. An
	 * interrupt right after that VMFUNC (TCG delivers them at the end of
	 * its block) is taken through Cordon's IDT and resumed in the
	 * compartment's view, where the gate's view check refuses: -EPERM,
	 * and nothing runs either.
	 */
	ret = cordon_gate(cordon_demo_gates.fake_exit, (long)cordon_vmfunc_exit,
			  (long)fake_exit_landing, 0);
	KUNIT_EXPECT_TRUE_MSG(test, ret == 0x1337 || ret == -EPERM,
			      "returned %ld", ret);
	ran_kernel_code = READ_ONCE(landed);
	KUNIT_EXPECT_FALSE(test, ran_kernel_code);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
}

static void test_resume_into_another_compartment_is_refused(struct kunit *test)
{
	const struct cordon_gate *sealed;
	long refused, ret;
	int calls = 0;

	need_views(test);
	sealed = cordon_sealed_gate();
	refused = counter(CORDON_CTR_GATE_REFUSED);
	preempt_disable();
	tick_start(&probe, cordon_demo_gates.spin->view);
	/* A lying kernel points the interrupted crossing at the sealed gate. */
	probe.switch_to = sealed;
	do {
		ret = cordon_gate(cordon_demo_gates.spin, 1L << 22, 0, 0);
	} while (ret == 1L << 22 && ++calls < MAX_CALLS);
	tick_stop(&probe);
	preempt_enable();

	KUNIT_ASSERT_GT(test, atomic_read(&probe.inside), 0);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, counter(CORDON_CTR_GATE_REFUSED), refused + 1);
	KUNIT_EXPECT_EQ(test, current_view(), 0);
	/* Neither compartment is the worse for it. */
	KUNIT_EXPECT_EQ(test, cordon_gate(sealed, 1, 0, 0),
			(long)cordon_sealed_expected(1));
	KUNIT_EXPECT_EQ(test, cordon_gate(cordon_demo_gates.sum, 1, 2, 3), 6);
}

static void test_idt_is_frozen_and_readable_everywhere(struct kunit *test)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	u64 pfn;

	need_views(test);
	pfn = PHYS_PFN(__pa_symbol(cordon_irq_idt()));
	KUNIT_EXPECT_EQ(test, be->get_access(0, pfn), CORDON_ACCESS_R);
	KUNIT_EXPECT_EQ(test, be->get_access(cordon_demo_gates.spin->view, pfn),
			CORDON_ACCESS_R);
	KUNIT_EXPECT_EQ(test, be->set_access(0, pfn, 1, CORDON_ACCESS_RWX),
			-EACCES);
}

static struct kunit_case cordon_irq_cases[] = {
	KUNIT_CASE(test_timer_interrupt_during_long_sealed_call),
	KUNIT_CASE(test_interrupt_in_untrusted_compartment),
	KUNIT_CASE(test_ve_in_handler_during_crossing_is_the_kernels),
	KUNIT_CASE(test_interrupts_off_stay_off),
	KUNIT_CASE(test_nmi_in_sealed_call_exits_the_view),
	KUNIT_CASE(test_nmi_in_untrusted_call_is_deferred),
	KUNIT_CASE(test_crossing_without_held_nmis_is_refused),
	KUNIT_CASE(test_exception_in_compartment_ends_crossing),
	KUNIT_CASE(test_compartment_int_n_reaches_no_kernel_handler),
	KUNIT_CASE(test_syscall_from_compartment_ends_crossing),
	KUNIT_CASE(test_jump_into_the_middle_of_a_gate),
	KUNIT_CASE(test_exit_gate_does_not_return_into_the_sealed_view),
	KUNIT_CASE(test_return_to_the_wrong_view_is_caught),
	KUNIT_CASE(test_exit_with_a_stack_of_its_own_returns_nowhere),
	KUNIT_CASE(test_resume_into_another_compartment_is_refused),
	KUNIT_CASE(test_idt_is_frozen_and_readable_everywhere),
	{}
};

static struct kunit_suite cordon_irq_suite = {
	.name = "cordon_irq",
	.test_cases = cordon_irq_cases,
};
kunit_test_suite(cordon_irq_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_LICENSE("GPL");
