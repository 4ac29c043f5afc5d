// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - learning mode: what a compartment touched beyond its lends
 *
 * In permissive mode, a #VE of a crossing into an untrusted compartment
 * that nothing lent is granted (decide.c) and logged here, once per entry
 * point, object and access. The object is a kernel symbol, a struct page,
 * a slab object or a page; when it lies within a page past one of the
 * gate's three arguments, the line names that argument. scripts/cordon-learn
 * turns these lines into proposed lend annotations, the way audit2allow
 * turns SELinux denials into rules: a proposal for a person to review.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/hash.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "compartment.h"
#include "gate.h"
#include "lend.h"
#include "ve.h"

enum learn_kind { LEARN_SYMBOL, LEARN_STRUCT_PAGE, LEARN_SLAB, LEARN_PAGE };

static const char *const kind_names[] = {
	[LEARN_SYMBOL] = "symbol",
	[LEARN_STRUCT_PAGE] = "struct-page",
	[LEARN_SLAB] = "slab",
	[LEARN_PAGE] = "page",
};

/* Lines logged so far, by key; a full table logs nothing more. */
#define NR_LEARNED 256
static u64 learned[NR_LEARNED];
static DEFINE_RAW_SPINLOCK(learned_lock);

static bool first_time(u64 key)
{
	unsigned long flags;
	bool first = true;
	int i;

	raw_spin_lock_irqsave(&learned_lock, flags);
	for (i = 0; i < NR_LEARNED && learned[i]; i++) {
		if (learned[i] == key) {
			first = false;
			break;
		}
	}
	if (i == NR_LEARNED)
		first = false;
	else if (first)
		learned[i] = key;
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
	if (!first_time(hash_64(g->target ^ ((u64)kind << 56) ^ start ^
				((u64)arg << 48), 62) << 2 | access))
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
