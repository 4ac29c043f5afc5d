// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - compartments, their views and the ownership map
 *
 * The ownership map holds one byte per guest-physical frame: the id of the
 * compartment that owns it, 0 for the kernel. The #VE path looks owners up
 * there in O(1), without locks, and the map only changes before views are
 * locked.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pfn.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>

#include "backend.h"
#include "compartment.h"
#include "report.h"
#include "setup.h"

static struct cordon_compartment compartments[CORDON_MAX_COMPARTMENTS];
static unsigned int nr_compartments;
static DEFINE_MUTEX(compartments_lock);
/* View index -> compartment id + 1; 0 means no compartment. */
static u8 view_owner[CORDON_VIEWS_MAX];
static u8 *owner_map;
static u64 owner_map_frames;

/**
 * cordon_compartments_init() - set up the ownership map and the kernel
 *
 * Return: 0, or -ENOMEM.
 */
int cordon_compartments_init(void)
{
	owner_map_frames = max_pfn;
	owner_map = vzalloc(owner_map_frames);
	if (!owner_map)
		return -ENOMEM;
	compartments[0] = (struct cordon_compartment){
		.name = "kernel",
		.kind = CORDON_KIND_KERNEL,
	};
	view_owner[0] = 1;
	nr_compartments = 1;
	return 0;
}

/*
 * An untrusted view sees kernel memory read-only and executes none of it.
 * The sealed compartment is trusted code guarded *from* the kernel: it may
 * write kernel memory (exceptions are delivered on kernel stacks while a
 * stray VMFUNC has the CPU in its view), but executes none of it either.
 */
static u32 default_access(enum cordon_kind kind)
{
	switch (kind) {
	case CORDON_KIND_KERNEL:
		return CORDON_ACCESS_RWX;
	case CORDON_KIND_SEALED:
		return CORDON_ACCESS_R | CORDON_ACCESS_W;
	default:
		return CORDON_ACCESS_R;
	}
}

/**
 * cordon_compartment_create() - create a compartment and its view
 * @name: short name; must stay valid for the life of the kernel
 * @kind: CORDON_KIND_UNTRUSTED or CORDON_KIND_SEALED
 *
 * Refused once views are locked: the attempt is reported.
 *
 * Return: the compartment, or ERR_PTR(-errno).
 */
struct cordon_compartment *cordon_compartment_create(const char *const name,
						     enum cordon_kind kind)
{
	const struct cordon_backend_ops *const be = cordon_state.backend;
	struct cordon_compartment *c;
	int view;

	if (!cordon_active() || !be)
		return ERR_PTR(-ENODEV);
	if (kind == CORDON_KIND_KERNEL)
		return ERR_PTR(-EINVAL);
	mutex_lock(&compartments_lock);
	if (nr_compartments == CORDON_MAX_COMPARTMENTS) {
		c = ERR_PTR(-ENOSPC);
		goto out;
	}
	view = be->create_view(default_access(kind));
	if (view < 0) {
		if (view == -EROFS)
			cordon_report_reconfig("creating a view", view);
		c = ERR_PTR(view);
		goto out;
	}
	c = &compartments[nr_compartments];
	*c = (struct cordon_compartment){
		.name = name,
		.id = nr_compartments,
		.kind = kind,
		.view = view,
	};
	view_owner[view] = nr_compartments + 1;
	nr_compartments++;
out:
	mutex_unlock(&compartments_lock);
	return c;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_create);

/**
 * cordon_compartment_add_memory() - give a compartment memory it owns
 * @c: the compartment
 * @start: physical start, page aligned
 * @size: bytes, a multiple of the page size
 * @access: what @c may do with it in its own view; for a sealed
 *	    compartment, with CORDON_RANGE_KERNEL_READ, what other views
 *	    may read once it is sealed
 *
 * The frames are recorded as owned by @c and opened in its view. Other
 * views keep their access until the compartment is sealed.
 *
 * Return: 0 or -errno.
 */
int cordon_compartment_add_memory(struct cordon_compartment *const c,
				  phys_addr_t start, size_t size, u32 access)
{
	const struct cordon_backend_ops *const be = cordon_state.backend;
	u64 pfn = PHYS_PFN(start), count = size >> PAGE_SHIFT, i;
	int err;

	if (!PAGE_ALIGNED(start) || !PAGE_ALIGNED(size) || !count ||
	    pfn + count > owner_map_frames)
		return -EINVAL;
	if (c->sealed || c->nr_ranges == CORDON_MAX_RANGES)
		return -EBUSY;
	if ((access & CORDON_RANGE_KERNEL_READ) &&
	    c->kind != CORDON_KIND_SEALED)
		return -EINVAL;
	/* Sealed frames: reachable only through the compartment's own tables. */
	if (c->kind == CORDON_KIND_SEALED)
		access |= CORDON_ACCESS_VERIFY_PAGING;
	err = be->set_access(c->view, pfn, count,
			     access & ~CORDON_RANGE_KERNEL_READ);
	if (err)
		return err;
	for (i = 0; i < count; i++)
		WRITE_ONCE(owner_map[pfn + i], c->id);
	c->ranges[c->nr_ranges++] = (struct cordon_range){
		.pfn = pfn, .count = count, .access = access,
	};
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_add_memory);

/**
 * cordon_compartment_add_grant() - let @c take an access on #VE
 * @c: the compartment that may be granted
 * @owner: whose memory
 * @access: CORDON_ACCESS_* that may be granted
 *
 * Return: 0, -ENOSPC when the grant list is full, -EPERM for sealed memory.
 */
int cordon_compartment_add_grant(struct cordon_compartment *const c,
				 const struct cordon_compartment *const owner,
				 u32 access)
{
	if (owner->kind == CORDON_KIND_SEALED)
		return -EPERM;
	if (c->nr_grants == CORDON_MAX_GRANTS)
		return -ENOSPC;
	c->grants[c->nr_grants++] = (struct cordon_grant){
		.owner = owner->id, .access = access,
	};
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_add_grant);

/**
 * cordon_compartment_remove_grant() - drop what @c may be granted on @owner
 * @c: the compartment
 * @owner: whose memory
 *
 * Frames already granted stay open until revoked
 * (cordon_ve_revoke_grants()).
 */
void cordon_compartment_remove_grant(struct cordon_compartment *const c,
				     const struct cordon_compartment *const owner)
{
	unsigned int i, n = 0;

	for (i = 0; i < c->nr_grants; i++)
		if (c->grants[i].owner != owner->id)
			c->grants[n++] = c->grants[i];
	c->nr_grants = n;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_remove_grant);

/*
 * After sealing, the kernel's own touches of the memory must raise #VE
 * (reported and denied) rather than stop the guest: clear suppress-#VE in
 * every other view we use.
 */
static int unsuppress_elsewhere(const struct cordon_compartment *const c,
				const struct cordon_range *const r)
{
	const struct cordon_backend_ops *const be = cordon_state.backend;
	unsigned int i;
	int err;

	for (i = 0; i < nr_compartments; i++) {
		if (compartments[i].view == c->view)
			continue;
		err = be->set_sve(compartments[i].view, r->pfn, r->count, false);
		if (err)
			return err;
	}
	return 0;
}

/**
 * cordon_compartment_seal() - seal a sealed compartment's memory
 * @c: a CORDON_KIND_SEALED compartment
 *
 * After this no view but @c's can access its memory, and no later call
 * can change that (docs/views-abi.md, "Seal and lock").
 *
 * Return: 0 or -errno.
 */
int cordon_compartment_seal(struct cordon_compartment *const c)
{
	const struct cordon_backend_ops *const be = cordon_state.backend;
	unsigned int i;
	int err;

	if (c->kind != CORDON_KIND_SEALED)
		return -EINVAL;
	for (i = 0; i < c->nr_ranges; i++) {
		err = be->seal(c->view, c->ranges[i].pfn, c->ranges[i].count,
			       c->ranges[i].access & CORDON_RANGE_KERNEL_READ ?
			       CORDON_ACCESS_R : 0);
		if (!err)
			err = unsuppress_elsewhere(c, &c->ranges[i]);
		if (err)
			return err;
	}
	c->sealed = true;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_seal);

/**
 * cordon_compartment_by_view() - the compartment a view belongs to
 * @view: view index
 *
 * Return: the compartment, or NULL if no compartment uses @view.
 */
struct cordon_compartment *cordon_compartment_by_view(u16 view)
{
	u8 id;

	if (view >= CORDON_VIEWS_MAX)
		return NULL;
	id = READ_ONCE(view_owner[view]);
	return id ? &compartments[id - 1] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_by_view);

/**
 * cordon_compartment_by_id() - a compartment by its id
 * @id: compartment id
 *
 * Return: the compartment, or NULL for an unused id.
 */
struct cordon_compartment *cordon_compartment_by_id(u8 id)
{
	return id < READ_ONCE(nr_compartments) ? &compartments[id] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_by_id);

/**
 * cordon_compartment_by_name() - a compartment by its name
 * @name: the name, as in reports and securityfs
 *
 * Return: the compartment, or NULL if none has that name.
 */
struct cordon_compartment *cordon_compartment_by_name(const char *const name)
{
	unsigned int i;

	for (i = 0; i < cordon_nr_compartments(); i++)
		if (!strcmp(compartments[i].name, name))
			return &compartments[i];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_compartment_by_name);

/**
 * cordon_owner() - the compartment that owns a frame
 * @pfn: guest-physical frame number
 *
 * Fast enough for the #VE path: one byte load.
 *
 * Return: the owner; the kernel for frames nobody claimed, NULL for frames
 * beyond the map (MMIO above RAM).
 */
struct cordon_compartment *cordon_owner(u64 pfn)
{
	if (!owner_map || pfn >= owner_map_frames)
		return NULL;
	return &compartments[READ_ONCE(owner_map[pfn])];
}
EXPORT_SYMBOL_IF_KUNIT(cordon_owner);

/**
 * cordon_owner_set() - give frames to a compartment, or back to the kernel
 * @pfn: first frame
 * @count: number of frames
 * @c: the new owner (the kernel compartment for back)
 *
 * Only the ownership map; the views are the caller's.
 *
 * Return: 0, or -EINVAL outside the map.
 */
int cordon_owner_set(u64 pfn, u64 count, const struct cordon_compartment *const c)
{
	u64 i;

	if (!owner_map || pfn + count > owner_map_frames || pfn + count < pfn)
		return -EINVAL;
	for (i = 0; i < count; i++)
		WRITE_ONCE(owner_map[pfn + i], c->id);
	return 0;
}

/**
 * cordon_nr_compartments() - how many compartments exist
 *
 * Return: the count, including the kernel.
 */
unsigned int cordon_nr_compartments(void)
{
	return READ_ONCE(nr_compartments);
}
