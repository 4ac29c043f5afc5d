// SPDX-License-Identifier: GPL-2.0
// QEMU: -cpu max,cordon-views=on -smp 2
// EXPECT: exit 64 /cordon-views: EPT violation exit: vcpu=1 view=1 .*access=read .*not converted to #VE: CR0.PE is 0/
/*
 * SDM (Vol. 3C, "Convertible EPT Violations"): an EPT violation becomes a
 * #VE only when CR0.PE = 1. The second processor starts in real mode on
 * code this test puts below 1 MiB, registers a #VE information area,
 * switches to a view that hides a page and reads it: the violation must
 * take the exit. Its real-mode IVT sends vector 20 to code that raises a
 * flag, so a #VE delivered in real mode is seen, not a hang.
 */
#include "test.h"

#define RM_CODE		0x9000		/* the AP's real-mode code (SIPI page) */
#define RM_HIDDEN	0xa000		/* the page the view hides */
#define RM_FLAG		0x9ff0		/* 1: #VE delivered, 2: the read completed */
#define RM_STACK	0x9fe0

static struct ve_info ap_ve PAGE_ALIGNED;

extern char rm_start[], rm_end[], rm_ve_gpa[], rm_view[];

asm(".pushsection .rodata\n"
".code16\n"
"rm_start:\n"
"	cli\n"
"	xorw %ax, %ax\n"
"	movw %ax, %ds\n"
"	movw %ax, %ss\n"
"	movw $" __stringify(RM_STACK) ", %sp\n"
/* IVT entry 20 (offset:segment at 0x50): the flag raiser below. */
"	movw $(" __stringify(RM_CODE) " + rm_ve - rm_start), 0x50\n"
"	movw $0, 0x52\n"
"	movl $" __stringify(CORDON_HC_VE_ENABLE) ", %eax\n"
"	movl %cs:(rm_ve_gpa - rm_start), %ebx\n"
"	.byte 0x0f, 0x01, 0xc1\n"		/* VMCALL */
"	movl %cs:(rm_view - rm_start), %ecx\n"
"	xorl %eax, %eax\n"
"	.byte 0x0f, 0x01, 0xd4\n"		/* VMFUNC */
"	movb " __stringify(RM_HIDDEN) ", %al\n"
"	movl $2, " __stringify(RM_FLAG) "\n"
"1:	hlt\n"
"	jmp 1b\n"
"rm_ve:\n"
"	movl $1, " __stringify(RM_FLAG) "\n"
"2:	hlt\n"
"	jmp 2b\n"
"	.balign 4\n"
"rm_ve_gpa: .long 0\n"
"rm_view: .long 0\n"
"rm_end:\n"
".code64\n"
".popsection\n");

void test_main(void)
{
	volatile int *flag = (volatile int *)RM_FLAG;
	static volatile int never;
	u8 *code = (u8 *)RM_CODE;
	long v;
	u32 val;

	views_enable();
	v = view_create_checked(CORDON_ACCESS_RWX);
	view_restrict(v, RM_HIDDEN >> 12, 0);
	require(rm_end - rm_start < RM_FLAG - RM_CODE, "real-mode code fits");
	memcpy(code, rm_start, rm_end - rm_start);
	val = phys_of(&ap_ve);
	memcpy(code + (rm_ve_gpa - rm_start), &val, sizeof(val));
	val = v;
	memcpy(code + (rm_view - rm_start), &val, sizeof(val));
	*flag = 0;
	exit_expected("a read in real mode of a page view 1 hides");
	start_ap_real_mode(1, RM_CODE);
	for (val = 0; val < 2000 && !*flag; val++)
		wait_for(&never, 1, 1);		/* 1 ms */
	if (*flag == 1)
		tap_fail("a #VE was delivered in real mode (information area busy %#x)",
			 ap_ve.busy);
	else if (*flag == 2)
		tap_fail("the read in real mode completed: the view did not hide the page");
	else
		tap_fail("no violation exit, and the second processor never got there");
}
