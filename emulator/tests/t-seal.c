// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * SEAL(view, gfn, count) makes the sealing view the only one in which
 * those frames are accessible, for good (docs/views-abi.md):
 * - every other view, existing or created later, has no access to them,
 *   and no view may change their access any more (-EACCES); suppress-#VE
 *   stays adjustable in the other views, as it only picks #VE or exit;
 * - the sealing view becomes immutable, cannot be destroyed or hidden,
 *   and views cannot be disabled any more;
 * - view 0 cannot seal, frames sealed by another view are refused, and a
 *   view may seal more frames of its own.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static struct {
	u8 sealed[2][PAGE_SIZE];
	u8 after[PAGE_SIZE];
} frames PAGE_ALIGNED;

#define QUAL_NONE (CORDON_VE_QUAL_READ | CORDON_VE_QUAL_GLA_VALID | \
		   CORDON_VE_QUAL_FINAL)

static void check_no_access(long sealer, long other)
{
	u64 gfn = gfn_of(frames.sealed);
	long later;

	check_ret(view_get_access(sealer, gfn), CORDON_ACCESS_RWX,
		  "the sealing view keeps its access");
	check_ret(view_get_access(0, gfn), 0, "view 0 loses access");
	check_ret(view_get_access(other, gfn + 1), 0, "view %ld loses access",
		  other);
	later = view_create_checked(CORDON_ACCESS_RWX);
	check_ret(view_get_access(later, gfn), 0,
		  "a view created after SEAL has no access");
}

static void check_frames_frozen(long sealer, long other)
{
	u64 gfn = gfn_of(frames.sealed);
	long views[] = { 0, other };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(views); i++) {
		check_ret(view_set_access(views[i], gfn + 1, CORDON_ACCESS_RWX),
			  -CORDON_EACCES, "SET_ACCESS on a sealed frame in view %ld",
			  views[i]);
		check_ret(hc(CORDON_HC_SET_ACCESS_RANGE, views[i], gfn + 1, 2,
			     CORDON_ACCESS_R), -CORDON_EACCES,
			  "SET_ACCESS_RANGE over a sealed frame in view %ld",
			  views[i]);
	}
	check_ret(view_get_access(other, gfn_of(frames.after)),
		  CORDON_ACCESS_RWX, "the refused range changed nothing");
	check_ret(view_set_access(other, gfn_of(frames.after), CORDON_ACCESS_R),
		  0, "the frame after the sealed range is still adjustable");
	check_ret(view_set_sve(other, gfn + 1, 0), 0,
		  "SET_SVE on a sealed frame stays allowed in view %ld", other);
}

static void check_sealer_frozen(long sealer)
{
	u64 gfn = gfn_of(frames.sealed);

	check_ret(view_set_access(sealer, gfn, CORDON_ACCESS_R), -CORDON_EACCES,
		  "SET_ACCESS on a sealed frame in the sealing view");
	check_ret(view_set_access(sealer, gfn_of(frames.after), CORDON_ACCESS_R),
		  -CORDON_EACCES, "SET_ACCESS on any frame of the sealing view");
	check_ret(view_set_sve(sealer, gfn, 0), -CORDON_EACCES,
		  "SET_SVE in the sealing view");
	check_ret(hc(CORDON_HC_DESTROY_VIEW, sealer), -CORDON_EACCES,
		  "DESTROY_VIEW of the sealing view");
	check_ret(hc(CORDON_HC_SET_VISIBILITY, sealer, 0), -CORDON_EACCES,
		  "hiding the sealing view");
	check_ret(hc(CORDON_HC_SET_STATE, 0), -CORDON_EACCES,
		  "disabling views while something is sealed");
}

static void check_seal_calls(long sealer, long other)
{
	u64 gfn = gfn_of(frames.sealed);

	check_ret(hc(CORDON_HC_SEAL, 0, gfn_of(frames.after), 1), -CORDON_EINVAL,
		  "view 0 cannot seal");
	check_ret(hc(CORDON_HC_SEAL, other, gfn, 1), -CORDON_EACCES,
		  "another view cannot seal the same frame");
	check_ret(hc(CORDON_HC_SEAL, sealer, gfn_of(frames.after), 1), 0,
		  "the sealing view may seal one more frame");
	check_ret(view_get_access(other, gfn_of(frames.after)), 0,
		  "which the other views then lose");
}

static void check_accesses(long sealer, long other)
{
	u8 *p = &frames.sealed[1][0x10];
	struct trap_result r;
	u8 val;

	view_switch(sealer);
	try_read8(p, &val, &r);
	check(r.vector == NO_TRAP && val == 0x99,
	      "the sealing view reads the sealed frame");

	view_switch(other);
	try_read8(p, &val, &r);
	check_ve_trap(&r, r.insn, "read of a sealed frame in another view");
	check_ve_info(&ve, QUAL_NONE, (u64)p, phys_of(p), other,
		      "read of a sealed frame in another view");
	ve_release(&ve);
	view_switch(0);
}

void test_main(void)
{
	long sealer, other;

	views_enable();
	ve_setup(&ve);
	sealer = view_create_checked(CORDON_ACCESS_RWX);
	other = view_create_checked(CORDON_ACCESS_RWX);
	frames.sealed[1][0x10] = 0x99;

	check_ret(hc(CORDON_HC_SEAL, sealer, gfn_of(frames.sealed), 2), 0,
		  "SEAL(%ld, %#lx, 2)", sealer, gfn_of(frames.sealed));
	check_no_access(sealer, other);
	check_frames_frozen(sealer, other);
	check_sealer_frozen(sealer);
	check_seal_calls(sealer, other);
	check_accesses(sealer, other);
}
