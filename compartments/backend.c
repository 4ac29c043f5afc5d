// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - backend for the views ABI of Cordon's QEMU extension
 */

#include "common.h"

#include <linux/cordon-views-abi.h>
#include <linux/errno.h>
#include <asm/processor.h>
#include <kunit/visibility.h>
#include <linux/module.h>

#include "backend.h"

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

const struct cordon_backend_ops cordon_views_backend = {
	.name = "cordon-views",
	.probe = views_probe,
};
EXPORT_SYMBOL_IF_KUNIT(cordon_views_backend);
