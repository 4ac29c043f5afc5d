// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - compartments compiled from C by the Cordon pass
 *
 * The pass (instrumentation/llvm) leaves each compartment's code and data
 * in page-aligned ranges of the kernel image
 * (include/linux/cordon-sections.h), a record per entry point and one per
 * kernel function the code calls. At boot, each compartment with code
 * becomes an untrusted compartment: its code executable in its own view
 * only, its data and stacks writable there, a gate per entry point stored
 * where the entry's wrapper looks for it, and its exit records marked as
 * its own for the exit gate (gate_64.S).
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/radix-tree.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/random.h>

#include "backend.h"
#include "compartment.h"
#include "compiled.h"
#include "gate.h"
#include "report.h"
#include "sealed.h"
#include "setup.h"

static_assert(sizeof(struct cordon_exit_record) == CORDON_EXIT_RECORD_SIZE);

/*
 * Set while no view is in use (Cordon off, or a hypervisor without
 * views): compiled compartments then run as ordinary kernel code, their
 * wrappers calling the driver's functions and their exit stubs the
 * kernel's directly. Cleared once every view and gate is set up.
 */
u8 cordon_compiled_direct __ro_after_init = 1;

/*
 * Stacks per CPU in a compiled compartment's pool: one per crossing, kept
 * while its exits sleep or cross into the compartment again; a crossing
 * that finds none free gets -EBUSY.
 */
#define CORDON_POOL_STACKS_PER_CPU	4

struct compiled {
	const char *name;
	bool sealed;
	char *text, *text_end, *data, *data_end;
	/* The start of the data, up to here: what the kernel may read. */
	char *readable_end;
	const struct cordon_entry_record *entries, *entries_end;
	struct cordon_exit_record *exits, *exits_end;
	u64 *guards, *guards_end;
};

#define COMPILED(n, s) {						\
	#n, s, __cordon_##n##_text_start, __cordon_##n##_text_end,		\
	__cordon_##n##_data_start, __cordon_##n##_data_end,		\
	__cordon_##n##_readable_end,					\
	__cordon_##n##_entries_start, __cordon_##n##_entries_end,	\
	__cordon_##n##_exits_start, __cordon_##n##_exits_end,		\
	__cordon_##n##_guards_start, __cordon_##n##_guards_end },
/* The compartments of <asm-generic/cordon.lds.h>. */
static const struct compiled compiled[] __initconst = {
	COMPILED(ctest, false)
	COMPILED(cgadget, false)
	COMPILED(brd, false)
	COMPILED(stest, true)
	COMPILED(srt, true)
	COMPILED(flask, true)
};

/* Which compartments' text the kernel view no longer executes. */
static bool kernel_nx[ARRAY_SIZE(compiled)] __initdata;
/* Which compartments the boot-time scan refused. */
static bool refused[ARRAY_SIZE(compiled)] __initdata;

/*
 * Code with a privileged or view-changing encoding (an inline-asm VMFUNC
 * that the build-time verifier was told to allow, or one the linker's
 * relocations made) runs in no view: not the kernel's, and the
 * compartment gets none. Its entry points return -EPERM, even once
 * Cordon is off; the other compartments go on.
 */
static int __init refuse(const struct compiled *const cc, bool *const nx)
{
	const struct cordon_entry_record *e;
	int err;

	err = cordon_state.backend->set_access(0,
		PHYS_PFN(__pa_symbol(cc->text)),
		(cc->text_end - cc->text) >> PAGE_SHIFT, CORDON_ACCESS_R);
	if (err)
		return err;
	*nx = true;
	for (e = cc->entries; e < cc->entries_end; e++)
		*e->slot = CORDON_GATE_REFUSED;
	pr_err("compartment %s refused: its code holds the privileged or view-changing instructions reported above; it runs in no view and its %td entry points return -EPERM\n",
	       cc->name, cc->entries_end - cc->entries);
	return 0;
}

static int __init add_gates(const struct compiled *const cc,
			    const struct cordon_compartment *const c,
			    void *const stacks, unsigned int nr_stacks)
{
	const struct cordon_entry_record *e;

	for (e = cc->entries; e < cc->entries_end; e++) {
		const struct cordon_gate *g;

		g = cordon_gate_register(c, e->stub, stacks, nr_stacks);
		if (!g) {
			pr_err("compartment %s: no gate left for entry point %s (at most %d gates)\n",
			       cc->name, e->name, CORDON_MAX_GATES);
			return -ENOSPC;
		}
		*e->slot = g;
	}
	return 0;
}

/*
 * A compiled compartment of kind sealed joins the sealed compartment: its
 * code and data are sealed with the pool, mapped in the sealed page tables
 * only, and its entry points are gates on the sealed per-CPU stacks. The
 * kernel view neither reads nor executes any of it once sealed.
 */
static int __init setup_sealed(const struct compiled *const cc)
{
	const struct cordon_compartment *c = cordon_sealed_compartment();
	const size_t text = cc->text_end - cc->text;
	const size_t data = cc->data_end - cc->data;
	const size_t readable = cc->readable_end - cc->data;
	const struct cordon_entry_record *e;
	struct cordon_exit_record *x;
	int err;

	if (!c)
		return -ENODEV;
	err = cordon_sealed_add_code(cc->text, text,
				     CORDON_ACCESS_R | CORDON_ACCESS_X);
	/*
	 * Data of the sealed code's that the kernel reads but must not
	 * write (.cordon.readable.<name>: the SELinux server's state).
	 */
	if (!err && readable)
		err = cordon_sealed_add_code(cc->data, readable,
					     CORDON_ACCESS_R | CORDON_ACCESS_W |
					     CORDON_RANGE_KERNEL_READ);
	if (!err && data > readable)
		err = cordon_sealed_add_code(cc->readable_end, data - readable,
					     CORDON_ACCESS_R | CORDON_ACCESS_W);
	if (err)
		return err;
	for (e = cc->entries; e < cc->entries_end; e++) {
		const struct cordon_gate *g = cordon_sealed_add_gate(e->stub);

		if (!g) {
			pr_err("compartment %s: no gate left for entry point %s\n",
			       cc->name, e->name);
			return -ENOSPC;
		}
		*e->slot = g;
	}
	for (x = cc->exits; x < cc->exits_end; x++)
		x->compartment = c->id;
	pr_info("compartment %s, compiled, sealed: %zu KiB of code, %zu KiB of data, %td entry points, %td exits\n",
		cc->name, text >> 10, data >> 10, cc->entries_end - cc->entries,
		cc->exits_end - cc->exits);
	return 0;
}

static int __init setup_one(const struct compiled *const cc, bool *const nx,
			    bool *const refuse_it)
{
	const size_t text = cc->text_end - cc->text;
	const size_t data = cc->data_end - cc->data;
	const unsigned int nr_stacks = CORDON_POOL_STACKS_PER_CPU * nr_cpu_ids;
	const size_t stack_bytes = (size_t)nr_stacks * CORDON_GATE_STACK_SIZE;
	struct cordon_exit_record *x;
	struct cordon_compartment *c;
	struct page *stacks;
	int err;

	if (!text)
		return 0;	/* not built */
	/* Final now: relocated, and after alternatives. */
	if (cordon_scan_code(cc->name, cc->text, cc->text_end)) {
		*refuse_it = true;
		return refuse(cc, nx);
	}
	if (cc->sealed)
		return setup_sealed(cc);
	stacks = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(stack_bytes));
	if (!stacks)
		return -ENOMEM;
	c = cordon_compartment_create(cc->name, CORDON_KIND_UNTRUSTED);
	if (IS_ERR(c))
		return PTR_ERR(c);
	c->code_scanned = true;
	err = cordon_compartment_add_memory(c, __pa_symbol(cc->text), text,
					    CORDON_ACCESS_R | CORDON_ACCESS_X);
	if (!err && data)
		err = cordon_compartment_add_memory(c, __pa_symbol(cc->data),
						    data, CORDON_ACCESS_R |
						    CORDON_ACCESS_W);
	if (!err)
		err = cordon_compartment_add_memory(c, page_to_phys(stacks),
						    PAGE_ALIGN(stack_bytes),
						    CORDON_ACCESS_R |
						    CORDON_ACCESS_W);
	/* Only gates are executable in more than one view. */
	if (!err)
		err = cordon_state.backend->set_access(0,
			PHYS_PFN(__pa_symbol(cc->text)), text >> PAGE_SHIFT,
			CORDON_ACCESS_R);
	if (!err)
		*nx = true;
	if (!err)
		err = add_gates(cc, c, page_address(stacks), nr_stacks);
	if (err)
		return err;
	for (x = cc->exits; x < cc->exits_end; x++)
		x->compartment = c->id;
	pr_info("compartment %s, compiled: %zu KiB of code, %zu KiB of data, %td entry points, %td exits, %u stacks\n",
		cc->name, text >> 10, data >> 10, cc->entries_end - cc->entries,
		cc->exits_end - cc->exits, nr_stacks);
	return 0;
}

/*
 * Out-of-line kernel versions of inline helpers that compartment code
 * cannot run (they write the preempt count and the task's
 * pagefault_disabled): the pass sends their calls here, through exits.
 */

/**
 * cordon_kmap_atomic() - kmap_atomic() for compartment code
 * @page: the page
 *
 * Return: its address, mapped until cordon_kunmap_atomic().
 */
void *cordon_kmap_atomic(struct page *page)
{
	/* What the inline helper does without CONFIG_HIGHMEM. */
	BUILD_BUG_ON(IS_ENABLED(CONFIG_HIGHMEM));
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		migrate_disable();
	else
		preempt_disable();
	pagefault_disable();
	return page_address(page);
}

/**
 * cordon_kunmap_atomic() - kunmap_atomic() for compartment code
 * @addr: what cordon_kmap_atomic() returned
 */
void cordon_kunmap_atomic(const void *addr)
{
	pagefault_enable();
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		migrate_enable();
	else
		preempt_enable();
}

/**
 * cordon_radix_tree_preload_end() - radix_tree_preload_end() for
 * compartment code
 */
void cordon_radix_tree_preload_end(void)
{
	radix_tree_preload_end();
}

/**
 * cordon_compiled_guards_init() - give compiled compartments their stack
 * protector guards
 *
 * Context: Boot, before any compartment code runs, with or without views.
 * The pass gives each unit of a compartment a guard of its own in
 * .cordon.guard.<name>, in the compartment's data.
 */
void __init cordon_compiled_guards_init(void)
{
	unsigned int i;
	u64 *g;

	for (i = 0; i < ARRAY_SIZE(compiled); i++)
		for (g = compiled[i].guards; g < compiled[i].guards_end; g++)
			*g = get_random_canary();
}

/**
 * cordon_stack_chk_fail() - __stack_chk_fail() for compartment code
 * @at: where in the compartment the check failed
 *
 * A function of a compiled compartment found its stack protector's guard
 * overwritten. It is reported and the crossing ends with -EFAULT, in every
 * mode: it is no access that learning could allow. Without views the
 * compartment is ordinary kernel code, and this panics as the kernel's
 * __stack_chk_fail() does.
 *
 * Context: an exit of a compiled compartment, with the crossing's
 * preemption count (the crossing is this CPU's).
 */
void cordon_stack_chk_fail(const void *at)
{
	const struct cordon_gate *g = this_cpu_read(cordon_gate_cur);
	const struct cordon_compartment *c;

	if (cordon_compiled_direct)
		panic("stack-protector: Kernel stack is corrupted in: %pB\n", at);
	c = g ? cordon_compartment_by_id(g->compartment) : NULL;
	cordon_report_stack_smashed(c ? c->name : "unknown", at);
	this_cpu_write(cordon_exit_err, -EFAULT);
}

/**
 * cordon_compiled_setup() - set up the compartments the Cordon pass built
 *
 * Context: Boot, before the gates are frozen. Each compartment's code is
 * scanned first; one that holds a privileged or view-changing encoding is
 * refused, not set up.
 * Return: 0 or -errno.
 */
int __init cordon_compiled_setup(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(compiled); i++) {
		err = setup_one(&compiled[i], &kernel_nx[i], &refused[i]);
		if (err)
			return err;
	}
	return 0;
}

/**
 * cordon_compiled_teardown() - undo cordon_compiled_setup() after a failure
 *
 * Context: Boot, when setting up views failed at any step. Cordon is then
 * off and compiled compartments run as ordinary code (cordon_compiled_direct
 * is still set), in the kernel view, which executes their text again; but
 * not those the scan refused.
 */
void __init cordon_compiled_teardown(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(compiled); i++) {
		const struct compiled *cc = &compiled[i];
		const struct cordon_entry_record *e;

		/* Refused: it stays unexecutable, its entry points refusing. */
		if (refused[i])
			continue;
		/*
		 * Sealed already: the kernel view can no longer run it, so its
		 * entry points refuse; before the seal it runs as kernel code.
		 */
		if (cc->sealed) {
			for (e = cc->entries; e < cc->entries_end; e++)
				*e->slot = cordon_sealed_is_sealed() ?
					   CORDON_GATE_REFUSED : NULL;
			continue;
		}
		if (!kernel_nx[i])
			continue;
		/* Its wrappers call its functions directly again. */
		for (e = cc->entries; e < cc->entries_end; e++)
			*e->slot = NULL;
		if (cordon_state.backend->set_access(0,
				PHYS_PFN(__pa_symbol(cc->text)),
				(cc->text_end - cc->text) >> PAGE_SHIFT,
				CORDON_ACCESS_RWX))
			pr_err("compartment %s: its code stays unexecutable in the kernel view; calling it will stop the guest\n",
			       cc->name);
		kernel_nx[i] = false;
	}
}
