// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * FREEZE keeps every view's access to the frames as it is, for good:
 * SET_ACCESS on them is refused in every view, they cannot be sealed,
 * views created later get no access to them, and views can no longer be
 * disabled. Suppress-#VE stays settable. This is what keeps shared gate
 * code executable everywhere and writable nowhere.
 */
#include "test.h"

static u8 code[PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
	long v1, v2;

	views_enable();
	v1 = view_create_checked(CORDON_ACCESS_R);
	check_ret(view_set_access(0, gfn_of(code), CORDON_ACCESS_R |
				  CORDON_ACCESS_X), 0, "view 0: code R-X");
	check_ret(view_set_access(v1, gfn_of(code), CORDON_ACCESS_R |
				  CORDON_ACCESS_X), 0, "view %ld: code R-X", v1);

	check_ret(hc(CORDON_HC_FREEZE, gfn_of(code), 1), 0, "FREEZE");
	check_ret(view_set_access(0, gfn_of(code), CORDON_ACCESS_RWX),
		  -CORDON_EACCES, "view 0 cannot make frozen code writable");
	check_ret(view_set_access(v1, gfn_of(code), CORDON_ACCESS_R),
		  -CORDON_EACCES, "view %ld cannot change it either", v1);
	check_ret(hc(CORDON_HC_SET_ACCESS_RANGE, 0, gfn_of(code) - 1, 3,
		     CORDON_ACCESS_RWX), -CORDON_EACCES,
		  "a range covering it is refused whole");
	check_ret(view_get_access(0, gfn_of(code) - 1), CORDON_ACCESS_RWX,
		  "and changed nothing");
	check_ret(view_get_access(0, gfn_of(code)),
		  CORDON_ACCESS_R | CORDON_ACCESS_X, "view 0 keeps R-X");
	check_ret(view_get_access(v1, gfn_of(code)),
		  CORDON_ACCESS_R | CORDON_ACCESS_X, "view %ld keeps R-X", v1);
	check_ret(hc(CORDON_HC_SEAL, v1, gfn_of(code), 1), -CORDON_EACCES,
		  "frozen frames cannot be sealed");
	check_ret(view_set_sve(v1, gfn_of(code), 0), 0,
		  "suppress-#VE stays settable");
	check_ret(hc(CORDON_HC_FREEZE, gfn_of(code), 1), 0,
		  "FREEZE again is harmless");

	v2 = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(view_get_access(v2, gfn_of(code)), 0,
		  "a later view gets no access to frozen frames");
	check_ret(hc(CORDON_HC_SET_STATE, 0), -CORDON_EACCES,
		  "views cannot be disabled with frozen frames");
	check_ret(hc(CORDON_HC_FREEZE, 0, 0), -CORDON_EINVAL, "zero count");
}
