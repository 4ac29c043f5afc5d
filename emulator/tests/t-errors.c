// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on,cordon-views-count=4 -smp 1
// EXPECT: pass
/*
 * Error returns of the control plane, each case on its own, and that a
 * refused call changes nothing. The runner gives the guest 128 MiB, so
 * frame 0x20000 (512 MiB) is beyond RAM.
 */
#include "test.h"

static u8 data[PAGE_SIZE] PAGE_ALIGNED;
static struct ve_info ve PAGE_ALIGNED;

#define RAM_FRAMES	(128ul << 20 >> 12)
#define BEYOND_RAM	0x20000ul

static void check_unknown_ops(void)
{
	static const u64 ops[] = { 0, 17, 31, CORDON_HC_LAST + 1, 99,
				    0x100000000ull, ~0ull };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++)
		check_ret(hc(ops[i]), -CORDON_ENOSYS, "unknown op %#lx", ops[i]);
	check_ret(hc(CORDON_HC_CHANGE_GFN, 1, 1, 2), -CORDON_ENOSYS,
		  "CHANGE_GFN is not supported");
}

static void check_bad_views(long v1)
{
	u64 gfn = gfn_of(data);

	check_ret(view_set_access(4, gfn, CORDON_ACCESS_R), -CORDON_EINVAL,
		  "SET_ACCESS on view index = count");
	check_ret(view_set_access(~0l, gfn, CORDON_ACCESS_R), -CORDON_EINVAL,
		  "SET_ACCESS on view index ~0");
	check_ret(view_set_access(v1 + 1, gfn, CORDON_ACCESS_R), -CORDON_EINVAL,
		  "SET_ACCESS on a view never created");
	check_ret(view_get_access(v1 + 1, gfn), -CORDON_EINVAL,
		  "GET_ACCESS on a view never created");
	check_ret(view_set_sve(v1 + 1, gfn, 0), -CORDON_EINVAL,
		  "SET_SVE on a view never created");
	check_ret(hc(CORDON_HC_DESTROY_VIEW, v1 + 1), -CORDON_EINVAL,
		  "DESTROY_VIEW of a view never created");
	check_ret(hc(CORDON_HC_DESTROY_VIEW, 0), -CORDON_EINVAL,
		  "DESTROY_VIEW of view 0");
	check_ret(hc(CORDON_HC_SET_VISIBILITY, v1 + 1, 1), -CORDON_EINVAL,
		  "SET_VISIBILITY of a view never created");
	check_ret(hc(CORDON_HC_SWITCH_VIEW, v1 + 1), -CORDON_EINVAL,
		  "SWITCH_VIEW to a view never created");
	check_ret(hc(CORDON_HC_SEAL, v1 + 1, gfn, 1), -CORDON_EINVAL,
		  "SEAL in a view never created");
}

static void check_bad_access(long v1)
{
	u64 gfn = gfn_of(data);

	check_ret(view_set_access(v1, gfn, CORDON_ACCESS_W), -CORDON_EINVAL,
		  "SET_ACCESS write without read");
	check_ret(view_set_access(v1, gfn, CORDON_ACCESS_W | CORDON_ACCESS_X),
		  -CORDON_EINVAL, "SET_ACCESS write+execute without read");
	check_ret(view_set_access(v1, gfn, CORDON_ACCESS_ALL + 1), -CORDON_EINVAL,
		  "SET_ACCESS with an unknown access bit");
	check_ret(view_create(CORDON_ACCESS_W), -CORDON_EINVAL,
		  "CREATE_VIEW with write without read");
	check_ret(view_get_access(v1, gfn), CORDON_ACCESS_RWX,
		  "refused SET_ACCESS calls changed nothing");
}

static void check_bad_flags(long v1)
{
	u64 gfn = gfn_of(data);

	check_ret(hc(CORDON_HC_SET_STATE, 2), -CORDON_EINVAL, "SET_STATE(2)");
	check_ret(view_set_sve(v1, gfn, 2), -CORDON_EINVAL, "SET_SVE with 2");
	check_ret(hc(CORDON_HC_SET_VISIBILITY, v1, 2), -CORDON_EINVAL,
		  "SET_VISIBILITY with 2");
	check_ret(hc(CORDON_HC_SET_ACCESS_RANGE, v1, gfn, 0, CORDON_ACCESS_R),
		  -CORDON_EINVAL, "SET_ACCESS_RANGE with count 0");
	check_ret(hc(CORDON_HC_SEAL, v1, gfn, 0), -CORDON_EINVAL,
		  "SEAL with count 0");
	check_ret(view_get_sve(v1, gfn), 1, "refused flag calls changed nothing");
}

static void check_frames(long v1)
{
	check_ret(view_set_access(v1, BEYOND_RAM, CORDON_ACCESS_R),
		  -CORDON_ERANGE, "SET_ACCESS beyond RAM");
	check_ret(view_get_access(v1, BEYOND_RAM), -CORDON_ERANGE,
		  "GET_ACCESS beyond RAM");
	check_ret(view_set_sve(v1, BEYOND_RAM, 0), -CORDON_ERANGE,
		  "SET_SVE beyond RAM");
	check_ret(view_get_sve(v1, BEYOND_RAM), -CORDON_ERANGE,
		  "GET_SVE beyond RAM");
	check_ret(hc(CORDON_HC_SET_ACCESS_RANGE, v1, RAM_FRAMES - 1, 2,
		     CORDON_ACCESS_R), -CORDON_ERANGE,
		  "SET_ACCESS_RANGE running past the end of RAM");
	check_ret(view_get_access(v1, RAM_FRAMES - 1), CORDON_ACCESS_RWX,
		  "the refused range left its first frame alone");
	check_ret(hc(CORDON_HC_SEAL, v1, BEYOND_RAM, 1), -CORDON_ERANGE,
		  "SEAL beyond RAM");
	check_ret(hc(CORDON_HC_VE_ENABLE, BEYOND_RAM << 12), -CORDON_ERANGE,
		  "VE_ENABLE beyond RAM");
	check_ret(hc(CORDON_HC_VE_ENABLE, phys_of(&ve) + 8), -CORDON_EINVAL,
		  "VE_ENABLE of an unaligned area");

	/* The start frame is in RAM: only the wrap is wrong. */
	check_ret(hc(CORDON_HC_SET_ACCESS_RANGE, v1, 1, ~0ull, CORDON_ACCESS_R),
		  -CORDON_EOVERFLOW, "SET_ACCESS_RANGE with gfn + count wrapping");
	check_ret(hc(CORDON_HC_SET_SVE_RANGE, v1, 1, ~0ull, 0),
		  -CORDON_EOVERFLOW, "SET_SVE_RANGE with gfn + count wrapping");
	check_ret(hc(CORDON_HC_SEAL, v1, 16, ~0ull - 7), -CORDON_EOVERFLOW,
		  "SEAL with gfn + count wrapping");
	check_ret(view_get_access(v1, 1), CORDON_ACCESS_RWX,
		  "refused range calls changed nothing");
}

static void check_slots(long v1)
{
	long v2, v3;

	v2 = view_create_checked(CORDON_ACCESS_R);
	check_ret(view_get_access(v2, gfn_of(data)), CORDON_ACCESS_R,
		  "a new view's frames have its default access");
	v3 = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(view_create(CORDON_ACCESS_RWX), -CORDON_ENOSPC,
		  "CREATE_VIEW with all %d slots in use", 4);

	view_switch(v3);
	check_ret(hc(CORDON_HC_DESTROY_VIEW, v3), -CORDON_EPERM,
		  "DESTROY_VIEW from inside the view (not view 0)");
	view_switch(0);
	check_ret(hc(CORDON_HC_DESTROY_VIEW, v3), 0,
		  "DESTROY_VIEW once no vCPU uses it");
	check_ret(view_create(CORDON_ACCESS_RWX), v3, "its slot is reused");
}

void test_main(void)
{
	long v1;

	views_require();
	check_ret(hc(CORDON_HC_GET_STATE), 0, "views start disabled");
	check_ret(view_create(CORDON_ACCESS_RWX), -CORDON_ENODEV,
		  "CREATE_VIEW before SET_STATE(1)");
	views_enable();

	check_unknown_ops();
	v1 = view_create_checked(CORDON_ACCESS_RWX);
	check_bad_views(v1);
	check_bad_access(v1);
	check_bad_flags(v1);
	check_frames(v1);
	check_slots(v1);
}
