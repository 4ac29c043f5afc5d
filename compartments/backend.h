/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the hypervisor backend contract (private)
 *
 * Everything Cordon asks of the hypervisor goes through one small ops
 * table. The first backend speaks the views ABI of Cordon's QEMU extension
 * (docs/views-abi.md). A Xen altp2m backend fills the same table with
 * HVMOP_altp2m calls: the operations and their numbers are Xen's, only the
 * transport (VMCALL with registers vs. a hypercall page with an argument
 * struct) differs. Views are switched with VMFUNC directly, not through
 * this table, since gates must not call out of line.
 */

#ifndef _CORDON_BACKEND_H
#define _CORDON_BACKEND_H

#include <linux/types.h>

/**
 * struct cordon_backend_info - what a backend reported at probe time
 * @abi_version: ABI version the hypervisor speaks
 * @max_views: number of view slots the hypervisor offers
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
 * @probe: fill @info; -ENODEV if the hypervisor offers no views, -EPROTO
 *	   if it speaks another ABI version
 * @enable: turn views on for the VM (creates the default view 0)
 * @create_view: create a view with a default access; returns its index
 * @destroy_view: destroy a view
 * @set_access: set R/W/X on @count frames from @pfn in @view
 * @set_sve: set or clear suppress-#VE on @count frames from @pfn in @view
 * @get_access: return the access of one frame in @view
 * @set_visibility: make @view reachable by VMFUNC or not
 * @seal: make @view the only view that can reach @count frames from @pfn,
 *	  for good
 * @freeze: keep every view's access to @count frames from @pfn, for good
 * @lock: freeze view creation, destruction and visibility
 * @ve_enable: register the calling CPU's #VE information area
 * @set_aex: register the calling CPU's asynchronous exit from @view, as
 *	     described at @reg (CORDON_AEX_OFF_*)
 * @set_nmi_latch: have the hypervisor set the byte at @latch instead of
 *		   delivering an NMI to the calling CPU while the IDT at
 *		   @idt is loaded
 * @switch_view: switch the calling CPU by hypercall (slow path)
 * @current_view: return the calling CPU's view
 * @counters: write the calling CPU's CORDON_CTR_* counters to @buf
 *
 * Every operation returns 0 (or a non-negative value where noted) on
 * success and a negative errno on failure; the views ABI uses Linux errno
 * numbers, so codes pass through unchanged.
 */
struct cordon_backend_ops {
	const char *name;
	int (*probe)(struct cordon_backend_info *const info);
	int (*enable)(void);
	int (*create_view)(u32 access);
	int (*destroy_view)(u16 view);
	int (*set_access)(u16 view, u64 pfn, u64 count, u32 access);
	int (*set_sve)(u16 view, u64 pfn, u64 count, bool sve);
	int (*get_access)(u16 view, u64 pfn);
	int (*set_visibility)(u16 view, bool visible);
	int (*seal)(u16 view, u64 pfn, u64 count, u32 others);
	int (*freeze)(u64 pfn, u64 count);
	int (*lock)(void);
	int (*ve_enable)(phys_addr_t info);
	int (*set_aex)(u16 view, phys_addr_t reg);
	int (*set_nmi_latch)(unsigned long idt, phys_addr_t latch);
	int (*switch_view)(u16 view);
	int (*current_view)(void);
	int (*counters)(phys_addr_t buf);
};

extern const struct cordon_backend_ops cordon_views_backend;

#endif /* _CORDON_BACKEND_H */
