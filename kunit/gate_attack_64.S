/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon KUnit: an attacker's way into the middle of a gate.
 *
 * long cordon_test_jump_past_checks(const struct cordon_gate *forged,
 *				     u32 view)
 * builds the frame cordon_gate_call() would have and jumps straight to its
 * entry VMFUNC with a descriptor and view of its own choosing, skipping
 * every check before it. The gate must refuse after the VMFUNC and come
 * back here, in the kernel view, through its own epilogue: refusals leave
 * on the kernel stack cordon_gate_ksp names, which a kernel attacker sets
 * to its own frame.
 */

#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/percpu.h>

#include "attacker.h"

SYM_FUNC_START(cordon_test_jump_past_checks)
	ENDBR
	/*
	 * The attacker builds the frame the gate's epilogue unwinds.
	 * Interrupts off: the view this lands in executes no kernel handler.
	 */
	ATTACKER_GATE_FRAME
	movq	%rsp, PER_CPU_VAR(cordon_gate_ksp)
	movq	%cr3, %rax
	movq	%rax, PER_CPU_VAR(cordon_gate_cr3)
	movq	%rdi, %r12
	xorl	%r14d, %r14d
	movl	%esi, %ecx
	xorl	%eax, %eax
	jmp	cordon_vmfunc_enter
SYM_FUNC_END(cordon_test_jump_past_checks)
