// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 2
// EXPECT: pass
/*
 * No stale data translations: a write that view A allowed (and the TLB
 * now caches) must fault after VMFUNC to view B where the frame is
 * read-only, and after SET_ACCESS takes the write permission away in the
 * current view. No INVLPG or CR3 write happens in between: avoiding the
 * stale entry is the emulator's job. A read-only entry cached in B must
 * not block a write once back in A either. The SET_ACCESS comes from the
 * other vCPU, in view 0, as the kernel's would while a compartment runs.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static u8 data[PAGE_SIZE] PAGE_ALIGNED;

#define QUAL_RO (CORDON_VE_QUAL_WRITE | CORDON_VE_QUAL_READABLE | \
		 CORDON_VE_QUAL_GLA_VALID | CORDON_VE_QUAL_FINAL)

static void write_ok(u64 val, const char *what)
{
	struct trap_result r;

	try_write64(data, val, &r);
	check_trap(&r, NO_TRAP, "%s", what);
}

static void write_faults(long view, const char *what)
{
	struct trap_result r;

	try_write64(data, 0xbad, &r);
	check_ve_trap(&r, r.insn, what);
	check_ve_info(&ve, QUAL_RO, phys_of(data), phys_of(data), view, what);
	check(*(volatile u64 *)data != 0xbad, "%s: no store", what);
	ve_release(&ve);
}

void test_main(void)
{
	struct trap_result r;
	long a, b;
	u64 val;

	views_enable();
	ve_setup(&ve);
	a = view_create_checked(CORDON_ACCESS_RWX);
	b = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(b, gfn_of(data), CORDON_ACCESS_R);

	view_switch(a);
	write_ok(1, "view A writes the frame");
	write_ok(2, "view A writes it again (cached translation)");
	view_switch(b);
	write_faults(b, "write in view B after a cached write in view A");

	try_read64(data, &val, &r);
	check(r.vector == NO_TRAP && val == 2, "view B reads the frame");
	view_switch(a);
	write_ok(3, "view A writes after view B cached a read-only entry");

	write_ok(4, "view A caches a writable entry once more");
	view_restrict_remote(a, gfn_of(data), CORDON_ACCESS_R);
	write_faults(a, "write after SET_ACCESS (by the other vCPU) made the current view read-only");
	view_switch(0);
}
