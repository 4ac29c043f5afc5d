// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - backend for the views ABI of Cordon's QEMU extension
 *
 * Transport: VMCALL with RAX = operation, arguments in RBX, RCX, RDX, RSI,
 * result in RAX (docs/views-abi.md).
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <asm/processor.h>
#include <kunit/visibility.h>

#include "backend.h"

static __always_inline long views_call(unsigned long op, unsigned long a1,
				       unsigned long a2, unsigned long a3,
				       unsigned long a4)
{
	long ret;

	asm volatile("vmcall"
		     : "=a"(ret)
		     : "a"(op), "b"(a1), "c"(a2), "d"(a3), "S"(a4)
		     : "memory");
	return ret;
}

static int views_probe(struct cordon_backend_info *const info)
{
	u32 base, eax, ebx, ecx, edx;

	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return -ENODEV;
	base = hypervisor_cpuid_base(CORDON_VIEWS_CPUID_SIG, 1);
	if (!base)
		return -ENODEV;
	cpuid(base + 1, &eax, &ebx, &ecx, &edx);
	if (eax != CORDON_VIEWS_ABI_VERSION) {
		pr_err("hypervisor speaks views ABI %u, this kernel needs %u; use the QEMU built by this Cordon tree\n",
		       eax, CORDON_VIEWS_ABI_VERSION);
		return -EPROTO;
	}
	info->abi_version = eax;
	info->max_views = ebx;
	info->features = ecx;
	return 0;
}

static int views_enable(void)
{
	return views_call(CORDON_HC_SET_STATE, 1, 0, 0, 0);
}

static int views_create_view(u32 access)
{
	return views_call(CORDON_HC_CREATE_VIEW, access, 0, 0, 0);
}

static int views_destroy_view(u16 view)
{
	return views_call(CORDON_HC_DESTROY_VIEW, view, 0, 0, 0);
}

static int views_set_access(u16 view, u64 pfn, u64 count, u32 access)
{
	return views_call(CORDON_HC_SET_ACCESS_RANGE, view, pfn, count, access);
}

static int views_set_sve(u16 view, u64 pfn, u64 count, bool sve)
{
	return views_call(CORDON_HC_SET_SVE_RANGE, view, pfn, count, sve);
}

static int views_get_access(u16 view, u64 pfn)
{
	return views_call(CORDON_HC_GET_ACCESS, view, pfn, 0, 0);
}

static int views_set_visibility(u16 view, bool visible)
{
	return views_call(CORDON_HC_SET_VISIBILITY, view, visible, 0, 0);
}

static int views_seal(u16 view, u64 pfn, u64 count, u32 others)
{
	return views_call(CORDON_HC_SEAL, view, pfn, count, others);
}

static int views_freeze(u64 pfn, u64 count)
{
	return views_call(CORDON_HC_FREEZE, pfn, count, 0, 0);
}

static int views_lock(void)
{
	return views_call(CORDON_HC_LOCK, 0, 0, 0, 0);
}

static int views_ve_enable(phys_addr_t info)
{
	return views_call(CORDON_HC_VE_ENABLE, info, 0, 0, 0);
}

static int views_set_aex(u16 view, phys_addr_t reg)
{
	return views_call(CORDON_HC_SET_AEX, view, reg, 0, 0);
}

static int views_set_nmi_latch(unsigned long idt, phys_addr_t latch)
{
	return views_call(CORDON_HC_SET_NMI_LATCH, idt, latch, 0, 0);
}

static int views_switch_view(u16 view)
{
	return views_call(CORDON_HC_SWITCH_VIEW, view, 0, 0, 0);
}

static int views_current_view(void)
{
	return views_call(CORDON_HC_GET_VIEW, 0, 0, 0, 0);
}

static int views_counters(phys_addr_t buf)
{
	return views_call(CORDON_HC_GET_COUNTERS, buf, 0, 0, 0);
}

const struct cordon_backend_ops cordon_views_backend = {
	.name = "cordon-views",
	.probe = views_probe,
	.enable = views_enable,
	.create_view = views_create_view,
	.destroy_view = views_destroy_view,
	.set_access = views_set_access,
	.set_sve = views_set_sve,
	.get_access = views_get_access,
	.set_visibility = views_set_visibility,
	.seal = views_seal,
	.freeze = views_freeze,
	.lock = views_lock,
	.ve_enable = views_ve_enable,
	.set_aex = views_set_aex,
	.set_nmi_latch = views_set_nmi_latch,
	.switch_view = views_switch_view,
	.current_view = views_current_view,
	.counters = views_counters,
};
EXPORT_SYMBOL_IF_KUNIT(cordon_views_backend);
