/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - a compartment's own page tables (private)
 */

#ifndef _CORDON_PAGETABLES_H
#define _CORDON_PAGETABLES_H

#include <linux/init.h>
#include <linux/types.h>

struct cordon_compartment;
struct cordon_pt;

struct cordon_pt *__init cordon_pt_create(void);
int __init cordon_pt_map(struct cordon_pt *const pt, const void *const start,
			 size_t size, u32 access);
int __init cordon_pt_freeze(struct cordon_pt *const pt,
			    const struct cordon_compartment *const owner);
u64 cordon_pt_root(const struct cordon_pt *const pt);

#endif /* _CORDON_PAGETABLES_H */
