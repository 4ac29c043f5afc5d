/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - gates (private; included from C and assembly)
 *
 * A gate descriptor names where a crossing goes: the entry point, the view,
 * the compartment's per-CPU stacks and the tag page that proves the CPU is
 * in that view. Descriptors live in one page that is frozen read-only in
 * every view, so a compromised kernel can neither forge nor redirect them.
 */

#ifndef _CORDON_GATE_H
#define _CORDON_GATE_H

#define CORDON_GATE_SIZE		64	/* a power of two */
#define CORDON_GATE_TARGET		0
#define CORDON_GATE_TAG			8
#define CORDON_GATE_STACKS		16
#define CORDON_GATE_VIEW		24
#define CORDON_GATE_COMPARTMENT		28
#define CORDON_GATE_CR3			32
#define CORDON_GATE_AEX			40
#define CORDON_GATE_AEX_RESUME		48
#define CORDON_GATE_NR_STACKS		56
/* The frozen pages: the descriptors, then struct cordon_frozen's rest. */
#define CORDON_FROZEN_PAGES		3
#define CORDON_MAX_GATES		172	/* the frozen pages hold no more */
#define CORDON_GATES_BYTES		(CORDON_MAX_GATES * CORDON_GATE_SIZE)
/* In the gate slot of each entry point of a compartment refused at boot. */
#define CORDON_GATE_REFUSED	((const struct cordon_gate *)ERR_PTR(-EPERM))
/* After the descriptors in the frozen pages. */
#define CORDON_FROZEN_SEALED_VIEW	CORDON_GATES_BYTES
#define CORDON_FROZEN_NR_CPUS		(CORDON_GATES_BYTES + 4)
#define CORDON_FROZEN_SEALED_STACKS	(CORDON_GATES_BYTES + 8)
#define CORDON_FROZEN_KERNEL_IDT	(CORDON_GATES_BYTES + 16)
#define CORDON_FROZEN_CORDON_IDT	(CORDON_GATES_BYTES + 32)
/* Control-register bits the kernel relies on, and their values. */
#define CORDON_FROZEN_CR0_MASK		(CORDON_GATES_BYTES + 48)
#define CORDON_FROZEN_CR0_WANT		(CORDON_GATES_BYTES + 56)
#define CORDON_FROZEN_CR4_MASK		(CORDON_GATES_BYTES + 64)
#define CORDON_FROZEN_CR4_WANT		(CORDON_GATES_BYTES + 72)
/* The sealed compartment's page tables, and the kernel's to go back to. */
#define CORDON_FROZEN_SEALED_CR3	(CORDON_GATES_BYTES + 80)
#define CORDON_FROZEN_KERNEL_CR3	(CORDON_GATES_BYTES + 88)
/* Each CPU's kernel GS base, indexed by the CPU number in TSC_AUX. */
#define CORDON_FROZEN_GSBASE		(CORDON_GATES_BYTES + 128)
#define CORDON_MAX_CPUS			128
/* Linux puts (node << 12) | cpu in TSC_AUX (vdso_encode_cpunode()). */
#define CORDON_TSC_AUX_CPU_MASK		0xfff
/* What the way back to the kernel view found changed (cordon_gate_tamper). */
#define CORDON_TAMPER_CR0		1
#define CORDON_TAMPER_CR4		2
#define CORDON_TAMPER_GS		4
#define CORDON_TAMPER_FRAME		8	/* a forged #VE */
#define CORDON_TAMPER_EXIT		16	/* an exit record not its own */
/*
 * cordon_irq_lost: the vector of an interrupt whose entry ended the
 * crossing, under this tag (irq.c, cordon_irq_recover()).
 */
#define CORDON_IRQ_LOST_TAG		0x1e570000
/*
 * Each CPU's compartment stack ends in a slot: a busy word, taken at entry
 * and released on return, and the stack pointer of a context an interrupt
 * left there, taken (once) when it is resumed.
 */
#define CORDON_SLOT_SIZE		16
#define CORDON_SLOT_BUSY		0
#define CORDON_SLOT_SAVED_SP		8
/*
 * CPU n's save frame for asynchronous exits (docs/views-abi.md) is the
 * n-th of these in the sealed compartment's memory.
 */
#define CORDON_AEX_FRAME_SHIFT		8
#define CORDON_AEX_FRAME_STRIDE		(1 << CORDON_AEX_FRAME_SHIFT)
/* Counters gate_64.S moves itself (indexes into cordon_counters). */
#define CORDON_ASM_CTR_IRQ_EXITS	8
#define CORDON_ASM_CTR_NMI_DEFERRED	9
#define CORDON_ASM_CTR_GATE_REFUSED	10
#define CORDON_ASM_CTR_EXIT_CALLS	15
/* struct cordon_exit_record, which the pass emits */
#define CORDON_EXIT_TARGET		0
#define CORDON_EXIT_COMPARTMENT		8
#define CORDON_EXIT_FLAGS		24
/* Called with the crossing's preemption count held (own.c). */
#define CORDON_EXIT_KEEP_PREEMPT	1
/* What it returns is lent to the crossing (lend.c). */
#define CORDON_EXIT_LEND_RETURN		2
/* Stubs in the IDT used during crossings, one per vector. */
#define CORDON_IDT_STUB_SIZE		16
/*
 * Cordon's IDT delivers every event on a stack the TSS names (IST), never
 * on the interrupted %rsp: any VMFUNC of the gate pages takes a
 * compartment to the kernel view with a %rsp of its choosing. Both stacks
 * are in each CPU's shared page (struct cordon_shared, irq.h); the TSS
 * slots are ones Linux leaves free (IST_INDEX_VC is its last).
 */
#define CORDON_IST_NMI			6
#define CORDON_IST_EVENT		7
#define CORDON_SHARED_EVENT_STACK	1024
#define CORDON_SHARED_NMI_STACK		3072
/* What cordon_irq_entry saves: 15 registers, vector, error code, frame. */
#define CORDON_IRQ_CONTEXT_SIZE		(22 * 8)
/* 16 KiB of stack per CPU and compartment. */
#define CORDON_GATE_STACK_SHIFT		14
#define CORDON_GATE_STACK_SIZE		(1 << CORDON_GATE_STACK_SHIFT)

#ifndef __ASSEMBLY__

#include <linux/cache.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/types.h>
#include <asm/desc_defs.h>

struct cordon_compartment;

/**
 * struct cordon_gate - where one gate goes
 * @target: entry point, in the compartment's code
 * @tag: address of the compartment's tag page
 * @stacks: base of the compartment's stacks, CORDON_GATE_STACK_SIZE each:
 *	    per CPU (CPU n uses the n-th), or a pool if @nr_stacks is set
 * @view: the compartment's view; 0 for an unused descriptor
 * @compartment: the compartment's id
 * @cr3: the compartment's own page tables, loaded before the VMFUNC and
 *	 checked after it; 0 to keep the kernel's (untrusted compartments)
 * @aex: with @cr3, the CPUs' save frames for asynchronous exits (CPU n's
 *	 at @aex + n * CORDON_AEX_FRAME_STRIDE), which each entry clears
 * @aex_resume: with @aex, the compartment's code that asks the hypervisor
 *		for the saved context (AEX_RESUME); no VMCALL sits in gate
 *		pages
 * @nr_stacks: 0 for per-CPU stacks; else the size of a pool of stacks,
 *	       one taken per crossing (cordon_gate()), so that a crossing may
 *	       sleep in an exit, move to another CPU, or be re-entered from
 *	       one; the stack a crossing uses is this CPU's cordon_gate_stack,
 *	       bounded by @nr_stacks after every VMFUNC
 * @pad: keeps descriptors CORDON_GATE_SIZE bytes apart
 */
struct cordon_gate {
	u64 target;
	u64 tag;
	u64 stacks;
	u32 view;
	u32 compartment;
	u64 cr3;
	u64 aex;
	u64 aex_resume;
	u32 nr_stacks;
	u8 pad[CORDON_GATE_SIZE - 60];
};

/**
 * struct cordon_frozen - the pages frozen read-only in every view
 * @gates: the gate descriptors
 * @sealed_view: the sealed compartment's view, never resumed into
 * @nr_cpus: CPUs with a stack in every compartment; bounds the CPU number
 *	     a gate trusts to find one
 * @sealed_stacks: the sealed compartment's per-CPU stacks, where the sealed
 *		   exit gate finds the slot of the stack it is on
 * @kernel_idt: the kernel's IDT, loaded again on the way out of a view
 * @pad2: aligns @cordon_idt
 * @cordon_idt: the IDT loaded while a compartment runs (see irq.c)
 * @pad3: aligns @cr0_mask
 * @cr0_mask: CR0 bits every way back to the kernel view checks
 * @cr0_want: their values
 * @cr4_mask: CR4 bits every way back to the kernel view checks
 * @cr4_want: their values
 * @sealed_cr3: the sealed compartment's page tables (pagetables.c)
 * @kernel_cr3: the kernel's (swapper_pg_dir), loaded by every way back to
 *		the kernel view that finds @sealed_cr3 in CR3, before any kernel
 *		address beyond the gate's is used; the caller's own comes back
 *		once %gs is checked
 * @pad4: aligns @gsbase
 * @gsbase: each CPU's kernel GS base, checked on every way back to the
 *	    kernel view before anything is read through %gs
 */
struct cordon_frozen {
	struct cordon_gate gates[CORDON_MAX_GATES];
	u32 sealed_view;
	u32 nr_cpus;
	u64 sealed_stacks;
	struct desc_ptr kernel_idt;
	u8 pad2[6];
	struct desc_ptr cordon_idt;
	u8 pad3[6];
	u64 cr0_mask;
	u64 cr0_want;
	u64 cr4_mask;
	u64 cr4_want;
	u64 sealed_cr3;
	u64 kernel_cr3;
	u8 pad4[32];
	u64 gsbase[CORDON_MAX_CPUS];
} __aligned(PAGE_SIZE);	/* whole pages: nothing else is frozen with it */

extern struct cordon_frozen cordon_frozen;
extern u64 cordon_tags[][PAGE_SIZE / sizeof(u64)];
DECLARE_PER_CPU(u64, cordon_gate_ksp);
DECLARE_PER_CPU(u32, cordon_gate_view);
DECLARE_PER_CPU(const struct cordon_gate *, cordon_gate_cur);
DECLARE_PER_CPU(u64, cordon_gate_tag);
DECLARE_PER_CPU(u64, cordon_gate_err);
DECLARE_PER_CPU(u64, cordon_resume_rip);
DECLARE_PER_CPU(u64, cordon_resume_flags);
DECLARE_PER_CPU(u64, cordon_resume_sp);
DECLARE_PER_CPU(u64[2], cordon_ve_scratch);
DECLARE_PER_CPU(long, cordon_gate_fault_vec);
DECLARE_PER_CPU(u64, cordon_gate_fault_ip);
DECLARE_PER_CPU(u64, cordon_gate_tamper);
DECLARE_PER_CPU(u64, cordon_gate_cr3);
DECLARE_PER_CPU(u32, cordon_gate_stack);
DECLARE_PER_CPU(u64, cordon_exit_err);
DECLARE_PER_CPU(u64, cordon_gate_aborted);
DECLARE_PER_CPU(u64, cordon_irq_lost);

struct cordon_lends;

/**
 * struct cordon_crossing - what a CPU's crossing keeps per CPU
 * @ksp: cordon_gate_ksp
 * @tag: cordon_gate_tag
 * @err: cordon_gate_err
 * @resume_rip: cordon_resume_rip
 * @resume_flags: cordon_resume_flags
 * @resume_sp: cordon_resume_sp
 * @cr3: cordon_gate_cr3
 * @cur: cordon_gate_cur
 * @lends: cordon_gate_lends
 * @view: cordon_gate_view
 * @stack: cordon_gate_stack
 */
struct cordon_crossing {
	u64 ksp, tag, err, resume_rip, resume_flags, resume_sp, cr3;
	const struct cordon_gate *cur;
	struct cordon_lends *lends;
	u32 view, stack;
};

void cordon_crossing_save(struct cordon_crossing *o);
void cordon_crossing_restore(const struct cordon_crossing *o);

/* Trampolines and labels in gate_64.S. */
long cordon_gate_call(const struct cordon_gate *g, long a0, long a1, long a2);
extern const char __cordon_gate_start[], __cordon_gate_end[];
extern const char __cordon_gate_cr3_end[];
extern const char cordon_gate_check_enter[], cordon_gate_check_exit[];
extern const char cordon_gate_check_refused[], cordon_gate_check_exc[];
extern const char cordon_gate_check_irq[], cordon_gate_check_irq_resume[];
extern const char cordon_gate_check_lost[], cordon_gate_check_aex[];
extern const char cordon_gate_abort[], cordon_gate_resume[];
extern const char cordon_vmfunc_enter[], cordon_vmfunc_exit[];
extern const char cordon_vmfunc_refused[], cordon_vmfunc_exc[];
extern const char cordon_vmfunc_irq[], cordon_vmfunc_irq_resume[];
extern const char cordon_vmfunc_lost[];
extern const char cordon_vmfunc_resume[], cordon_vmfunc_ve[];
extern const char cordon_vmfunc_aex[], cordon_aex_exit[];
extern const char cordon_vmfunc_exit_call[], cordon_vmfunc_exit_back[];
extern const char cordon_gate_check_exit_call[], cordon_gate_check_exit_back[];
extern const char cordon_exit_gate[], cordon_exit_back[];
extern const char cordon_sealed_exit_gate[];
extern const char cordon_vmfunc_sealed_exit[], cordon_gate_check_sealed_exit[];
extern const char cordon_idt_stubs[], cordon_irq_thunks[];
extern const char cordon_irq_return[];

int __init cordon_gates_prepare(void);
const struct cordon_gate *
cordon_gate_register(const struct cordon_compartment *const c,
		     const void *const target, void *const stacks,
		     unsigned int nr_stacks);
int __init cordon_gates_freeze(void);
struct cordon_pt;
int __init cordon_gates_map_shared(struct cordon_pt *const pt);
void __init cordon_gate_bind_page_tables(const struct cordon_gate *const g,
					 u64 cr3, void *const aex_frames,
					 const void *const aex_resume);
long cordon_gate(const struct cordon_gate *const g, long a0, long a1, long a2);
struct cordon_lends;
long cordon_gate_with(const struct cordon_gate *const g, long a0, long a1,
		      long a2, struct cordon_lends *const lends);
bool cordon_gate_check_site(unsigned long ip);
bool cordon_in_gate_text(unsigned long ip);
void *cordon_view_tag(u16 view);
int __init cordon_view_tag_prepare(const struct cordon_compartment *const c);
void cordon_gate_release_slot(const struct cordon_gate *const g,
			      unsigned int stack);
/**
 * struct cordon_priv_hit - a privileged or view-changing encoding found
 * @addr: where it starts
 * @insn: what it encodes
 */
struct cordon_priv_hit {
	unsigned long addr;
	const char *insn;
};

size_t cordon_scan_privileged(const void *const start, size_t len,
			      struct cordon_priv_hit *const hits, size_t max);
size_t cordon_scan_code(const char *where, const void *start,
			const void *end);
int __init cordon_scan_compartment_code(void);

#endif /* __ASSEMBLY__ */
#endif /* _CORDON_GATE_H */
