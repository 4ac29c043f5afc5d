// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 2
// EXPECT: pass
/*
 * Views are per vCPU. The BSP sits in view A, where a shared frame is
 * read-only, while the AP sits in view B, where it is writable, at the
 * same moment: the AP's writes succeed, the BSP's write raises #VE that
 * names view A, and neither processor's switch or #VE moves the other.
 * The processors step through stages in shared memory; only the BSP
 * reports.
 */
#include "test.h"

static struct ve_info bsp_ve PAGE_ALIGNED;
static struct ve_info ap_ve PAGE_ALIGNED;
static u8 shared[PAGE_SIZE] PAGE_ALIGNED;

#define AP_APIC_ID	1
#define TIMEOUT_MS	20000

static struct {
	long a, b;			/* views, set by the BSP */
	volatile int stage;
	long ap_view[2];		/* GET_VIEW on the AP, twice */
	int ap_write[2];		/* vector of the AP's writes */
	u32 ap_ve_reason;
} sh;

/* Publish the results stored so far, then move on to stage. */
static void set_stage(int stage)
{
	barrier();
	sh.stage = stage;
}

static void ap_wait(int stage)
{
	if (!wait_for(&sh.stage, stage, TIMEOUT_MS))
		for (;;)	/* the BSP reports the timeout */
			asm volatile("cli; hlt");
}

static void ap_body(void *arg)
{
	struct trap_result r;

	memset(&ap_ve, 0, sizeof(ap_ve));
	hc(CORDON_HC_VE_ENABLE, phys_of(&ap_ve));
	vmfunc(0, sh.b);
	set_stage(1);

	ap_wait(2);			/* the BSP is now in view A */
	sh.ap_view[0] = view_current();
	try_write64(shared, 0xa9, &r);
	sh.ap_write[0] = r.vector;
	set_stage(3);

	ap_wait(4);			/* the BSP took its #VE */
	sh.ap_view[1] = view_current();
	try_write64(shared + 8, 0xaa, &r);
	sh.ap_write[1] = r.vector;
	sh.ap_ve_reason = ap_ve.reason;
	set_stage(5);
}

static void bsp_wait(int stage)
{
	require(wait_for(&sh.stage, stage, TIMEOUT_MS),
		"AP reached stage %d", stage);
}

void test_main(void)
{
	struct trap_result r;
	u64 val;

	views_enable();
	ve_setup(&bsp_ve);
	sh.a = view_create_checked(CORDON_ACCESS_RWX);
	sh.b = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(sh.a, gfn_of(shared), CORDON_ACCESS_R);

	require(start_ap(AP_APIC_ID, ap_body, NULL), "AP started");
	bsp_wait(1);
	view_switch(sh.a);
	set_stage(2);

	bsp_wait(3);
	check_ret(sh.ap_view[0], sh.b, "AP is in view B while the BSP is in A");
	check_trap(&(struct trap_result){ .vector = sh.ap_write[0] }, NO_TRAP,
		   "AP writes the frame in view B");
	check_ret(view_current(), sh.a, "BSP is still in view A");
	try_read64(shared, &val, &r);
	check(r.vector == NO_TRAP && val == 0xa9,
	      "BSP reads the AP's store in view A");
	try_write64(shared, 0xb5, &r);
	check_ve_trap(&r, r.insn, "BSP write in view A");
	check_ve_info(&bsp_ve, CORDON_VE_QUAL_WRITE | CORDON_VE_QUAL_READABLE |
		      CORDON_VE_QUAL_GLA_VALID | CORDON_VE_QUAL_FINAL,
		      phys_of(shared), phys_of(shared), sh.a, "BSP write in view A");
	ve_release(&bsp_ve);
	set_stage(4);

	bsp_wait(5);
	check_ret(sh.ap_view[1], sh.b, "AP still in view B after the BSP's #VE");
	check_trap(&(struct trap_result){ .vector = sh.ap_write[1] }, NO_TRAP,
		   "AP writes again in view B");
	check_eq(sh.ap_ve_reason, 0, "the AP's #VE area was not written");
	check_eq(*(volatile u64 *)(shared + 8), 0xaa, "the AP's second store landed");
	view_switch(0);
	check_ret(hc(CORDON_HC_DESTROY_VIEW, sh.b), -CORDON_EBUSY,
		  "DESTROY_VIEW of the view the AP is in");
}
