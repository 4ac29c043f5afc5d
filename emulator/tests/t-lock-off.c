// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * LOCK while views are off keeps them off: SET_STATE(1) returns -EROFS
 * and views stay disabled, as the ABI's table of what a locked
 * configuration may do says (SET_STATE(1) only when already enabled).
 * Found by the host-side fuzzer (emulator/fuzz).
 */
#include "test.h"

void test_main(void)
{
	check_ret(hc(CORDON_HC_GET_STATE), 0, "views start disabled");
	check_ret(hc(CORDON_HC_LOCK), 0, "LOCK with views off");
	check_ret(hc(CORDON_HC_SET_STATE, 1), -CORDON_EROFS,
		  "SET_STATE(1) after LOCK");
	check_ret(hc(CORDON_HC_GET_STATE), 0, "views stay disabled");
	check_ret(view_create(CORDON_ACCESS_RWX), -CORDON_ENODEV,
		  "CREATE_VIEW with views off");
}
