// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * LOCK freezes the set of views: CREATE_VIEW, DESTROY_VIEW,
 * SET_VISIBILITY and disabling views return -EROFS and change nothing.
 * LOCK is idempotent. Switching between the existing views, and access
 * changes, keep working.
 */
#include "test.h"

static u8 data[PAGE_SIZE] PAGE_ALIGNED;

static void check_switch(long view, int vector, const char *what)
{
	struct trap_result r;

	try_vmfunc(0, view, &r);
	check_trap(&r, vector, "VMFUNC(0, %ld) after LOCK: %s", view, what);
}

void test_main(void)
{
	long v1, v2, hidden;

	views_enable();
	v1 = view_create_checked(CORDON_ACCESS_RWX);
	v2 = view_create_checked(CORDON_ACCESS_RWX);
	hidden = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(hc(CORDON_HC_SET_VISIBILITY, hidden, 0), 0, "hide view %ld",
		  hidden);

	check_ret(hc(CORDON_HC_LOCK), 0, "LOCK");
	check_ret(view_create(CORDON_ACCESS_RWX), -CORDON_EROFS, "CREATE_VIEW");
	check_ret(hc(CORDON_HC_DESTROY_VIEW, v2), -CORDON_EROFS, "DESTROY_VIEW");
	check_ret(hc(CORDON_HC_SET_VISIBILITY, v1, 0), -CORDON_EROFS,
		  "SET_VISIBILITY(%ld, 0)", v1);
	check_ret(hc(CORDON_HC_SET_VISIBILITY, hidden, 1), -CORDON_EROFS,
		  "SET_VISIBILITY(%ld, 1)", hidden);
	check_ret(hc(CORDON_HC_SET_STATE, 0), -CORDON_EROFS, "SET_STATE(0)");
	check_ret(hc(CORDON_HC_GET_STATE), 1, "views stay enabled");
	check_ret(hc(CORDON_HC_LOCK), 0, "LOCK again (idempotent)");

	check_switch(v1, NO_TRAP, "still visible");
	check_switch(v2, NO_TRAP, "not destroyed");
	check_switch(hidden, 6, "still hidden");
	check_switch(0, NO_TRAP, "back to view 0");
	check_ret(view_create(CORDON_ACCESS_RWX), -CORDON_EROFS,
		  "CREATE_VIEW still refused");

	check_ret(view_set_access(v1, gfn_of(data), CORDON_ACCESS_R), 0,
		  "SET_ACCESS is still allowed");
	check_ret(view_get_access(v1, gfn_of(data)), CORDON_ACCESS_R,
		  "and takes effect");
}
