// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * A data read of a frame the current view cannot read becomes #VE when
 * the frame's suppress-#VE bit is 0: a fault at the load, no error code,
 * and the information area holds reason 48, busy, the qualification
 * (read; the view grants nothing; linear address valid; final
 * translation), the exact linear and physical addresses and the view.
 * The frame is reached through an alias so that GLA and GPA differ.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

#define QUAL (CORDON_VE_QUAL_READ | CORDON_VE_QUAL_GLA_VALID | \
	      CORDON_VE_QUAL_FINAL)

static void read_violation(long view, u8 *alias, u32 off, const char *what)
{
	struct trap_result r;
	u8 val = 0;

	try_read8(alias + off, &val, &r);
	check_ve_trap(&r, r.insn, what);
	check_ve_info(&ve, QUAL, (u64)alias + off, phys_of(data) + off, view,
		      what);
	check_eq(val, 0, "%s: the load delivered no data", what);
}

void test_main(void)
{
	u8 *alias = map_alias(0, phys_of(data));
	struct trap_result r;
	long v;
	u8 val;

	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(data), 0);
	check_ret(view_get_access(v, gfn_of(data)), 0, "GET_ACCESS reads back 0");
	check_ret(view_get_sve(v, gfn_of(data)), 0, "GET_SVE reads back 0");
	data[0x123] = 0x77;

	view_switch(v);
	read_violation(v, alias, 0x123, "read of a no-access frame");
	check_ret(view_current(), v, "#VE leaves the view unchanged");

	ve_release(&ve);
	read_violation(v, alias, 0xffe, "second read after clearing busy");

	ve_release(&ve);
	view_switch(0);
	try_read8(alias + 0x123, &val, &r);
	check_trap(&r, NO_TRAP, "view 0 still reads the frame");
	check_eq(val, 0x77, "view 0 reads the frame's content");
	check_eq(ve.busy, 0, "no #VE in view 0");
}
