/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon KUnit: the kernel function the sealed test compartment calls out
 * to. It notes the registers it is called with, before any compiled code
 * could change them: the sealed exit gate must have left nothing of the
 * sealed context in them.
 *
 * long cordon_stest_kernel_add6(long a, long b, long c, long d, long e,
 *				 long f): a + b + c + d + e + f.
 */

#include <linux/linkage.h>
#include <asm/ibt.h>

#include "stest.h"

SYM_FUNC_START(cordon_stest_kernel_add6)
	ENDBR
	movq	%rax, cordon_stest_seen + 8 * ST_RAX(%rip)
	movq	%rbx, cordon_stest_seen + 8 * ST_RBX(%rip)
	movq	%rbp, cordon_stest_seen + 8 * ST_RBP(%rip)
	movq	%r10, cordon_stest_seen + 8 * ST_R10(%rip)
	movq	%r11, cordon_stest_seen + 8 * ST_R11(%rip)
	movq	%r12, cordon_stest_seen + 8 * ST_R12(%rip)
	movq	%r13, cordon_stest_seen + 8 * ST_R13(%rip)
	movq	%r14, cordon_stest_seen + 8 * ST_R14(%rip)
	movq	%r15, cordon_stest_seen + 8 * ST_R15(%rip)
	leaq	(%rdi, %rsi), %rax
	addq	%rdx, %rax
	addq	%rcx, %rax
	addq	%r8, %rax
	addq	%r9, %rax
	RET
SYM_FUNC_END(cordon_stest_kernel_add6)
