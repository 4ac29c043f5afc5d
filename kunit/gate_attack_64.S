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
 *
 * long cordon_test_exit_back_into(const struct cordon_gate *g, u64 sp)
 * does the same to the exit gate's way back into a compartment, with a
 * crossing of its own making into @g and the compartment's stack pointer
 * @sp: for the sealed gate, the way back must refuse, or the sealed code
 * would return through a stack slot the kernel picked.
 */

#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/percpu.h>

#include "attacker.h"
#include "gate.h"

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

SYM_FUNC_START(cordon_test_exit_back_into)
	ENDBR
	ATTACKER_GATE_FRAME
	movq	%rsp, PER_CPU_VAR(cordon_gate_ksp)
	movq	%cr3, %rax
	movq	%rax, PER_CPU_VAR(cordon_gate_cr3)
	movq	%rdi, PER_CPU_VAR(cordon_gate_cur)
	movl	CORDON_GATE_VIEW(%rdi), %eax
	movl	%eax, PER_CPU_VAR(cordon_gate_view)
	movq	%rsi, %r15
	xorl	%r13d, %r13d
	jmp	cordon_exit_back
SYM_FUNC_END(cordon_test_exit_back_into)
