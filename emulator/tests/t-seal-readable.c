// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * SEAL(view, gfn, count, CORDON_ACCESS_R): sealed, but every other view
 * may read the frames (docs/views-abi.md). Only the sealing view writes
 * them; no view may change their access; a view created later reads them
 * too; sealing them again must keep the readable choice; any other access
 * for the other views is refused.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static struct {
	u64 shared[PAGE_SIZE / 8];
	u64 after[PAGE_SIZE / 8];
} frames PAGE_ALIGNED;

#define QUAL_WRITE (CORDON_VE_QUAL_WRITE | CORDON_VE_QUAL_READABLE | \
		    CORDON_VE_QUAL_GLA_VALID | CORDON_VE_QUAL_FINAL)

void test_main(void)
{
	u64 gfn = gfn_of(frames.shared), *p = &frames.shared[2], val = 0;
	struct trap_result r;
	long sealer, other, later;

	views_enable();
	ve_setup(&ve);
	sealer = view_create_checked(CORDON_ACCESS_RWX);
	other = view_create_checked(CORDON_ACCESS_RWX);
	*p = 0x5a5a;

	check_ret(hc(CORDON_HC_SEAL, sealer, gfn, 1, CORDON_ACCESS_RWX),
		  -CORDON_EINVAL, "other views may keep read access only");
	check_ret(hc(CORDON_HC_SEAL, sealer, gfn, 1, CORDON_ACCESS_W),
		  -CORDON_EINVAL, "not write access");
	check_ret(hc(CORDON_HC_SEAL, sealer, gfn, 1, CORDON_ACCESS_R), 0,
		  "SEAL(%ld, %#lx, 1, R)", sealer, gfn);
	check_ret(view_get_access(sealer, gfn), CORDON_ACCESS_RWX,
		  "the sealing view keeps its access");
	check_ret(view_get_access(0, gfn), CORDON_ACCESS_R, "view 0 reads");
	check_ret(view_get_access(other, gfn), CORDON_ACCESS_R,
		  "view %ld reads", other);
	later = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(view_get_access(later, gfn), CORDON_ACCESS_R,
		  "a view created after SEAL reads");
	check_ret(view_set_access(0, gfn, CORDON_ACCESS_RWX), -CORDON_EACCES,
		  "view 0 cannot take write access back");
	check_ret(hc(CORDON_HC_SEAL, sealer, gfn, 1, 0), -CORDON_EACCES,
		  "sealing it again, unreadable, is refused");
	check_ret(hc(CORDON_HC_SEAL, sealer, gfn, 1, CORDON_ACCESS_R), 0,
		  "sealing it again as it was is not");
	check_ret(hc(CORDON_HC_SEAL, sealer, gfn_of(frames.after), 1), 0,
		  "the sealing view seals another frame, unreadable");
	check_ret(view_get_access(0, gfn_of(frames.after)), 0,
		  "which view 0 cannot read");

	/* A violation in view 0 is a #VE, not an exit: SVE stays adjustable. */
	check_ret(view_set_sve(0, gfn, 0), 0, "SET_SVE in view 0");
	try_read64(p, &val, &r);
	check(r.vector == NO_TRAP && val == 0x5a5a, "view 0 reads the frame");
	try_write64(p, 0xbad, &r);
	check_ve_trap(&r, r.insn, "write of a readable sealed frame in view 0");
	check_ve_info(&ve, QUAL_WRITE, (u64)p, phys_of(p), 0,
		      "write of a readable sealed frame in view 0");
	ve_release(&ve);

	view_switch(sealer);
	try_write64(p, 0x600d, &r);
	check(r.vector == NO_TRAP, "the sealing view writes the frame");
	view_switch(other);
	try_read64(p, &val, &r);
	check(r.vector == NO_TRAP && val == 0x600d,
	      "another view reads what it wrote");
	view_switch(0);
}
