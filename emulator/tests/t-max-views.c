// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on,cordon-views-count=512 -smp 1
// EXPECT: pass
/*
 * The largest configuration: 512 views, the size of a real EPTP list.
 * CREATE_VIEW hands out the lowest free slot, 1 to 511, then -ENOSPC;
 * VMFUNC reaches view 511 but not 512; a freed slot is reused first.
 */
#include "test.h"

static u8 data[PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
	struct trap_result r;
	long i, v, wrong = 0;

	check_eq(views_require(), CORDON_VIEWS_MAX, "CPUID reports 512 views");
	views_enable();

	for (i = 1; i < CORDON_VIEWS_MAX; i++) {
		v = view_create(CORDON_ACCESS_RWX);
		if (v != i && !wrong++)
			note("CREATE_VIEW number %ld returned %ld", i, v);
	}
	check_eq(wrong, 0, "CREATE_VIEW returns 1 to 511 in order");
	check_ret(view_create(CORDON_ACCESS_RWX), -CORDON_ENOSPC,
		  "CREATE_VIEW with all 512 slots in use");

	check_ret(view_set_access(511, gfn_of(data), CORDON_ACCESS_R), 0,
		  "SET_ACCESS in view 511");
	check_ret(view_get_access(511, gfn_of(data)), CORDON_ACCESS_R,
		  "GET_ACCESS in view 511");
	view_switch(511);
	try_vmfunc(0, 512, &r);
	check_trap(&r, 6, "VMFUNC(0, 512): #UD");
	view_switch(0);

	check_ret(hc(CORDON_HC_DESTROY_VIEW, 300), 0, "DESTROY_VIEW(300)");
	check_ret(view_create(CORDON_ACCESS_RWX), 300, "the freed slot is reused");
}
