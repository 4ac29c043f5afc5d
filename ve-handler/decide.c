// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the decision function
 *
 * Every #VE is ruled on here and nowhere else, so that the sealed Flask
 * server can later replace the built-in rules without touching the entry
 * path. The rules fail closed: anything unknown is denied.
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/module.h>
#include <kunit/visibility.h>

#include "compartment.h"
#include "ve.h"

/**
 * cordon_ve_access() - the access type of a #VE
 * @qual: exit qualification
 *
 * Return: the one CORDON_ACCESS_* bit the access needed.
 */
u32 cordon_ve_access(u64 qual)
{
	if (qual & CORDON_VE_QUAL_FETCH)
		return CORDON_ACCESS_X;
	if (qual & CORDON_VE_QUAL_WRITE)
		return CORDON_ACCESS_W;
	return CORDON_ACCESS_R;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_ve_access);

static bool granted(const struct cordon_compartment *const from,
		    const struct cordon_compartment *const owner, u32 access)
{
	unsigned int i;

	for (i = 0; i < from->nr_grants; i++) {
		if (from->grants[i].owner == owner->id &&
		    (from->grants[i].access & access) == access)
			return true;
	}
	return false;
}

/**
 * cordon_ve_decide_in() - rule on one #VE as a given mode would
 * @ev: the decoded event
 * @mode: the mode to rule in
 *
 * Sealed memory is never granted, in any mode. A view Cordon does not
 * know, an access to memory outside the ownership map and an exit reason
 * other than an EPT violation are denied.
 *
 * Return: the verdict.
 */
enum cordon_verdict cordon_ve_decide_in(const struct cordon_ve_event *const ev,
					enum cordon_mode mode)
{
	const struct cordon_compartment *from, *owner;

	if (ev->reason != CORDON_VE_EXIT_REASON_EPT)
		return CORDON_VERDICT_DENY;
	from = cordon_compartment_by_view(ev->view);
	owner = cordon_owner(PHYS_PFN(ev->gpa));
	if (!from || !owner)
		return CORDON_VERDICT_DENY;
	if (owner->kind == CORDON_KIND_SEALED && owner != from)
		return CORDON_VERDICT_DENY;
	if (granted(from, owner, cordon_ve_access(ev->qual)))
		return CORDON_VERDICT_GRANT;
	if (mode == CORDON_MODE_PERMISSIVE)
		return CORDON_VERDICT_PERMISSIVE;
	return CORDON_VERDICT_DENY;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_ve_decide_in);

/**
 * cordon_ve_decide() - rule on one #VE in this boot's mode
 * @ev: the decoded event
 *
 * Return: the verdict.
 */
enum cordon_verdict cordon_ve_decide(const struct cordon_ve_event *const ev)
{
	return cordon_ve_decide_in(ev, cordon_mode());
}
EXPORT_SYMBOL_IF_KUNIT(cordon_ve_decide);
