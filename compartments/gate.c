// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - gates: descriptors, tag pages, the view setup they need, and
 * the privileged-instruction scanner
 */

#include "common.h"

#include <linux/bitmap.h>
#include <linux/cordon-views-abi.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/string.h>
#include <asm/cpu_entry_area.h>
#include <asm/desc.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/pgtable_types.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>
#include <kunit/visibility.h>

#include "aex.h"
#include "backend.h"
#include "compartment.h"
#include "gate.h"
#include "irq.h"
#include "lend.h"
#include "pagetables.h"
#include "report.h"
#include "setup.h"

#define CREATE_TRACE_POINTS
#include <trace/events/cordon.h>

EXPORT_TRACEPOINT_SYMBOL_GPL(cordon_gate);
EXPORT_TRACEPOINT_SYMBOL_GPL(cordon_ve);

struct cordon_frozen cordon_frozen __page_aligned_data;
static_assert(sizeof(struct cordon_frozen) == CORDON_FROZEN_PAGES * PAGE_SIZE);

/* The crossing this CPU is in; gate_64.S keeps them, cordon_gate() nests. */
DEFINE_PER_CPU(u64, cordon_gate_ksp);
DEFINE_PER_CPU(u32, cordon_gate_view);
DEFINE_PER_CPU(const struct cordon_gate *, cordon_gate_cur);
DEFINE_PER_CPU(u64, cordon_gate_tag);
DEFINE_PER_CPU(u64, cordon_gate_err);
DEFINE_PER_CPU(u64, cordon_resume_rip);
DEFINE_PER_CPU(u64, cordon_resume_flags);
DEFINE_PER_CPU(u64, cordon_resume_sp);
/* %rdx and %r10 while asm_cordon_ve_gate checks the kernel's state. */
DEFINE_PER_CPU(u64[2], cordon_ve_scratch);
DEFINE_PER_CPU(long, cordon_gate_fault_vec);
DEFINE_PER_CPU(u64, cordon_gate_fault_ip);
DEFINE_PER_CPU(u64, cordon_gate_tamper);
/* CR3 at the gate's entry, for the way back after a compartment's own. */
DEFINE_PER_CPU(u64, cordon_gate_cr3);
/* The pool stack of this CPU's crossing, for gates with nr_stacks. */
DEFINE_PER_CPU(u32, cordon_gate_stack);
/* An exit that refuses: the crossing ends with it (own.c). */
DEFINE_PER_CPU(u64, cordon_exit_err);
/* Set when a crossing ends through cordon_gate_abort (lend.c). */
DEFINE_PER_CPU(u64, cordon_gate_aborted);

/* Which pool stacks are taken, per compartment with a pool. */
static unsigned long *pool_busy[CORDON_MAX_COMPARTMENTS];
static unsigned int pool_size[CORDON_MAX_COMPARTMENTS];

/*
 * One tag page per compartment, readable in that compartment's view only;
 * the kernel compartment's (id 0) is the first, which gate_64.S reads by
 * its link-time address.
 */
u64 cordon_tags[CORDON_MAX_COMPARTMENTS][PAGE_SIZE / sizeof(u64)] __page_aligned_bss;
static unsigned int nr_gates;

static void __init build_check_layout(void)
{
	BUILD_BUG_ON(sizeof(struct cordon_gate) != CORDON_GATE_SIZE);
	BUILD_BUG_ON(offsetof(struct cordon_gate, target) != CORDON_GATE_TARGET);
	BUILD_BUG_ON(offsetof(struct cordon_gate, tag) != CORDON_GATE_TAG);
	BUILD_BUG_ON(offsetof(struct cordon_gate, stacks) != CORDON_GATE_STACKS);
	BUILD_BUG_ON(offsetof(struct cordon_gate, view) != CORDON_GATE_VIEW);
	BUILD_BUG_ON(offsetof(struct cordon_gate, cr3) != CORDON_GATE_CR3);
	BUILD_BUG_ON(offsetof(struct cordon_gate, aex) != CORDON_GATE_AEX);
	BUILD_BUG_ON(offsetof(struct cordon_gate, aex_resume) !=
		     CORDON_GATE_AEX_RESUME);
	BUILD_BUG_ON(offsetof(struct cordon_gate, nr_stacks) !=
		     CORDON_GATE_NR_STACKS);
	BUILD_BUG_ON(CORDON_AEX_FRAME_STRIDE < CORDON_AEX_FRAME_SIZE);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, sealed_cr3) !=
		     CORDON_FROZEN_SEALED_CR3);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, kernel_cr3) !=
		     CORDON_FROZEN_KERNEL_CR3);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, sealed_view) !=
		     CORDON_FROZEN_SEALED_VIEW);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, nr_cpus) !=
		     CORDON_FROZEN_NR_CPUS);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, kernel_idt) !=
		     CORDON_FROZEN_KERNEL_IDT);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, cordon_idt) !=
		     CORDON_FROZEN_CORDON_IDT);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, cr0_mask) !=
		     CORDON_FROZEN_CR0_MASK);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, cr0_want) !=
		     CORDON_FROZEN_CR0_WANT);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, cr4_mask) !=
		     CORDON_FROZEN_CR4_MASK);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, cr4_want) !=
		     CORDON_FROZEN_CR4_WANT);
	BUILD_BUG_ON(offsetof(struct cordon_frozen, gsbase) !=
		     CORDON_FROZEN_GSBASE);
	BUILD_BUG_ON(CORDON_ASM_CTR_IRQ_EXITS != CORDON_CTR_IRQ_EXITS);
	BUILD_BUG_ON(CORDON_ASM_CTR_NMI_DEFERRED != CORDON_CTR_NMI_DEFERRED);
	BUILD_BUG_ON(CORDON_ASM_CTR_GATE_REFUSED != CORDON_CTR_GATE_REFUSED);
	BUILD_BUG_ON(CORDON_ASM_CTR_EXIT_CALLS != CORDON_CTR_EXIT_CALLS);
	BUILD_BUG_ON(offsetof(struct cordon_gate, compartment) !=
		     CORDON_GATE_COMPARTMENT);
	BUILD_BUG_ON(sizeof(atomic_long_t) != 8);
}

static u64 pfn_of(const void *const p)
{
	return PHYS_PFN(__pa_symbol(p));
}

static u64 pages_between(const void *const start, const void *const end)
{
	return ((unsigned long)end - (unsigned long)start) >> PAGE_SHIFT;
}

/**
 * cordon_view_tag() - the tag page of a view
 * @view: view index
 *
 * Return: the tag page, or NULL if no compartment uses @view.
 */
void *cordon_view_tag(u16 view)
{
	const struct cordon_compartment *c = cordon_compartment_by_view(view);

	return c ? cordon_tags[c->id] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_view_tag);

/* Every view we use: the kernel's and each compartment's. */
static int __init apply_to_views(int (*fn)(u16 view, void *arg), void *arg)
{
	unsigned int i;
	int err;

	for (i = 0; i < cordon_nr_compartments(); i++) {
		err = fn(cordon_compartment_by_id(i)->view, arg);
		if (err)
			return err;
	}
	return 0;
}

/* A tag page: readable in its own view, absent from every other. */
static int __init tag_access(u16 view, void *arg)
{
	const struct cordon_compartment *owner = arg;
	const struct cordon_backend_ops *be = cordon_state.backend;
	u64 pfn = pfn_of(cordon_tags[owner->id]);

	if (view == owner->view)
		return be->set_access(view, pfn, 1, CORDON_ACCESS_R);
	if (owner->kind == CORDON_KIND_SEALED)
		return 0;	/* sealing takes it away from the others */
	return be->set_access(view, pfn, 1, 0);
}

/* Read-only in @view, where the kernel maps @va; a guard page is skipped. */
static int __init readonly_at(u16 view, unsigned long va)
{
	unsigned int level;
	pte_t *pte = lookup_address(va, &level);

	if (!pte || !pte_present(*pte))
		return 0;
	return cordon_state.backend->set_access(view, pte_pfn(*pte), 1,
						CORDON_ACCESS_R);
}

/*
 * VMFUNC has no CPL check: a process can put its CPU in the sealed view.
 * Every event from ring 3 is delivered on an entry or IST stack; none of
 * them is writable in the sealed view, so such an event cannot be
 * delivered there and the hypervisor delivers it again in view 0
 * (docs/views-abi.md, "Events from user space"), instead of the CPU
 * reaching a kernel handler in the sealed view with the user's GS.
 */
static int __init user_event_stacks_readonly(u16 view)
{
	unsigned int cpu, i;
	int err;

	for_each_possible_cpu(cpu) {
		unsigned long es = (unsigned long)per_cpu(cea_exception_stacks,
							  cpu);

		err = readonly_at(view, (unsigned long)cpu_entry_stack(cpu));
		for (i = 0; !err && i < CEA_ESTACK_PAGES; i++)
			err = readonly_at(view, es + i * PAGE_SIZE);
		if (err)
			return err;
	}
	return 0;
}

/*
 * In the sealed view, frames whose content the gate trusts are reachable
 * through the sealed page tables only (pagetables.c).
 */
static u32 verify_paging(u16 view)
{
	const struct cordon_compartment *c = cordon_compartment_by_view(view);

	return c && c->kind == CORDON_KIND_SEALED ?
	       CORDON_ACCESS_VERIFY_PAGING : 0;
}

/* Gates R-X and descriptors R in every view; #VE, not exits, in ours. */
static int __init shared_access(u16 view, void *arg)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	unsigned long start, end;
	int err, i;

	err = be->set_access(view, pfn_of(__cordon_gate_start),
			     pages_between(__cordon_gate_start, __cordon_gate_end),
			     CORDON_ACCESS_R | CORDON_ACCESS_X);
	if (!err)
		err = be->set_access(view, pfn_of(&cordon_frozen),
				     CORDON_FROZEN_PAGES,
				     CORDON_ACCESS_R | verify_paging(view));
	if (err || view == 0)
		return err;
	/*
	 * In an untrusted view no kernel stack is writable, the entry
	 * stacks included: an event from a process that VMFUNCed there
	 * cannot be delivered, and the hypervisor injects it again in view 0
	 * (docs/views-abi.md, "Events from user space"). The sealed view
	 * keeps write access to kernel frames for a stray VMFUNC's #VE (its
	 * own page tables map almost none of them), but not to those stacks.
	 */
	if (cordon_compartment_by_view(view)->kind == CORDON_KIND_SEALED) {
		err = user_event_stacks_readonly(view);
		if (err)
			return err;
	}
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, NULL) {
		err = be->set_sve(view, start, end - start, false);
		if (err)
			return err;
	}
	return 0;
}

/**
 * cordon_view_tag_prepare() - set up the tag page of a compartment
 * @c: the compartment, with its view
 *
 * For a sealed compartment the tag page becomes part of its memory, to be
 * sealed with it.
 *
 * Return: 0 or -errno.
 */
int __init cordon_view_tag_prepare(const struct cordon_compartment *const c)
{
	cordon_tags[c->id][0] = c->view;
	if (c->kind == CORDON_KIND_SEALED)
		return cordon_compartment_add_memory(
			(struct cordon_compartment *)c, __pa_symbol(cordon_tags[c->id]),
			PAGE_SIZE, CORDON_ACCESS_R);
	return apply_to_views(tag_access, (void *)c);
}

/*
 * What every way back to the kernel view checks before it trusts %gs or
 * runs kernel code: a compartment runs at CPL 0 and could have changed
 * these. The CR4 bits are the ones Linux pins (cr4_pinned_mask).
 */
static int __init prepare_kernel_state(void)
{
	struct cordon_frozen *const f = &cordon_frozen;
	unsigned int cpu;

	if (!boot_cpu_has(X86_FEATURE_RDTSCP)) {
		pr_err("the gates need RDTSCP to find this CPU's GS base; use a CPU model with it (-cpu max)\n");
		return -EOPNOTSUPP;
	}
	if (nr_cpu_ids > CORDON_MAX_CPUS) {
		pr_err("%u possible CPUs, the gates know at most %u; boot with nr_cpus=%u\n",
		       nr_cpu_ids, CORDON_MAX_CPUS, CORDON_MAX_CPUS);
		return -E2BIG;
	}
	f->cr0_mask = X86_CR0_PE | X86_CR0_WP | X86_CR0_PG;
	f->cr0_want = read_cr0() & f->cr0_mask;
	f->cr4_mask = X86_CR4_SMEP | X86_CR4_SMAP | X86_CR4_UMIP |
		      X86_CR4_FSGSBASE | X86_CR4_CET;
	f->cr4_want = __read_cr4() & f->cr4_mask;
	for_each_possible_cpu(cpu)
		f->gsbase[cpu] = per_cpu_offset(cpu);
	return 0;
}

/**
 * cordon_gates_prepare() - set up what every view needs for gates
 *
 * Context: Boot, once all compartments exist and before any is sealed,
 * since a sealed view cannot be changed afterwards.
 * Return: 0 or -errno.
 */
int __init cordon_gates_prepare(void)
{
	unsigned int i;
	int err;

	build_check_layout();
	if (WARN_ON_ONCE(cordon_compartment_by_id(0)->view != 0))
		return -EINVAL;
	err = prepare_kernel_state();
	if (err)
		return err;
	cordon_frozen.nr_cpus = nr_cpu_ids;
	for (i = 0; i < cordon_nr_compartments(); i++) {
		const struct cordon_compartment *c = cordon_compartment_by_id(i);

		if (c->kind == CORDON_KIND_SEALED)
			cordon_frozen.sealed_view = c->view;
		err = cordon_view_tag_prepare(c);
		if (err)
			return err;
	}
	/* It writes the frozen page, which shared_access() makes read-only. */
	err = cordon_irq_prepare();
	return err ?: apply_to_views(shared_access, NULL);
}

/**
 * cordon_gate_register() - add a gate into a compartment
 * @c: the compartment
 * @target: the entry point, in @c's code
 * @stacks: @c's stacks, CORDON_GATE_STACK_SIZE each
 * @nr_stacks: 0 when @stacks has one per CPU; else the size of the pool
 *	       @stacks is (an untrusted compartment's only), the same for
 *	       every gate of @c
 *
 * Only before cordon_gates_freeze().
 *
 * Return: the descriptor, or NULL when the table is full or the pool
 * cannot be set up.
 */
const struct cordon_gate *
cordon_gate_register(const struct cordon_compartment *const c,
		     const void *const target, void *const stacks,
		     unsigned int nr_stacks)
{
	struct cordon_gate *g;

	if (nr_gates == CORDON_MAX_GATES)
		return NULL;
	if (nr_stacks) {
		if (c->kind != CORDON_KIND_UNTRUSTED ||
		    (pool_size[c->id] && pool_size[c->id] != nr_stacks))
			return NULL;
		if (!pool_busy[c->id]) {
			pool_busy[c->id] = bitmap_zalloc(nr_stacks, GFP_KERNEL);
			if (!pool_busy[c->id])
				return NULL;
			pool_size[c->id] = nr_stacks;
		}
	}
	g = &cordon_frozen.gates[nr_gates++];
	*g = (struct cordon_gate){
		.target = (u64)target,
		.tag = (u64)cordon_tags[c->id],
		.stacks = (u64)stacks,
		.view = c->view,
		.compartment = c->id,
		.nr_stacks = nr_stacks,
	};
	return g;
}

/**
 * cordon_gates_map_shared() - map what every gate path touches
 * @pt: a compartment's own page tables, not yet frozen
 *
 * The gate pages and the kernel-view stubs after them, the frozen
 * descriptors, the tag pages and Cordon's IDT: nothing the kernel can
 * write. No event is delivered in the sealed view (asynchronous exit), so
 * neither a GDT nor a per-CPU area is needed there; and in the kernel view
 * on these tables an event gets the kernel's back first. None of them is
 * the compartment's memory: its view keeps them as it set them.
 *
 * Return: 0 or -errno.
 */
int __init cordon_gates_map_shared(struct cordon_pt *const pt)
{
	int err;

	err = cordon_pt_map(pt, __cordon_gate_start,
			    __cordon_gate_end - __cordon_gate_start,
			    CORDON_ACCESS_X);
	/* Kernel text: the kernel view runs its LOAD_CR3 stubs on them. */
	if (!err)
		err = cordon_pt_map(pt, __cordon_gate_end,
				    __cordon_gate_cr3_end - __cordon_gate_end,
				    CORDON_ACCESS_X);
	if (!err)
		err = cordon_pt_map(pt, &cordon_frozen,
				    CORDON_FROZEN_PAGES * PAGE_SIZE, 0);
	if (!err)
		err = cordon_pt_map(pt, cordon_tags, sizeof(cordon_tags), 0);
	if (!err)
		err = cordon_pt_map(pt, cordon_irq_idt(), PAGE_SIZE, 0);
	return err;
}

/**
 * cordon_gate_bind_page_tables() - give a gate its compartment's tables
 * and asynchronous exits
 * @g: a registered gate, before cordon_gates_freeze()
 * @cr3: their root (cordon_pt_root())
 * @aex_frames: the CPUs' save frames, in the compartment's memory
 * @aex_resume: the compartment's AEX_RESUME stub
 *
 * One compartment, the sealed one, has tables of its own; every way back
 * to the kernel view recognises them by the frozen copy kept here.
 */
void __init cordon_gate_bind_page_tables(const struct cordon_gate *const g,
					 u64 cr3, void *const aex_frames,
					 const void *const aex_resume)
{
	struct cordon_gate *w = &cordon_frozen.gates[g - cordon_frozen.gates];

	w->cr3 = cr3;
	w->aex = (u64)aex_frames;
	w->aex_resume = (u64)aex_resume;
	cordon_frozen.sealed_cr3 = cr3;
	cordon_frozen.kernel_cr3 = __pa(swapper_pg_dir);
}

/**
 * cordon_gates_freeze() - make gate code and descriptors immutable
 *
 * Return: 0 or -errno.
 */
int __init cordon_gates_freeze(void)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	int err;

	err = be->freeze(pfn_of(__cordon_gate_start),
			 pages_between(__cordon_gate_start, __cordon_gate_end));
	if (!err)
		err = be->freeze(pfn_of(&cordon_frozen), CORDON_FROZEN_PAGES);
	return err ?: cordon_irq_freeze();
}

/**
 * cordon_gate_release_slot() - free a stack in an untrusted compartment
 * after a crossing that did not return through its gate
 * @g: a gate into the compartment
 * @stack: the CPU for per-CPU stacks, else the pool stack
 *
 * Sealed stacks are out of the kernel's reach: one a fault abandoned stays
 * taken, and later crossings on that CPU get -EBUSY.
 */
void cordon_gate_release_slot(const struct cordon_gate *const g,
			      unsigned int stack)
{
	u64 *slot;

	if (g->view == cordon_frozen.sealed_view ||
	    stack >= (g->nr_stacks ?: nr_cpu_ids))
		return;
	slot = (u64 *)(g->stacks + ((u64)stack + 1) * CORDON_GATE_STACK_SIZE -
		       CORDON_SLOT_SIZE);
	WRITE_ONCE(slot[CORDON_SLOT_SAVED_SP / 8], 0);
	WRITE_ONCE(slot[CORDON_SLOT_BUSY / 8], 0);
}

/**
 * cordon_crossing_save() - keep what this CPU's crossing has per CPU
 * @o: where
 *
 * For cordon_gate() around a nested crossing, and for the KUnit gate
 * fuzzer around the kernel's jumps into the gates.
 *
 * Context: Preemption off.
 */
void cordon_crossing_save(struct cordon_crossing *const o)
{
	o->ksp = this_cpu_read(cordon_gate_ksp);
	o->tag = this_cpu_read(cordon_gate_tag);
	o->err = this_cpu_read(cordon_gate_err);
	o->resume_rip = this_cpu_read(cordon_resume_rip);
	o->resume_flags = this_cpu_read(cordon_resume_flags);
	o->resume_sp = this_cpu_read(cordon_resume_sp);
	o->cr3 = this_cpu_read(cordon_gate_cr3);
	o->cur = this_cpu_read(cordon_gate_cur);
	o->view = this_cpu_read(cordon_gate_view);
	o->stack = this_cpu_read(cordon_gate_stack);
	o->lends = this_cpu_read(cordon_gate_lends);
}
EXPORT_SYMBOL_IF_KUNIT(cordon_crossing_save);

/**
 * cordon_crossing_restore() - put back what cordon_crossing_save() kept
 * @o: what it kept
 *
 * Context: Preemption off, on the CPU that saved it.
 */
void cordon_crossing_restore(const struct cordon_crossing *const o)
{
	this_cpu_write(cordon_gate_ksp, o->ksp);
	this_cpu_write(cordon_gate_tag, o->tag);
	this_cpu_write(cordon_gate_err, o->err);
	this_cpu_write(cordon_resume_rip, o->resume_rip);
	this_cpu_write(cordon_resume_flags, o->resume_flags);
	this_cpu_write(cordon_resume_sp, o->resume_sp);
	this_cpu_write(cordon_gate_cr3, o->cr3);
	this_cpu_write(cordon_gate_cur, o->cur);
	this_cpu_write(cordon_gate_view, o->view);
	this_cpu_write(cordon_gate_stack, o->stack);
	this_cpu_write(cordon_gate_lends, o->lends);
}
EXPORT_SYMBOL_IF_KUNIT(cordon_crossing_restore);

/* A free stack of @g's pool, taken; pool_size if none is free. */
static unsigned int take_stack(const struct cordon_gate *const g)
{
	unsigned long *busy = pool_busy[g->compartment];
	unsigned int n = pool_size[g->compartment], i;

	if (WARN_ON_ONCE(!busy || n != g->nr_stacks))
		return n;
	do {
		i = find_first_zero_bit(busy, n);
		if (i >= n)
			return n;
	} while (test_and_set_bit_lock(i, busy));
	return i;
}

static void put_stack(const struct cordon_gate *const g, unsigned int i)
{
	clear_bit_unlock(i, pool_busy[g->compartment]);
}

static void report_fault(const struct cordon_gate *const g)
{
	long vec = this_cpu_read(cordon_gate_fault_vec);
	u64 tamper = this_cpu_read(cordon_gate_tamper);
	const struct cordon_compartment *c;

	c = cordon_compartment_by_id(g->compartment);
	if (tamper)
		cordon_report_tampered(c ? c->name : "unknown", tamper);
	if (vec < 0)
		return;
	cordon_report_fault(c ? c->name : "unknown", vec,
			    this_cpu_read(cordon_gate_fault_ip),
			    g->view == cordon_frozen.sealed_view);
}

/*
 * Exits of a compiled compartment may lend what they return. Apart, so
 * that other crossings do not pay for clearing the lends on the stack
 * (CONFIG_INIT_STACK_ALL_ZERO: a memset of about a kilobyte).
 */
static noinline long gate_with_lends(const struct cordon_gate *const g,
				     long a0, long a1, long a2)
{
	struct cordon_lends l;

	cordon_lends_init(&l, g->view, NULL, 0);
	return cordon_gate_with(g, a0, a1, a2, &l);
}

/**
 * cordon_gate() - cross into a compartment and back
 * @g: a registered gate
 * @a0: first argument
 * @a1: second argument
 * @a2: third argument
 *
 * The compartment runs on this CPU's stack for it, with preemption off and
 * interrupts as the caller had them. Interrupts taken inside it are handled
 * by the kernel in the kernel view (gate_64.S); a handler may cross into
 * another compartment, not into one it interrupted.
 *
 * A compartment with a pool of stacks (a compiled one) takes a free stack
 * for the crossing instead of this CPU's: its exits run with preemption as
 * the caller had it, may sleep and move the crossing to another CPU, and
 * may cross into it again.
 *
 * Return: the compartment's result; -EPERM for an entry point of a
 * compartment refused at boot; -ENODEV if Cordon is off, on a CPU whose
 * NMIs the hypervisor does not hold, or for the sealed compartment on a
 * CPU the hypervisor takes no asynchronous exits from (either: one brought
 * up after the lock); -EBUSY if
 * this CPU is already inside that compartment (an interrupt handler
 * crossing into the compartment it interrupted), or every stack of its
 * pool is taken; -EFAULT if an access was
 * denied or the compartment raised an exception; -EPERM if a gate check
 * refused the crossing.
 */
long cordon_gate(const struct cordon_gate *const g, long a0, long a1, long a2)
{
	if (IS_ERR_OR_NULL(g) || !g->nr_stacks)
		return cordon_gate_with(g, a0, a1, a2, NULL);
	return gate_with_lends(g, a0, a1, a2);
}
EXPORT_SYMBOL_IF_KUNIT(cordon_gate);

/**
 * cordon_gate_with() - cordon_gate(), with what the crossing lends
 * @g: a registered gate
 * @a0: first argument
 * @a1: second argument
 * @a2: third argument
 * @lends: the crossing's lends (lend.c), or NULL
 *
 * Return: as cordon_gate().
 */
long cordon_gate_with(const struct cordon_gate *const g, long a0, long a1,
		      long a2, struct cordon_lends *const lends)
{
	struct cordon_crossing outer;
	const struct cordon_gate *cur;
	unsigned int cpu, stack = 0;
	struct cordon_lends *outer_lends;
	int count, pf_disabled;
	u64 exit_err, aborted;
	bool nested;
	long ret;

	/* The slot of a compartment refused at boot (compiled.c). */
	if (IS_ERR(g))
		return PTR_ERR(g);
	if (!cordon_active() || !g)
		return -ENODEV;
	if (g->nr_stacks) {
		stack = take_stack(g);
		if (stack >= g->nr_stacks) {
			cordon_count(CORDON_CTR_GATE_REFUSED);
			return -EBUSY;
		}
	}
	preempt_disable();
	cpu = smp_processor_id();
	if (!g->nr_stacks)
		stack = cpu;
	/*
	 * Without them an event in the sealed view would go through the IDT,
	 * and an NMI in a gate's window would IRET through a frame another
	 * CPU in the compartment can write.
	 */
	if (!this_cpu_read(cordon_nmi_held) ||
	    (g->aex && !this_cpu_read(cordon_aex_ready))) {
		ret = -ENODEV;
		goto out;
	}
	nested = this_cpu_read(cordon_gate_view) != 0;
	if (nested) {
		cur = this_cpu_read(cordon_gate_cur);
		if (cur && cur->compartment == g->compartment) {
			ret = -EBUSY;
			goto out;
		}
		cordon_crossing_save(&outer);
	}
	this_cpu_write(cordon_gate_fault_vec, -1);
	this_cpu_write(cordon_gate_tamper, 0);
	this_cpu_write(cordon_gate_stack, stack);
	/* An exit's, when an interrupt in it crosses: given back after. */
	outer_lends = this_cpu_read(cordon_gate_lends);
	if (lends) {
		lends->args[0] = a0;
		lends->args[1] = a1;
		lends->args[2] = a2;
	}
	this_cpu_write(cordon_gate_lends, lends);
	/* An interrupt between an exit's refusal and its gate: not ours. */
	exit_err = this_cpu_xchg(cordon_exit_err, 0);
	aborted = this_cpu_xchg(cordon_gate_aborted, 0);
	count = preempt_count();
	pf_disabled = current->pagefault_disabled;
	cordon_count(CORDON_CTR_GATE_CROSSINGS);
	cordon_count_view(g->view, crossings);
	ret = cordon_gate_call(g, a0, a1, a2);
	this_cpu_write(cordon_exit_err, exit_err);
	if (unlikely(this_cpu_read(cordon_gate_aborted)))
		cordon_irq_recover();
	if (lends)
		lends->aborted = this_cpu_read(cordon_gate_aborted);
	this_cpu_write(cordon_gate_aborted, aborted);
	/* Ended early: what it held through exits is released (held.c). */
	if (lends && lends->aborted && lends->nr_held)
		cordon_report_released(cordon_compartment_by_id(g->compartment),
				       cordon_lends_release(lends));
	/*
	 * A crossing ended between an exit that disabled preemption or page
	 * faults (kmap_atomic()) and the one that enables them again: set
	 * back. The locks it held were released just above.
	 */
	if (unlikely(preempt_count() != count ||
		     current->pagefault_disabled != pf_disabled)) {
		cordon_report_unbalanced(cordon_compartment_by_id(g->compartment),
					 preempt_count() - count,
					 current->pagefault_disabled -
					 pf_disabled);
		preempt_count_set(count);
		current->pagefault_disabled = pf_disabled;
	}
	if (lends)
		cordon_lends_revoke(lends);
	/*
	 * Preemption was off, but for the exits of a crossing with a pool
	 * stack: anything else is a broken invariant.
	 */
	if (WARN_ON_ONCE(!g->nr_stacks && smp_processor_id() != cpu))
		cordon_report_internal("a crossing came back on another CPU");
	report_fault(g);
	cordon_gate_release_slot(g, stack);
	if (nested) {
		cordon_crossing_restore(&outer);
	} else {
		this_cpu_write(cordon_gate_ksp, this_cpu_read(cordon_aex_idle_sp));
		/* Ours are on the caller's stack: a #VE after must not look. */
		this_cpu_write(cordon_gate_lends, outer_lends);
	}
	trace_cordon_gate(g->view, g->compartment, ret);
out:
	preempt_enable();
	if (g->nr_stacks)
		put_stack(g, stack);
	return ret;
}

/**
 * cordon_gate_check_site() - is @ip one of the view checks after a VMFUNC
 * @ip: an instruction address
 *
 * Return: true for the reads of a tag page that follow each VMFUNC of a
 * gate path.
 */
bool cordon_gate_check_site(unsigned long ip)
{
	static const char *const sites[] = {
		cordon_gate_check_enter, cordon_gate_check_exit,
		cordon_gate_check_refused, cordon_gate_check_exc,
		cordon_gate_check_irq, cordon_gate_check_irq_resume,
		cordon_gate_check_lost, cordon_gate_check_aex,
		cordon_gate_check_exit_call, cordon_gate_check_exit_back,
		cordon_gate_check_sealed_exit,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(sites); i++)
		if (ip == (unsigned long)sites[i])
			return true;
	return false;
}

/**
 * cordon_in_gate_text() - is @ip in the gate section
 * @ip: an instruction address
 *
 * Return: true if so.
 */
bool cordon_in_gate_text(unsigned long ip)
{
	return ip >= (unsigned long)__cordon_gate_start &&
	       ip < (unsigned long)__cordon_gate_end;
}

static bool known_vmfunc(unsigned long addr)
{
	static const char *const known[] = {
		cordon_vmfunc_enter, cordon_vmfunc_exit, cordon_vmfunc_refused,
		cordon_vmfunc_exc, cordon_vmfunc_irq, cordon_vmfunc_irq_resume,
		cordon_vmfunc_lost, cordon_vmfunc_resume, cordon_vmfunc_ve,
		cordon_vmfunc_aex, cordon_vmfunc_exit_call,
		cordon_vmfunc_exit_back, cordon_vmfunc_sealed_exit,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(known); i++)
		if (addr == (unsigned long)known[i])
			return true;
	return false;
}

/* === The privileged-instruction scanner === */

/* A LIDT of one of the two frozen IDT pointers, RIP-relative: the gates'. */
static bool frozen_lidt(const u8 *const p, size_t room)
{
	unsigned long next, target;
	s32 disp;

	if (room < 7 || p[2] != 0x1d)
		return false;
	memcpy(&disp, &p[3], sizeof(disp));
	next = (unsigned long)p + 7;
	target = next + disp;
	return target == (unsigned long)&cordon_frozen.kernel_idt ||
	       target == (unsigned long)&cordon_frozen.cordon_idt;
}

/*
 * What the three bytes at @p would encode if execution started there, or
 * NULL. Conservative: prefixes do not matter (a jump can start after
 * them), and a ModRM form that needs a prefix counts without it.
 */
static const char *privileged_at(const u8 *const p, size_t room)
{
	u8 modrm, reg;
	bool mem;

	if (room < 2 || p[0] != 0x0f)
		return NULL;
	switch (p[1]) {
	case 0x07:
		return "SYSRET";
	case 0x22:
		return "MOV to CR";
	case 0x23:
		return "MOV to DR";
	case 0x30:
		return "WRMSR";
	case 0x35:
		return "SYSEXIT";
	}
	if (room < 3)
		return NULL;
	modrm = p[2];
	reg = (modrm >> 3) & 7;
	mem = (modrm >> 6) != 3;
	switch (p[1]) {
	case 0x00:
		if (reg == 2)
			return "LLDT";
		if (reg == 3)
			return "LTR";
		return NULL;
	case 0x01:
		if (modrm == 0xc1)
			return "VMCALL";
		if (modrm == 0xd4)
			return known_vmfunc((unsigned long)p) ? NULL : "VMFUNC";
		if (modrm == 0xf8)
			return "SWAPGS";
		if (mem && reg == 2)
			return "LGDT";
		if (mem && reg == 3)
			return frozen_lidt(p, room) ? NULL : "LIDT";
		if (reg == 6)
			return "LMSW";
		return NULL;
	case 0xae:
		if (!mem && reg == 2)
			return "WRFSBASE";
		if (!mem && reg == 3)
			return "WRGSBASE";
		return NULL;
	case 0xc7:
		return mem && reg == 3 ? "XRSTORS" : NULL;
	}
	return NULL;
}

/**
 * cordon_scan_privileged() - find privileged and view-changing encodings
 * @start: memory to scan
 * @len: its length in bytes
 * @hits: where to store what was found
 * @max: room in @hits
 *
 * Every byte offset counts, since code can jump into the middle of an
 * instruction. It looks for VMCALL, VMFUNC, WRFSBASE/WRGSBASE, SWAPGS,
 * moves to control and debug registers (and LMSW), LIDT/LGDT/LTR/LLDT,
 * WRMSR, XRSTORS, SYSRET and SYSEXIT. The gates' own VMFUNCs and their
 * RIP-relative LIDTs of the frozen IDT pointers are known and not counted.
 * It does not look for IRET (a single byte, common inside other
 * instructions); the way back to the kernel view checks what that could
 * change instead.
 *
 * Return: the number found (may exceed @max).
 */
size_t cordon_scan_privileged(const void *const start, size_t len,
			      struct cordon_priv_hit *const hits, size_t max)
{
	const u8 *p = start;
	size_t i, n = 0;

	for (i = 0; i + 2 <= len; i++) {
		const char *insn = privileged_at(&p[i], len - i);

		if (!insn)
			continue;
		if (n < max)
			hits[n] = (struct cordon_priv_hit){
				.addr = (unsigned long)&p[i], .insn = insn };
		n++;
	}
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_scan_privileged);

/**
 * cordon_scan_code() - report privileged and view-changing encodings in code
 * @where: what the code is (a compartment's name, the gates)
 * @start: its first byte
 * @end: the byte after its last
 *
 * Context: Boot, once the code is final (after alternatives).
 * Return: the number found, each reported (at most 8 of them).
 */
size_t __init cordon_scan_code(const char *const where, const void *start,
			       const void *end)
{
	struct cordon_priv_hit hits[8];
	size_t i, n;

	n = cordon_scan_privileged(start, end - start, hits, ARRAY_SIZE(hits));
	for (i = 0; i < min(n, ARRAY_SIZE(hits)); i++)
		cordon_report_priv_insn(where, hits[i].addr, hits[i].insn);
	return n;
}

/* A kernel address for a physical range: the image's own if it is there. */
static const u8 *range_address(const struct cordon_range *const r)
{
	phys_addr_t phys = PFN_PHYS(r->pfn);

	if (phys >= __pa_symbol(_text) && phys < __pa_symbol(_end))
		return (const u8 *)(__START_KERNEL_map + phys - phys_base);
	return __va(phys);
}

/**
 * cordon_scan_compartment_code() - refuse privileged instructions where
 * untrusted views execute: the gate pages and untrusted compartments' code
 *
 * Context: Boot, once the code is final (after alternatives), before lock.
 * Return: 0, or -EPERM after reporting each one found.
 */
int __init cordon_scan_compartment_code(void)
{
	size_t n = cordon_scan_code("the gates", __cordon_gate_start,
				    __cordon_gate_end);
	unsigned int i, j;

	for (i = 0; i < cordon_nr_compartments(); i++) {
		const struct cordon_compartment *c = cordon_compartment_by_id(i);

		if (c->kind != CORDON_KIND_UNTRUSTED || c->code_scanned)
			continue;
		for (j = 0; j < c->nr_ranges; j++) {
			const struct cordon_range *r = &c->ranges[j];
			const u8 *start = range_address(r);

			if (r->access & CORDON_ACCESS_X)
				n += cordon_scan_code(c->name, start,
						      start + PFN_PHYS(r->count));
		}
	}
	return n ? -EPERM : 0;
}
