// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * An instruction fetch from a frame that is readable and writable but
 * not executable in the current view becomes #VE with RIP = the target,
 * and the qualification says fetch (not read), with R and W set.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 code[PAGE_SIZE] PAGE_ALIGNED;

#define OFF 0x40
#define QUAL (CORDON_VE_QUAL_FETCH | CORDON_VE_QUAL_READABLE | \
	      CORDON_VE_QUAL_WRITABLE | CORDON_VE_QUAL_GLA_VALID | \
	      CORDON_VE_QUAL_FINAL)

/* mov $0x5a5a5a5a, %eax; ret */
static const u8 snippet[] = { 0xb8, 0x5a, 0x5a, 0x5a, 0x5a, 0xc3 };

void test_main(void)
{
	u8 *alias = map_alias(2, phys_of(code));
	struct trap_result r;
	u64 ret;
	u8 byte;
	long v;

	memcpy(code + OFF, snippet, sizeof(snippet));
	views_enable();
	ve_setup(&ve);
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, gfn_of(code), CORDON_ACCESS_R | CORDON_ACCESS_W);

	view_switch(v);
	try_call(alias + OFF, &ret, &r);
	check_ve_trap(&r, (u64)alias + OFF, "call into an RW- frame");
	check_ve_info(&ve, QUAL, (u64)alias + OFF, phys_of(code) + OFF, v,
		      "call into an RW- frame");

	try_read8(alias + OFF, &byte, &r);
	check_trap(&r, NO_TRAP, "the view still reads the code as data");
	check_eq(byte, snippet[0], "and sees the instruction bytes");

	ve_release(&ve);
	view_switch(0);
	try_call(alias + OFF, &ret, &r);
	check_trap(&r, NO_TRAP, "view 0 executes the frame");
	check_eq(ret, 0x5a5a5a5a, "the code ran in view 0");
}
