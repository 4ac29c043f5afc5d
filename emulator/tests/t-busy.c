// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: exit 64 /cordon-views: EPT violation exit: vcpu=0 view=1 .*access=write .*not converted to #VE: #VE information area busy/
/*
 * After a #VE the busy word in the information area is 0xFFFFFFFF; while
 * software leaves it set, the next violation is not converted to #VE but
 * takes the violation exit.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
	struct trap_result r;
	long v;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(data), CORDON_ACCESS_R);

	view_switch(v);
	try_write64(data, 1, &r);
	check_ve_trap(&r, r.insn, "first write to a read-only frame");
	check_eq(ve.busy, CORDON_VE_BUSY, "the #VE set the busy word");

	exit_expected("second violation with the busy word still set");
	try_write64(data + 8, 2, &r);
	exit_missed(&r, "violation with busy word set");
}
