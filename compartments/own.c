// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - what a compiled compartment allocates becomes its own
 *
 * The pass sends a compartment's calls of the page and kmalloc allocators
 * here (exits that keep preemption off until they know the compartment):
 * the memory it gets is whole pages, owned by the compartment in the
 * ownership map and writable in its view, and the kernel's again, read-only
 * there, when it frees them. Without views (cordon_compiled_direct) they
 * are the plain allocators. Memory it does not own it cannot free: that
 * would let it free the kernel's objects under the kernel's feet. kmalloc
 * memory comes in whole pages, since a view cannot give part of one.
 */

#include "common.h"

#include <linux/cordon.h>

#include <linux/cordon-views-abi.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "backend.h"
#include "compartment.h"
#include "compiled.h"
#include "gate.h"
#include "lend.h"
#include "report.h"
#include "setup.h"

/*
 * The compartment of this CPU's crossing. These exits run with the
 * crossing's preemption count still held, so the crossing is this CPU's.
 */
static struct cordon_compartment *exit_compartment(void)
{
	const struct cordon_gate *g = this_cpu_read(cordon_gate_cur);
	struct cordon_compartment *c;

	if (!g)
		return NULL;
	c = cordon_compartment_by_id(g->compartment);
	return c && c->kind == CORDON_KIND_UNTRUSTED ? c : NULL;
}

static bool owns(const struct cordon_compartment *const c, u64 pfn, u64 n)
{
	u64 i;

	for (i = 0; i < n; i++)
		if (cordon_owner(pfn + i) != c)
			return false;
	return true;
}

static int give(const struct cordon_compartment *const c, u64 pfn, u64 n)
{
	int err = cordon_owner_set(pfn, n, c);

	if (!err)
		err = cordon_state.backend->set_access(c->view, pfn, n,
						       CORDON_ACCESS_R |
						       CORDON_ACCESS_W);
	if (err)
		cordon_owner_set(pfn, n, cordon_compartment_by_id(0));
	return err;
}

static void take_back(const struct cordon_compartment *const c, u64 pfn,
		      u64 n)
{
	if (cordon_state.backend->set_access(c->view, pfn, n, CORDON_ACCESS_R))
		cordon_report_internal("taking back a compartment's pages");
	cordon_owner_set(pfn, n, cordon_compartment_by_id(0));
}

/**
 * cordon_alloc_pages() - alloc_pages() for compartment code
 * @gfp: allocation flags
 * @order: log2 of the pages
 *
 * Context: an exit of a compiled compartment; may sleep if the crossing's
 * caller could.
 * Return: the pages, now the compartment's; NULL if allocating or giving
 * them failed.
 */
struct page *cordon_alloc_pages(gfp_t gfp, unsigned int order)
{
	struct cordon_compartment *c;
	struct cordon_lends *l;
	struct page *page;

	/* Without views, an ordinary call from ordinary code. */
	if (READ_ONCE(cordon_compiled_direct))
		return alloc_pages(gfp, order);
	c = exit_compartment();
	if (WARN_ON_ONCE(!c))
		return NULL;
	/* The crossing's count, held until the compartment was known. */
	l = cordon_exit_sleep_begin();
	page = alloc_pages(gfp, order);
	cordon_exit_sleep_end(l);
	if (page && give(c, page_to_pfn(page), 1UL << order)) {
		__free_pages(page, order);
		page = NULL;
	}
	return page;
}

/**
 * cordon_free_pages() - __free_pages() for compartment code
 * @page: pages the compartment allocated
 * @order: their order
 *
 * Pages that are not all the compartment's are not freed, and reported.
 */
void cordon_free_pages(struct page *page, unsigned int order)
{
	struct cordon_compartment *c;
	struct cordon_lends *l;
	u64 pfn, n = 1UL << order;

	if (READ_ONCE(cordon_compiled_direct)) {
		__free_pages(page, order);
		return;
	}
	c = exit_compartment();
	if (WARN_ON_ONCE(!c) || !page)
		return;
	pfn = page_to_pfn(page);
	if (!owns(c, pfn, n)) {
		cordon_report_not_own(c->name, "__free_pages", page, true);
		return;
	}
	take_back(c, pfn, n);
	l = cordon_exit_sleep_begin();
	__free_pages(page, order);
	cordon_exit_sleep_end(l);
}

/**
 * cordon_kmalloc() - kmalloc() for compartment code, in whole pages
 * @size: bytes
 * @gfp: allocation flags
 *
 * Return: the memory, the compartment's; NULL on failure or for 0 bytes
 * (ZERO_SIZE_PTR, as kmalloc()).
 */
void *cordon_kmalloc(size_t size, gfp_t gfp)
{
	struct page *page;

	if (READ_ONCE(cordon_compiled_direct))
		return kmalloc(size, gfp);
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > (PAGE_SIZE << MAX_ORDER) / 2)
		return NULL;
	page = cordon_alloc_pages(gfp | __GFP_COMP, get_order(size));
	return page ? page_address(page) : NULL;
}

/**
 * cordon_kfree() - kfree() for compartment code
 * @p: what cordon_kmalloc() returned, or NULL
 *
 * Anything else (a kernel object, the middle of an allocation) is not
 * freed, and reported.
 */
void cordon_kfree(const void *p)
{
	struct cordon_compartment *c;
	struct page *page;

	if (READ_ONCE(cordon_compiled_direct)) {
		kfree(p);
		return;
	}
	c = exit_compartment();
	if (WARN_ON_ONCE(!c) || ZERO_OR_NULL_PTR(p))
		return;
	if (!virt_addr_valid(p) || !PAGE_ALIGNED(p)) {
		cordon_report_not_own(c->name, "kfree", p, true);
		return;
	}
	page = virt_to_page(p);
	cordon_free_pages(page, compound_order(page));
}

/*
 * The struct page @addr is in, and where in it, for an access of @size
 * bytes that stays inside one; false for anything else.
 */
static bool page_field(const void *const addr, unsigned int size, u64 *pfn,
		       unsigned long *off)
{
	unsigned long a = (unsigned long)addr, base = (unsigned long)vmemmap;

	if (a < base || !is_power_of_2(size) || size > sizeof(u64) ||
	    !IS_ALIGNED(a, size))
		return false;
	*pfn = (a - base) / sizeof(struct page);
	*off = (a - base) % sizeof(struct page);
	return pfn_valid(*pfn);
}

static bool owner_field(unsigned long off, unsigned int size)
{
	const unsigned long index = offsetof(struct page, index);
	const unsigned long priv = offsetof(struct page, private);

	return (off >= index && off + size <= index + sizeof(pgoff_t)) ||
	       (off >= priv && off + size <= priv + sizeof(unsigned long));
}

/*
 * Whether the crossing's compartment may make this access; if not, it is
 * reported, and in enforcing mode refused: the crossing ends with -EFAULT,
 * as after a denied #VE.
 */
static bool page_access(const void *const addr, unsigned int size,
			bool store)
{
	struct cordon_compartment *c = exit_compartment();
	const char *what = store ? "a struct page store" :
				   "a struct page load";
	unsigned long off;
	bool field;
	u64 pfn;

	if (WARN_ON_ONCE(!c))
		goto refuse;
	field = page_field(addr, size, &pfn, &off);
	if (field && owns(c, pfn, 1) && (!store || owner_field(off, size)))
		return true;
	/* Learning: logged, and done if it is a struct page at all. */
	if (field && cordon_mode() == CORDON_MODE_PERMISSIVE) {
		cordon_report_not_own(c->name, what, addr, false);
		return true;
	}
	cordon_report_not_own(c->name, what, addr, true);
refuse:
	this_cpu_write(cordon_exit_err, -EFAULT);
	return false;
}

/**
 * cordon_page_load() - a compartment's load from a struct page
 * @addr: the field
 * @size: its size in bytes: 1, 2, 4 or 8
 *
 * Context: an exit of a compiled compartment, with the crossing's
 * preemption count.
 * Return: the value, zero-extended; 0 if refused.
 */
u64 cordon_page_load(const void *addr, unsigned int size)
{
	if (!READ_ONCE(cordon_compiled_direct) &&
	    !page_access(addr, size, false))
		return 0;
	switch (size) {
	case 1:
		return READ_ONCE(*(const u8 *)addr);
	case 2:
		return READ_ONCE(*(const u16 *)addr);
	case 4:
		return READ_ONCE(*(const u32 *)addr);
	case 8:
		return READ_ONCE(*(const u64 *)addr);
	}
	WARN_ON_ONCE(1);
	return 0;
}

/**
 * cordon_page_store() - a compartment's store to a struct page
 * @addr: the field
 * @val: the value, in its low @size bytes
 * @size: its size in bytes: 1, 2, 4 or 8
 *
 * Context: as cordon_page_load().
 */
void cordon_page_store(void *addr, u64 val, unsigned int size)
{
	if (!READ_ONCE(cordon_compiled_direct) &&
	    !page_access(addr, size, true))
		return;
	switch (size) {
	case 1:
		WRITE_ONCE(*(u8 *)addr, val);
		return;
	case 2:
		WRITE_ONCE(*(u16 *)addr, val);
		return;
	case 4:
		WRITE_ONCE(*(u32 *)addr, val);
		return;
	case 8:
		WRITE_ONCE(*(u64 *)addr, val);
		return;
	}
	WARN_ON_ONCE(1);
}
