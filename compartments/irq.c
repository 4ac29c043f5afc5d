// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the IDT loaded while a compartment runs
 *
 * Kernel handlers live in kernel text, which no compartment view executes,
 * and an interrupt taken in a compartment must not leave its registers to
 * the kernel. So gates load an IDT of Cordon's whose every vector points at
 * a stub in the gate section (gate_64.S), on a stack the TSS names, never
 * on the interrupted one: interrupts are saved on the crossing's stack and
 * forwarded to the kernel's handlers in the kernel view, NMIs are latched
 * in a per-CPU page every view may write, and exceptions end the
 * crossing. The IDT page is frozen with the gates.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/cpuhotplug.h>
#include <linux/instrumentation.h>
#include <linux/percpu.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/irq_vectors.h>
#include <asm/page_64_types.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <asm/trapnr.h>
#include <kunit/visibility.h>

#include "backend.h"
#include "compartment.h"
#include "gate.h"
#include "irq.h"
#include "report.h"
#include "setup.h"

DEFINE_PER_CPU_PAGE_ALIGNED(struct cordon_shared, cordon_shared);
/* An interrupt's vector whose entry ended the crossing (gate_64.S). */
DEFINE_PER_CPU(u64, cordon_irq_lost);
/* NMIs are held while Cordon's IDT is loaded (nmi_latch_online()). */
DEFINE_PER_CPU(bool, cordon_nmi_held);
static_assert(sizeof(struct cordon_shared) == PAGE_SIZE);

static gate_desc cordon_idt[IDT_ENTRIES] __page_aligned_bss;
static_assert(sizeof(cordon_idt) == PAGE_SIZE);

/* Each CPU's shared page: its event stacks, written in whatever view. */
static int __init shared_writable(u16 view)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	unsigned int cpu;
	int err;

	for_each_possible_cpu(cpu) {
		u64 pfn = PHYS_PFN(slow_virt_to_phys(per_cpu_ptr(&cordon_shared,
								 cpu)));

		err = be->set_access(view, pfn, 1,
				     CORDON_ACCESS_R | CORDON_ACCESS_W);
		if (err)
			return err;
	}
	return 0;
}

/*
 * The TSS slots Cordon's IDT names: the top of each CPU's stacks in its
 * shared page. Linux fills only the slots up to IST_INDEX_VC, at every
 * CPU's bring-up, so these survive CPUs going offline and back.
 */
static void __init event_stacks(void)
{
	unsigned int cpu;

	/* IST numbers count from 1, Linux's indexes from 0. */
	BUILD_BUG_ON(CORDON_IST_NMI - 1 <= IST_INDEX_VC);
	BUILD_BUG_ON(CORDON_IST_EVENT - 1 <= IST_INDEX_VC);
	BUILD_BUG_ON(ARRAY_SIZE(cpu_tss_rw.x86_tss.ist) < CORDON_IST_EVENT);
	for_each_possible_cpu(cpu) {
		struct cordon_shared *sh = per_cpu_ptr(&cordon_shared, cpu);
		struct x86_hw_tss *tss = &per_cpu(cpu_tss_rw, cpu).x86_tss;

		tss->ist[CORDON_IST_EVENT - 1] =
			(unsigned long)sh->event_stack + sizeof(sh->event_stack);
		tss->ist[CORDON_IST_NMI - 1] =
			(unsigned long)sh->nmi_stack + sizeof(sh->nmi_stack);
	}
}

/*
 * NMIs while Cordon's IDT is loaded: the hypervisor sets this CPU's latch
 * instead of delivering them, and DELIVER_NMI runs them at the next exit.
 * Delivered, an NMI in view 0 during a gate's window would IRET through a
 * frame on the NMI stack, which another CPU in the compartment may
 * rewrite. A CPU that cannot register (first brought up after the lock)
 * takes no crossing: cordon_gate() refuses it with -ENODEV.
 */
static int nmi_latch_online(unsigned int cpu)
{
	int err;

	err = cordon_state.backend->set_nmi_latch(
		cordon_frozen.cordon_idt.address,
		slow_virt_to_phys(&per_cpu_ptr(&cordon_shared, cpu)->nmi_latch));
	per_cpu(cordon_nmi_held, cpu) = !err;
	if (err)
		pr_warn("CPU %u: the hypervisor does not hold NMIs while a compartment runs (%d); this CPU takes no crossing. Bring it up before Cordon locks (boot with it online)\n",
			cpu, err);
	return 0;
}

/**
 * cordon_irq_prepare() - build Cordon's IDT, open what its stubs need,
 * and have the hypervisor hold NMIs while it is loaded
 *
 * Context: Boot, from cordon_gates_prepare(), before the seal and after
 * the kernel's IDT is final.
 * Return: 0 or -errno.
 */
int __init cordon_irq_prepare(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < IDT_ENTRIES; i++)
		pack_gate(&cordon_idt[i], GATE_INTERRUPT,
			  (unsigned long)cordon_idt_stubs +
			  i * CORDON_IDT_STUB_SIZE, 0,
			  i == X86_TRAP_NMI ? CORDON_IST_NMI : CORDON_IST_EVENT,
			  __KERNEL_CS);
	event_stacks();
	store_idt(&cordon_frozen.kernel_idt);
	cordon_frozen.cordon_idt = (struct desc_ptr){
		.size = sizeof(cordon_idt) - 1,
		.address = (unsigned long)cordon_idt,
	};
	for (i = 0; i < cordon_nr_compartments(); i++) {
		const struct cordon_compartment *c = cordon_compartment_by_id(i);

		/* Read-only everywhere from now on; frozen so later. */
		err = cordon_state.backend->set_access(c->view,
			PHYS_PFN(__pa_symbol(cordon_idt)), 1, CORDON_ACCESS_R);
		/* The sealed view writes all kernel memory already. */
		if (!err && c->kind == CORDON_KIND_UNTRUSTED)
			err = shared_writable(c->view);
		if (err)
			return err;
	}
	err = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "cordon/nmi:online",
				nmi_latch_online, NULL);
	return err < 0 ? err : 0;
}

/**
 * cordon_irq_freeze() - make Cordon's IDT immutable in every view
 *
 * Return: 0 or -errno.
 */
int __init cordon_irq_freeze(void)
{
	return cordon_state.backend->freeze(PHYS_PFN(__pa_symbol(cordon_idt)),
					    1);
}

/**
 * cordon_irq_forwardable() - may an interrupt taken in a compartment go
 * to the kernel's handler
 * @vector: the vector the stub pushed
 *
 * Called by gate_64.S in the kernel view, interrupts off. Compartment code
 * runs at ring 0 and can raise any vector with INT n; the kernel must not
 * acknowledge an APIC interrupt that is not there or run a syscall entry
 * from kernel mode. A device or system interrupt that the local APIC
 * delivered is in its in-service register; the spurious vector sets no
 * bit there and its handler checks for itself.
 *
 * Return: true to forward, false to resume the compartment without it.
 */
noinstr bool cordon_irq_forwardable(unsigned long vector)
{
	bool ok = false;

	instrumentation_begin();
	if (vector >= FIRST_EXTERNAL_VECTOR && vector <= 0xff &&
	    vector != IA32_SYSCALL_VECTOR)
		ok = vector == SPURIOUS_APIC_VECTOR ||
		     apic_read(APIC_ISR + (vector / 32) * 0x10) & BIT(vector % 32);
	if (!ok)
		cordon_count(CORDON_CTR_SOFT_INT_REFUSED);
	instrumentation_end();
	return ok;
}


/* The highest vector in the local APIC's service, or 0. */
static unsigned int highest_in_service(void)
{
	unsigned int i;
	u32 isr;

	for (i = 8; i-- > 1; ) {
		isr = apic_read(APIC_ISR + i * 0x10);
		if (isr)
			return i * 32 + fls(isr) - 1;
	}
	return 0;
}

/**
 * cordon_irq_recover() - give the kernel an interrupt a crossing ended on
 *
 * An interrupt taken in a compartment whose state its entry cannot trust
 * (GS moved, a stack not the crossing's) ends the crossing before any
 * kernel handler runs, and the local APIC still has it in service: it
 * would hold off every interrupt of its priority class and below on this
 * CPU for good. The entry noted the vector (cordon_irq_lost, gate_64.S).
 * If it is the highest in service, this ends that service and raises it
 * again, for the kernel's own handler once interrupts are on. The note is
 * the compartment's to forge, but only an interrupt in service, the one
 * that must be ended anyway, is raised: its handler may run once more.
 * Called after a crossing that ended early, with preemption off.
 */
void cordon_irq_recover(void)
{
	const u64 lost = this_cpu_xchg(cordon_irq_lost, 0);
	const unsigned int vector = lost & 0xff;
	unsigned long flags;

	if ((lost & ~0xffULL) != CORDON_IRQ_LOST_TAG)
		return;
	local_irq_save(flags);
	if (vector >= FIRST_EXTERNAL_VECTOR && vector != IA32_SYSCALL_VECTOR &&
	    highest_in_service() == vector) {
		ack_APIC_irq();
		apic->send_IPI_self(vector);
		cordon_count(CORDON_CTR_IRQ_RAISED_AGAIN);
	}
	local_irq_restore(flags);
}

/**
 * cordon_irq_idt() - where Cordon's IDT is, for tests
 *
 * Return: the IDT loaded while a compartment runs.
 */
const void *cordon_irq_idt(void)
{
	return cordon_idt;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_irq_idt);
