// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on,cordon-views-count=37 -smp 1
// EXPECT: pass
/*
 * Discovery: the views leaf is found by the documented scan, and reports
 * the ABI version, the configured number of views and the feature bits.
 */
#include "test.h"

static u32 find_views_leaf(void)
{
	u32 leaf;

	for (leaf = 0x40000000; leaf < 0x40010000; leaf += 0x100) {
		struct cpuid_regs r = cpuid(leaf, 0);

		if (r.ebx == CORDON_VIEWS_CPUID_SIG_EBX &&
		    r.ecx == CORDON_VIEWS_CPUID_SIG_ECX &&
		    r.edx == CORDON_VIEWS_CPUID_SIG_EDX)
			return leaf;
	}
	return 0;
}

void test_main(void)
{
	struct cpuid_regs base = cpuid(CORDON_VIEWS_CPUID_BASE, 0);
	struct cpuid_regs info = cpuid(CORDON_VIEWS_CPUID_INFO, 0);

	/* Guests only scan the hypervisor leaves when this bit is set. */
	check(cpuid(1, 0).ecx & (1u << 31), "CPUID.1:ECX.hypervisor is set");
	check_eq(find_views_leaf(), CORDON_VIEWS_CPUID_BASE,
		 "the scan finds the views leaf at its base first");
	check_eq(base.ebx, CORDON_VIEWS_CPUID_SIG_EBX, "signature EBX \"Cord\"");
	check_eq(base.ecx, CORDON_VIEWS_CPUID_SIG_ECX, "signature ECX \"onVi\"");
	check_eq(base.edx, CORDON_VIEWS_CPUID_SIG_EDX, "signature EDX \"ews\\0\"");
	check_eq(base.eax, CORDON_VIEWS_CPUID_INFO, "base EAX is the highest leaf");
	check_eq(info.eax, CORDON_VIEWS_ABI_VERSION, "ABI version 1");
	check_eq(info.ebx, 37, "view count follows cordon-views-count=37");
	check_eq(info.ecx, CORDON_VIEWS_FEAT_VE | CORDON_VIEWS_FEAT_SEAL |
		 CORDON_VIEWS_FEAT_LOCK, "features: VE, SEAL, LOCK");
}
