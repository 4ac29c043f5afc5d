// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - a compartment compiled from C with a VMFUNC gadget in it, for
 * KUnit (CONFIG_CORDON_TEST_COMPARTMENT)
 *
 * The build-time verifier would fail the build on it; security/cordon/
 * kbuild.mk tells it to warn instead, for this compartment only, so that
 * the boot-time scan meets the gadget too. The scan refuses the compartment
 * (compartments/compiled.c); compiled_test.c checks that its code never
 * ran, in any view, and that the other compartments were set up.
 */

#include "compiled_test.h"

/* What a compromised driver would do: switch to a view of its choosing. */
static long cg_run(long view)
{
	asm volatile("vmfunc" : : "a"(0), "c"(view) : "memory");
	return CG_RAN;
}

const struct cordon_cgadget_ops cordon_cgadget_ops = {
	.run = cg_run,
};
