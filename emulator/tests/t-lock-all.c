// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * Every operation after LOCK (docs/views-abi.md, "What a locked
 * configuration may still do"). Refused with -EROFS and changing nothing:
 * anything that adds, removes, seals, freezes or hides memory or views,
 * moves a vCPU between views other than by VMFUNC, or changes how
 * violations are reported (suppress-#VE, VE_DISABLE, moving the #VE
 * information area). Still allowed: access changes outside sealed and
 * frozen frames (the kernel's grants and revocations), the queries, the
 * counters, and a vCPU's first VE_ENABLE (a CPU brought up late).
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static struct ve_info moved_ve PAGE_ALIGNED;
static struct { u64 ctr[CORDON_CTR_NR]; } counters PAGE_ALIGNED;
static u8 data[2][PAGE_SIZE] PAGE_ALIGNED;

void test_main(void)
{
	u64 gfn = gfn_of(data);
	struct trap_result r;
	long v, sealer;

	views_enable();
	v = view_create_checked(CORDON_ACCESS_RWX);
	sealer = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(hc(CORDON_HC_LOCK), 0, "LOCK");

	/* A CPU that comes up after LOCK registers its area, once. */
	memset(&ve, 0, sizeof(ve));
	check_ret(hc(CORDON_HC_VE_ENABLE, phys_of(&ve)), 0,
		  "the first VE_ENABLE of a vCPU after LOCK");
	check_ret(hc(CORDON_HC_VE_ENABLE, phys_of(&moved_ve)), -CORDON_EROFS,
		  "moving the #VE information area after LOCK");

	check_ret(hc(CORDON_HC_SEAL, sealer, gfn, 1), -CORDON_EROFS, "SEAL");
	check_ret(hc(CORDON_HC_FREEZE, gfn, 1), -CORDON_EROFS, "FREEZE");
	check_ret(hc(CORDON_HC_SWITCH_VIEW, v), -CORDON_EROFS, "SWITCH_VIEW");
	check_ret(hc(CORDON_HC_VE_DISABLE), -CORDON_EROFS, "VE_DISABLE");
	check_ret(view_set_sve(v, gfn, 0), -CORDON_EROFS, "SET_SVE");
	check_ret(hc(CORDON_HC_SET_SVE_RANGE, v, gfn, 2, 0), -CORDON_EROFS,
		  "SET_SVE_RANGE");
	check_ret(view_create(CORDON_ACCESS_RWX), -CORDON_EROFS, "CREATE_VIEW");
	check_ret(hc(CORDON_HC_DESTROY_VIEW, v), -CORDON_EROFS, "DESTROY_VIEW");
	check_ret(hc(CORDON_HC_SET_VISIBILITY, v, 0), -CORDON_EROFS,
		  "SET_VISIBILITY");
	check_ret(hc(CORDON_HC_SET_STATE, 0), -CORDON_EROFS, "SET_STATE(0)");
	check_ret(hc(CORDON_HC_SET_AEX, v, 0), -CORDON_EROFS, "SET_AEX");
	check_ret(hc(CORDON_HC_SET_NMI_LATCH, 0, phys_of(data[1])), -CORDON_EROFS,
		  "SET_NMI_LATCH");

	/* Nothing changed. */
	check_ret(view_current(), 0, "still in view 0");
	check_ret(view_get_access(0, gfn), CORDON_ACCESS_RWX,
		  "not sealed: view 0 keeps its access");
	check_ret(view_get_sve(v, gfn), 1, "suppress-#VE unchanged");
	check_ret(view_set_access(v, gfn, CORDON_ACCESS_R), 0,
		  "not frozen: SET_ACCESS still works");
	try_vmfunc(0, v, &r);
	check_trap(&r, NO_TRAP, "VMFUNC into view %ld still works", v);
	try_vmfunc(0, 0, &r);
	check_trap(&r, NO_TRAP, "and back");

	/* Still allowed. */
	check_ret(hc(CORDON_HC_SET_ACCESS_RANGE, v, gfn, 2, CORDON_ACCESS_RWX),
		  0, "SET_ACCESS_RANGE (grants)");
	check_ret(view_get_access(v, gfn), CORDON_ACCESS_RWX, "GET_ACCESS");
	check_ret(view_get_sve(v, gfn), 1, "GET_SVE");
	check_ret(hc(CORDON_HC_GET_STATE), 1, "GET_STATE");
	check_ret(hc(CORDON_HC_GET_COUNTERS, phys_of(&counters)), 0,
		  "GET_COUNTERS");
	check_ret(hc(CORDON_HC_RESET_COUNTERS), 0, "RESET_COUNTERS");
	check(hc(CORDON_HC_GET_HOST_MEMORY) > 0, "GET_HOST_MEMORY");
	check_ret(hc(CORDON_HC_LOCK), 0, "LOCK again");
}
