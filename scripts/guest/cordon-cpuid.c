// SPDX-License-Identifier: GPL-2.0
/*
 * cordon-cpuid: report the views leaf of the hypervisor, from user space.
 * Usage: cordon-cpuid [-q]; exit 0 if views are advertised, 1 if not.
 */
#include <cpuid.h>
#include <stdio.h>
#include <string.h>

#include "../../compartments/include/linux/cordon-views-abi.h"

int main(int argc, char **argv)
{
	unsigned int a, b, c, d, base, sig[3];
	int quiet = argc > 1 && !strcmp(argv[1], "-q");

	__cpuid(1, a, b, c, d);
	if (!(c & (1u << 31))) {
		if (!quiet)
			printf("no hypervisor bit in CPUID.1:ECX\n");
		return 1;
	}
	for (base = 0x40000000; base < 0x40010000; base += 0x100) {
		__cpuid(base, a, sig[0], sig[1], sig[2]);
		if (memcmp(sig, CORDON_VIEWS_CPUID_SIG, 12))
			continue;
		__cpuid(base + 1, a, b, c, d);
		if (!quiet)
			printf("views leaf at %#x: ABI %u, %u views, features %#x\n",
			       base, a, b, c);
		return 0;
	}
	if (!quiet)
		printf("hypervisor offers no views (no \"%s\" leaf)\n",
		       CORDON_VIEWS_CPUID_SIG);
	return 1;
}
