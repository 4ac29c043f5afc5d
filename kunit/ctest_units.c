// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - the second unit of the KUnit compartment ctest
 * (CONFIG_CORDON_TEST_COMPARTMENT)
 *
 * A compartment may be built from several files of one directory
 * (compartments/kbuild.mk). Its manifest covers all of them: the ops table
 * in ctest_compartment.c names ct_compiler() of this file, and calls
 * between the two units, of an entry point (ct_sum()) or not
 * (ct_twice()), stay inside the compartment.
 */

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/jump_label.h>

#include "compiled_test.h"

/* This unit's data, which the other reads. */
long ct_units_calls;

/*
 * Code the compiler adds: a static branch on a kernel key, which the pass
 * makes a test of the key; a stack buffer overrun by @a bytes, which the
 * stack protector, with the compartment's own guard, catches; or a
 * WARN_ON(@a), a trap in place. And calls into the other unit.
 */
long ct_compiler(long what, long a)
{
	char local[16];
	char *p = local;
	long i;

	if (what == CT_STATIC_BRANCH)
		return static_branch_unlikely(&cordon_ctest_key) ? a * 7 : a;
	if (what == CT_WARN)
		return WARN_ON(a);
	if (what == CT_UNITS) {
		ct_units_calls++;
		return ct_sum(a, 0, 0) + ct_twice(a);
	}
	/* So that the compiler cannot see the overrun. */
	OPTIMIZER_HIDE_VAR(p);
	for (i = 0; i < a; i++)
		p[i] = 0x5a;
	return READ_ONCE(p[0]) + a;
}
