// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: exit 64 /cordon-views: EPT violation exit: vcpu=0 view=1 .*access=write .*not converted to #VE: suppress-#VE set/
/*
 * Suppress-#VE is 1 by default, in view 0 and in new views (Xen's rule),
 * and a violation on a frame with suppress-#VE = 1 is never converted to
 * #VE: it takes the violation exit even though #VE is enabled and the
 * busy word is clear.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
	u64 gfn = gfn_of(data);
	struct trap_result r;
	long v;

	views_enable();
	ve_setup(&ve);
	check_ret(view_get_sve(0, gfn), 1, "view 0: suppress-#VE is 1 by default");
	v = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(view_get_sve(v, gfn), 1, "new view: suppress-#VE is 1 by default");

	check_ret(view_set_sve(v, gfn, 0), 0, "SET_SVE(%ld, %#lx, 0)", v, gfn);
	check_ret(view_get_sve(v, gfn), 0, "GET_SVE reads back 0");
	check_ret(view_set_sve(v, gfn, 1), 0, "SET_SVE(%ld, %#lx, 1)", v, gfn);
	check_ret(view_get_sve(v, gfn), 1, "GET_SVE reads back 1");
	check_ret(view_set_access(v, gfn, CORDON_ACCESS_R), 0,
		  "frame made read-only in view %ld", v);
	check_ret(view_get_sve(v, gfn), 1, "SET_ACCESS leaves suppress-#VE alone");
	check_eq(ve.busy, 0, "busy word clear: only suppress-#VE blocks #VE");

	view_switch(v);
	exit_expected("write to a read-only frame with suppress-#VE = 1");
	try_write64(data, 1, &r);
	exit_missed(&r, "write with suppress-#VE = 1");
}
