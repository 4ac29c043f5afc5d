// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on,cordon-views-count=513 -smp 1
// EXPECT: exit 1 /cordon-views-count=513 is out of range/
/*
 * cordon-views-count above CORDON_VIEWS_MAX (512) is refused when QEMU
 * starts, with a message naming the property. Reaching the guest at all
 * is the failure.
 */
#include "test.h"

void test_main(void)
{
	tap_bail("QEMU started a guest with cordon-views-count=513 (%u views)",
		 cpuid(CORDON_VIEWS_CPUID_INFO, 0).ebx);
}
