// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: exit 64 /cordon-views: EPT violation exit: vcpu=0 view=1 .*access=read .*not converted to #VE: #VE not enabled on this vCPU/
/*
 * A violation becomes #VE only while the vCPU has an information area:
 * after VE_DISABLE the same read of a frame with suppress-#VE = 0, which
 * raised #VE a moment before, takes the violation exit.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 hidden[PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
	struct trap_result r;
	long v;
	u8 val;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(hidden), 0);

	view_switch(v);
	try_read8(hidden, &val, &r);
	view_switch(0);
	check_ve_trap(&r, r.insn, "a read the view hides, #VE enabled");
	ve_release(&ve);

	check_ret(hc(CORDON_HC_VE_DISABLE), 0, "VE_DISABLE");
	exit_expected("the same read with #VE disabled");
	view_switch(v);
	try_read8(hidden, &val, &r);
	exit_missed(&r, "a violation with #VE disabled");
}
