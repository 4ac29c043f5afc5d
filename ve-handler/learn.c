// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - learning mode: what a compartment touched beyond its lends
 *
 * In permissive mode, a #VE of a crossing into an untrusted compartment
 * that nothing lent is granted (decide.c) and logged here, once per entry
 * point, object and access. The object is a kernel symbol, a struct page,
 * a slab object or a page; when it lies within a page past one of the
 * gate's three arguments, the line names that argument. A bio the
 * compartment ends that was not lent to it is logged too (object=bio),
 * with the argument it came in. scripts/cordon-learn
 * turns these lines into proposed lend annotations, the way audit2allow
 * turns SELinux denials into rules: a proposal for a person to review.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "compartment.h"
#include "gate.h"
#include "lend.h"
#include "ve.h"

enum learn_kind {
	LEARN_SYMBOL, LEARN_STRUCT_PAGE, LEARN_SLAB, LEARN_PAGE, LEARN_BIO,
};

static const char *const kind_names[] = {
	[LEARN_SYMBOL] = "symbol",
	[LEARN_STRUCT_PAGE] = "struct-page",
	[LEARN_SLAB] = "slab",
	[LEARN_PAGE] = "page",
	[LEARN_BIO] = "bio",
};

/* What one line said; lines logged so far, a full table logs no more. */
struct learned {
	u64 entry, start;
	u8 kind, arg, access, used;
};

#define NR_LEARNED 256
static struct learned learned[NR_LEARNED];
static DEFINE_RAW_SPINLOCK(learned_lock);

static bool first_time(const struct learned *const k)
{
	unsigned long flags;
	bool first = true;
	int i;

	raw_spin_lock_irqsave(&learned_lock, flags);
	for (i = 0; i < NR_LEARNED && learned[i].used; i++) {
		if (learned[i].entry == k->entry && learned[i].start == k->start &&
		    learned[i].kind == k->kind && learned[i].arg == k->arg &&
		    learned[i].access == k->access) {
			first = false;
			break;
		}
	}
	if (i == NR_LEARNED)
		first = false;
	else if (first)
		learned[i] = *k;
	raw_spin_unlock_irqrestore(&learned_lock, flags);
	return first;
}

/* What @addr is; @start, the symbol's address for LEARN_SYMBOL. */
static enum learn_kind classify(unsigned long addr, unsigned long *start)
{
	unsigned long size, off;

	*start = 0;
	if (addr >= (unsigned long)vmemmap &&
	    pfn_valid((addr - (unsigned long)vmemmap) / sizeof(struct page)))
		return LEARN_STRUCT_PAGE;
	if (virt_addr_valid((void *)addr) &&
	    folio_test_slab(virt_to_folio((void *)addr)))
		return LEARN_SLAB;
	if (kallsyms_lookup_size_offset(addr, &size, &off)) {
		*start = addr - off;
		return LEARN_SYMBOL;
	}
	return LEARN_PAGE;
}

/**
 * cordon_ve_learn() - log a permissive-mode access of a crossing, once
 * @ev: the #VE, in the crossing's view
 *
 * Context: the #VE handler, for a crossing of this CPU.
 */
void cordon_ve_learn(const struct cordon_ve_event *const ev)
{
	const struct cordon_lends *l = this_cpu_read(cordon_gate_lends);
	const struct cordon_gate *g = this_cpu_read(cordon_gate_cur);
	const struct cordon_compartment *c;
	unsigned long start;
	enum learn_kind kind;
	u32 access = cordon_ve_access(ev->qual);
	char object[KSYM_NAME_LEN + 8];
	struct learned key;
	int arg = 0, i;
	u64 off = 0;

	if (!g)
		return;
	c = cordon_compartment_by_id(g->compartment);
	if (!c || c->kind != CORDON_KIND_UNTRUSTED)
		return;
	kind = classify(ev->gla, &start);
	for (i = 0; l && l->view == ev->view && i < ARRAY_SIZE(l->args); i++) {
		if (ev->gla >= l->args[i] && ev->gla - l->args[i] < PAGE_SIZE) {
			arg = i + 1;
			off = ev->gla - l->args[i];
			break;
		}
	}
	key = (struct learned){ .entry = g->target, .start = start,
				.kind = kind, .arg = arg, .access = access,
				.used = 1 };
	if (!first_time(&key))
		return;
	if (kind == LEARN_SYMBOL)
		snprintf(object, sizeof(object), "symbol:%ps", (void *)start);
	else
		strscpy(object, kind_names[kind], sizeof(object));
	pr_warn("learn: compartment=%s entry=%ps access=%s object=%s size=%u arg=%d offset=0x%llx site=%pS\n",
		c->name, (void *)g->target,
		access & CORDON_ACCESS_W ? "w" : "r", object,
		kind == LEARN_SLAB ? (unsigned int)ksize((void *)ev->gla) : 0,
		arg, off, (void *)ev->rip);
}

/**
 * cordon_ve_learn_bio() - log, once, a bio a crossing ended unlent
 * @l: the crossing's lends
 * @bio: the bio
 *
 * Context: permissive mode, an exit of the crossing (compartments/lend.c).
 */
void cordon_ve_learn_bio(const struct cordon_lends *const l,
			 const struct bio *const bio)
{
	const struct cordon_gate *g = this_cpu_read(cordon_gate_cur);
	const struct cordon_compartment *c;
	struct learned key;
	int arg = 0, i;

	if (!g)
		return;
	c = cordon_compartment_by_id(g->compartment);
	if (!c)
		return;
	for (i = 0; i < ARRAY_SIZE(l->args); i++)
		if (l->args[i] == (u64)bio)
			arg = i + 1;
	key = (struct learned){ .entry = g->target, .kind = LEARN_BIO,
				.arg = arg, .access = CORDON_ACCESS_W,
				.used = 1 };
	if (!first_time(&key))
		return;
	pr_warn("learn: compartment=%s entry=%ps access=w object=bio size=0 arg=%d offset=0x0 site=bio_endio\n",
		c->name, (void *)g->target, arg);
}
