// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - a compartment's own page tables
 *
 * The sealed compartment cannot trust the kernel's page tables: whoever
 * writes a PTE decides where the compartment's stack pushes go and which
 * descriptors its gate reads (isolation finding 3). So it gets tables of
 * its own, built at boot from the kernel's view of the same addresses,
 * then frozen: read-only in every view, walkable only where a gate needs
 * them. In the compartment's view the table frames are PAGING and its
 * own frames VERIFY_PAGING (guest-paging verification, docs/views-abi.md),
 * so its frames can be reached through these tables and through no
 * others, whatever CR3 the kernel loads before a VMFUNC.
 *
 * As many levels as the kernel's own tables, 4-KiB mappings only,
 * accessed and dirty bits preset (nobody may write a frozen table, the
 * walker included), nothing global, nothing for user mode, and no table
 * maps a table: used as a root at the wrong level, any of them leads a
 * walk into a frame that is not PAGING.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/pgtable.h>

#include "backend.h"
#include "compartment.h"
#include "pagetables.h"
#include "setup.h"

/*
 * Enough for a sealed pool of 256 MiB in 4 KiB pages (128 last-level
 * tables), and a few hundred scattered pages besides.
 */
#define MAX_TABLES	256

/**
 * struct cordon_pt - page tables under construction
 * @root: the top-level table
 * @tables: every table page, the root first
 * @nr_tables: how many
 * @frozen: set by cordon_pt_freeze(); no mapping after that
 */
struct cordon_pt {
	u64 *root;
	u64 *tables[MAX_TABLES];
	unsigned int nr_tables;
	bool frozen;
};

static u64 *table_alloc(struct cordon_pt *const pt)
{
	u64 *t;

	if (pt->nr_tables == MAX_TABLES)
		return NULL;
	t = (u64 *)get_zeroed_page(GFP_KERNEL);
	if (t)
		pt->tables[pt->nr_tables++] = t;
	return t;
}

/**
 * cordon_pt_create() - start an empty set of page tables
 *
 * Return: the tables, or ERR_PTR(-errno).
 */
struct cordon_pt *__init cordon_pt_create(void)
{
	struct cordon_pt *pt;

	pt = kzalloc(sizeof(*pt), GFP_KERNEL);
	if (!pt)
		return ERR_PTR(-ENOMEM);
	pt->root = table_alloc(pt);
	if (!pt->root) {
		kfree(pt);
		return ERR_PTR(-ENOMEM);
	}
	return pt;
}

/* Table entry bits: present, writable (leaves decide), accessed. */
#define TABLE_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

static int map_page(struct cordon_pt *const pt, unsigned long va, u64 pa,
		    u32 access)
{
	u64 *table = pt->root, *e, leaf;
	int level;

	/* Four or five levels, as the kernel's own (LA57 cannot change). */
	for (level = pgtable_l5_enabled() ? 4 : 3; level > 0; level--) {
		e = &table[(va >> (PAGE_SHIFT + 9 * level)) & 511];
		if (!*e) {
			u64 *next = table_alloc(pt);

			if (!next)
				return -ENOSPC;
			*e = __pa(next) | TABLE_FLAGS;
		}
		table = __va(*e & PTE_PFN_MASK);
	}
	leaf = pa | _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;
	if (access & CORDON_ACCESS_W)
		leaf |= _PAGE_RW;
	if (!(access & CORDON_ACCESS_X))
		leaf |= _PAGE_NX;
	e = &table[(va >> PAGE_SHIFT) & 511];
	if (!*e) {
		*e = leaf;
		return 0;
	}
	/* The same address twice must mean the same frame: union of rights. */
	if ((*e & PTE_PFN_MASK) != pa)
		return -EEXIST;
	*e |= leaf & _PAGE_RW;
	if (!(leaf & _PAGE_NX))
		*e &= ~_PAGE_NX;
	return 0;
}

/**
 * cordon_pt_map() - map kernel addresses to the frames the kernel maps them to
 * @pt: tables not yet frozen
 * @start: first address (rounded down to a page)
 * @size: bytes (rounded up to whole pages)
 * @access: CORDON_ACCESS_W and CORDON_ACCESS_X as wanted; read is implied
 *
 * Return: 0, -EBUSY after cordon_pt_freeze(), -EFAULT for an address the
 * kernel does not map, -ENOSPC when out of tables, -EEXIST for an address
 * already mapped elsewhere.
 */
int __init cordon_pt_map(struct cordon_pt *const pt, const void *const start,
			 size_t size, u32 access)
{
	unsigned long va = (unsigned long)start & PAGE_MASK;
	unsigned long end = PAGE_ALIGN((unsigned long)start + size);
	unsigned int level;
	int err;

	if (pt->frozen)
		return -EBUSY;
	for (; va < end; va += PAGE_SIZE) {
		pte_t *pte = lookup_address(va, &level);

		if (!pte || !pte_present(*pte))
			return -EFAULT;
		err = map_page(pt, va, slow_virt_to_phys((void *)va) & PAGE_MASK,
			       access);
		if (err)
			return err;
	}
	return 0;
}

/**
 * cordon_pt_freeze() - make the tables immutable and usable by one view
 * @pt: the tables
 * @owner: the compartment whose view walks them as its own
 *
 * The table frames become read-only in view 0 (which walks them between a
 * gate's CR3 load and its VMFUNC) and PAGING in @owner's view, absent from
 * every other, then frozen. Before @owner is sealed: its view is immutable
 * afterwards.
 *
 * Return: 0 or -errno.
 */
int __init cordon_pt_freeze(struct cordon_pt *const pt,
			    const struct cordon_compartment *const owner)
{
	const struct cordon_backend_ops *be = cordon_state.backend;
	unsigned int i, c;
	int err;

	for (i = 0; i < pt->nr_tables; i++) {
		u64 pfn = PHYS_PFN(__pa(pt->tables[i]));

		for (c = 0; c < cordon_nr_compartments(); c++) {
			const struct cordon_compartment *v =
				cordon_compartment_by_id(c);
			u32 access = 0;

			if (v == owner)
				access = CORDON_ACCESS_R | CORDON_ACCESS_PAGING;
			else if (v->kind == CORDON_KIND_KERNEL)
				access = CORDON_ACCESS_R;
			err = be->set_access(v->view, pfn, 1, access);
			/* A write is reported and denied, not a stopped guest. */
			if (!err)
				err = be->set_sve(v->view, pfn, 1, false);
			if (err)
				return err;
		}
		err = be->freeze(pfn, 1);
		if (err)
			return err;
	}
	pt->frozen = true;
	return 0;
}

/**
 * cordon_pt_root() - the value a gate loads into CR3
 * @pt: the tables
 *
 * Return: the root's physical address (PCID 0, no flags).
 */
u64 cordon_pt_root(const struct cordon_pt *const pt)
{
	return __pa(pt->root);
}
