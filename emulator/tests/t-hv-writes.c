// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 1
// EXPECT: pass
/*
 * The hypervisor never writes a sealed or frozen frame on the guest's
 * behalf. GET_COUNTERS and the #VE information area are the two places it
 * writes guest memory: both refuse sealed and frozen frames (-EACCES), and
 * a frame that is some vCPU's #VE information area cannot be sealed or
 * frozen afterwards. Without this the kernel could overwrite a sealed
 * secret, a busy word or a saved frame by asking for counters.
 */
#include "test.h"

static struct ve_info ve PAGE_ALIGNED;
static struct {
	u64 sealed[PAGE_SIZE / 8];
	u64 frozen[PAGE_SIZE / 8];
} frames PAGE_ALIGNED;

#define SECRET 0x5ec2e75ec2e75ec2ull

static u64 sealed_word(long sealer, unsigned int i)
{
	u64 val;

	vmfunc(0, sealer);
	val = *(volatile u64 *)&frames.sealed[i];
	vmfunc(0, 0);
	return val;
}

void test_main(void)
{
	u64 gfn = gfn_of(frames.sealed);
	long sealer;
	unsigned int i;

	views_enable();
	sealer = view_create_checked(CORDON_ACCESS_RWX);
	for (i = 0; i < CORDON_CTR_NR; i++) {
		frames.sealed[i] = SECRET;
		frames.frozen[i] = SECRET;
	}
	ve_setup(&ve);
	check_ret(hc(CORDON_HC_SEAL, sealer, gfn_of(&ve), 1), -CORDON_EACCES,
		  "a #VE information area cannot be sealed");
	check_ret(hc(CORDON_HC_FREEZE, gfn_of(&ve), 1), -CORDON_EACCES,
		  "nor frozen");
	check_ret(view_get_access(0, gfn_of(&ve)), CORDON_ACCESS_RWX,
		  "and stays the kernel's");

	check_ret(hc(CORDON_HC_SEAL, sealer, gfn, 1), 0, "SEAL a frame");
	check_ret(hc(CORDON_HC_FREEZE, gfn_of(frames.frozen), 1), 0,
		  "FREEZE another");

	check_ret(hc(CORDON_HC_GET_COUNTERS, phys_of(frames.sealed)),
		  -CORDON_EACCES, "GET_COUNTERS into a sealed frame");
	check_ret(hc(CORDON_HC_GET_COUNTERS, phys_of(&frames.sealed[64])),
		  -CORDON_EACCES, "GET_COUNTERS into the middle of it");
	check_ret(hc(CORDON_HC_GET_COUNTERS, phys_of(frames.frozen)),
		  -CORDON_EACCES, "GET_COUNTERS into a frozen frame");
	check_ret(hc(CORDON_HC_VE_ENABLE, phys_of(frames.sealed)),
		  -CORDON_EACCES, "VE_ENABLE on a sealed frame");
	check_ret(hc(CORDON_HC_VE_ENABLE, phys_of(frames.frozen)),
		  -CORDON_EACCES, "VE_ENABLE on a frozen frame");

	for (i = 0; i < CORDON_CTR_NR; i++) {
		if (sealed_word(sealer, i) != SECRET ||
		    sealed_word(sealer, 64 + i) != 0)
			break;
	}
	check(i == CORDON_CTR_NR, "the sealed frame holds what it held");
	for (i = 0; i < CORDON_CTR_NR && frames.frozen[i] == SECRET; i++)
		;
	check(i == CORDON_CTR_NR, "the frozen frame holds what it held");

	/* The refused VE_ENABLE left the real area in place. */
	check_ret(hc(CORDON_HC_GET_COUNTERS, phys_of(&ve.rest[6])), 0,
		  "GET_COUNTERS into kernel memory still works");
}
