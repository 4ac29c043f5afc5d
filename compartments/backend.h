/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the hypervisor backend contract (private)
 *
 * Everything Cordon asks of the hypervisor goes through one small ops
 * table. The first backend speaks the views ABI of Cordon's QEMU extension
 * (docs/views-abi.md); a Xen altp2m backend would fill the same table with
 * HVMOP_altp2m calls.
 */

#ifndef _CORDON_BACKEND_H
#define _CORDON_BACKEND_H

#include <linux/types.h>

/**
 * struct cordon_backend_info - what a backend reported at probe time
 * @abi_version: ABI version the hypervisor speaks
 * @max_views: number of views the hypervisor offers
 * @features: CORDON_VIEWS_FEAT_* bits
 */
struct cordon_backend_info {
	u32 abi_version;
	u32 max_views;
	u32 features;
};

/**
 * struct cordon_backend_ops - a transport to a view-capable hypervisor
 * @name: short name shown in securityfs
 * @probe: fill @info and return 0 if the hypervisor offers views this
 *	   kernel can use, or return -ENODEV (absent) or -EPROTO (present
 *	   but incompatible)
 */
struct cordon_backend_ops {
	const char *name;
	int (*probe)(struct cordon_backend_info *const info);
};

extern const struct cordon_backend_ops cordon_views_backend;

#endif /* _CORDON_BACKEND_H */
