/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - compartments, their views and the ownership map (private)
 */

#ifndef _CORDON_COMPARTMENT_H
#define _CORDON_COMPARTMENT_H

#include <linux/atomic.h>
#include <linux/cordon.h>
#include <linux/types.h>

#define CORDON_MAX_COMPARTMENTS	16
/* The sealed compartment's: 64 chunks of its pool, and its code and data. */
#define CORDON_MAX_RANGES	80
#define CORDON_MAX_GRANTS	8
/*
 * For cordon_compartment_add_memory() of a sealed compartment: once
 * sealed, the other views may still read the range (and only read it):
 * state the kernel reads on every check but must not forge.
 */
#define CORDON_RANGE_KERNEL_READ	(1u << 16)

/**
 * enum cordon_kind - what a compartment is protected from, and how
 * @CORDON_KIND_KERNEL: the kernel itself, in the default view 0
 * @CORDON_KIND_UNTRUSTED: restricted code; kernel text not executable and
 *	kernel data read-only in its view
 * @CORDON_KIND_SEALED: memory accessible in its own view only, for good
 */
enum cordon_kind {
	CORDON_KIND_KERNEL,
	CORDON_KIND_UNTRUSTED,
	CORDON_KIND_SEALED,
};

/**
 * struct cordon_range - physically contiguous memory a compartment owns
 * @pfn: first frame
 * @count: number of frames
 * @access: CORDON_ACCESS_* the owner has in its own view, and
 *	    CORDON_RANGE_KERNEL_READ
 */
struct cordon_range {
	u64 pfn;
	u64 count;
	u32 access;
};

/**
 * struct cordon_grant - an access a compartment may take on #VE
 * @owner: id of the compartment whose memory may be accessed
 * @access: CORDON_ACCESS_* bits that may be granted
 */
struct cordon_grant {
	u8 owner;
	u32 access;
};

/**
 * struct cordon_compartment - a part of the kernel with its own view
 * @name: short name, shown in reports and securityfs
 * @id: index in the compartment table; the value in the ownership map
 * @kind: what kind of compartment it is
 * @view: its EPT view
 * @sealed: its memory has been sealed into @view
 * @code_scanned: its code was scanned for privileged instructions when it
 *		  was set up (compiled.c), once final; the later scan of
 *		  every compartment's code skips it
 * @nr_ranges: entries used in @ranges
 * @ranges: the memory it owns
 * @nr_grants: entries used in @grants
 * @grants: what its view may be granted on #VE
 * @crossings: gate crossings into it
 * @ve_granted: accesses in its view granted on #VE (lent, or by policy)
 * @ve_denied: accesses in its view denied on #VE
 */
struct cordon_compartment {
	const char *name;
	u8 id;
	enum cordon_kind kind;
	u16 view;
	bool sealed;
	bool code_scanned;
	unsigned int nr_ranges;
	struct cordon_range ranges[CORDON_MAX_RANGES];
	unsigned int nr_grants;
	struct cordon_grant grants[CORDON_MAX_GRANTS];
	atomic_long_t crossings;
	atomic_long_t ve_granted;
	atomic_long_t ve_denied;
};

/* Count @what for the compartment whose view is @view, if there is one. */
#define cordon_count_view(view, what)					\
	do {								\
		struct cordon_compartment *__c =			\
			cordon_compartment_by_view(view);		\
		if (__c)						\
			atomic_long_inc(&__c->what);			\
	} while (0)

int cordon_compartments_init(void);
struct cordon_compartment *cordon_compartment_create(const char *const name,
						     enum cordon_kind kind);
int cordon_compartment_add_memory(struct cordon_compartment *const c,
				  phys_addr_t start, size_t size, u32 access);
int cordon_compartment_add_grant(struct cordon_compartment *const c,
				 const struct cordon_compartment *const owner,
				 u32 access);
void cordon_compartment_remove_grant(struct cordon_compartment *const c,
				     const struct cordon_compartment *const owner);
int cordon_compartment_seal(struct cordon_compartment *const c);
struct cordon_compartment *cordon_compartment_by_view(u16 view);
struct cordon_compartment *cordon_compartment_by_id(u8 id);
struct cordon_compartment *cordon_compartment_by_name(const char *const name);
struct cordon_compartment *cordon_owner(u64 pfn);
int cordon_owner_set(u64 pfn, u64 count,
		     const struct cordon_compartment *const c);
unsigned int cordon_nr_compartments(void);

#endif /* _CORDON_COMPARTMENT_H */
