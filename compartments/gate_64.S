/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - gates: the only code executable in more than one view
 *
 * Everything here sits in whole pages of its own (.text.unlikely.cordon_gate),
 * executable and read-only in every view and frozen so by the hypervisor.
 * Each VMFUNC is followed by a read of a tag page that is readable in the
 * target view only: landing anywhere else raises #VE at a check site, and
 * the #VE handler aborts the crossing. Interrupts stay masked while a
 * compartment runs (see docs/design.md).
 */

#include <linux/errno.h>
#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>
#include <asm/page_types.h>
#include <asm/percpu.h>

#include "gate.h"

#define VMFUNC .byte 0x0f, 0x01, 0xd4

/* Clear what neither side may see of the other, bar the named keepers. */
.macro CLEAR_SHARED_REGS
	xorl	%ecx, %ecx
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
.endm

	/* A .text.unlikely.* name lands inside .text (TEXT_MAIN is .text only). */
	.pushsection .text.unlikely.cordon_gate, "ax"
	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_gate_start, SYM_L_GLOBAL)

/*
 * long cordon_gate_call(const struct cordon_gate *g, long a0, long a1,
 *			 long a2)
 *
 * Runs g->target(a0, a1, a2) in g->view on this CPU's compartment stack.
 * Returns its result, -EINVAL for a descriptor that is not one of the
 * frozen ones, or the error the #VE handler set when it aborted the call.
 */
SYM_FUNC_START(cordon_gate_call)
	ENDBR
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushfq
	cli

	/* Only a frozen descriptor will do. */
	leaq	cordon_frozen(%rip), %rax
	movq	%rdi, %r8
	subq	%rax, %r8
	cmpq	$CORDON_GATES_BYTES, %r8
	jae	.Lbad_gate
	testq	$(CORDON_GATE_SIZE - 1), %r8
	jnz	.Lbad_gate
	movl	CORDON_GATE_VIEW(%rdi), %eax
	testl	%eax, %eax
	jz	.Lbad_gate

	movq	%rsp, PER_CPU_VAR(cordon_gate_ksp)
	movl	%eax, PER_CPU_VAR(cordon_gate_view)
	movq	CORDON_GATE_TAG(%rdi), %r12
	movq	%r12, PER_CPU_VAR(cordon_gate_tag)
	movq	CORDON_GATE_TARGET(%rdi), %r13
	/* This CPU's stack top: stacks + (cpu + 1) * stack size. */
#ifdef CONFIG_SMP
	movl	PER_CPU_VAR(cpu_number), %r14d
#else
	xorl	%r14d, %r14d
#endif
	incq	%r14
	shlq	$CORDON_GATE_STACK_SHIFT, %r14
	addq	CORDON_GATE_STACKS(%rdi), %r14
	movq	%rsi, %r15
	movq	%rdx, %rbx
	movq	%rcx, %r11

	movl	%eax, %ecx
	xorl	%eax, %eax
SYM_INNER_LABEL(cordon_vmfunc_enter, SYM_L_GLOBAL)
	VMFUNC
SYM_INNER_LABEL(cordon_gate_check_enter, SYM_L_GLOBAL)
	movq	(%r12), %rax

	/* Compartment stack, arguments, and nothing else of the kernel's. */
	movq	%r14, %rsp
	movq	%r15, %rdi
	movq	%rbx, %rsi
	movq	%r11, %rdx
	movq	%r13, %rax
	CLEAR_SHARED_REGS
	ANNOTATE_RETPOLINE_SAFE
	call	*%rax
SYM_INNER_LABEL(cordon_gate_return_site, SYM_L_GLOBAL)
	/* Nothing of the compartment's but its result goes back. */
	movq	%rax, %rsi
	xorl	%edx, %edx
	xorl	%edi, %edi
	CLEAR_SHARED_REGS
	movq	PER_CPU_VAR(cordon_gate_ksp), %rsp
	xorl	%eax, %eax
SYM_INNER_LABEL(cordon_vmfunc_exit, SYM_L_GLOBAL)
	VMFUNC
SYM_INNER_LABEL(cordon_gate_check_exit, SYM_L_GLOBAL)
	movq	cordon_frozen+CORDON_FROZEN_VIEW0_TAG(%rip), %rax
	movq	(%rax), %rax
	movq	%rsi, %rax
	xorl	%esi, %esi
.Lout:
	movl	$0, PER_CPU_VAR(cordon_gate_view)
	popfq
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ANNOTATE_UNRET_SAFE
	ret
	int3

.Lbad_gate:
	movq	$-EINVAL, %rax
	jmp	.Lout

/*
 * The #VE handler aborts a crossing by returning here, in the kernel view,
 * with RSP back at cordon_gate_ksp and the error in cordon_gate_err.
 */
SYM_INNER_LABEL(cordon_gate_abort, SYM_L_GLOBAL)
	movq	PER_CPU_VAR(cordon_gate_err), %rax
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	jmp	.Lout

/*
 * After a grant, the #VE handler returns here in the kernel view to go back
 * into the compartment at cordon_resume_rip. Never into the sealed view:
 * nobody but a gate may enter it.
 */
SYM_INNER_LABEL(cordon_gate_resume, SYM_L_GLOBAL)
	pushq	%rax
	pushq	%rcx
	pushfq
	movl	PER_CPU_VAR(cordon_gate_view), %ecx
	testl	%ecx, %ecx
	jz	.Lresume_refused
	cmpl	cordon_frozen+CORDON_FROZEN_SEALED_VIEW(%rip), %ecx
	je	.Lresume_refused
	xorl	%eax, %eax
SYM_INNER_LABEL(cordon_vmfunc_resume, SYM_L_GLOBAL)
	VMFUNC
	movq	PER_CPU_VAR(cordon_gate_tag), %rax
	movq	(%rax), %rax
	popfq
	popq	%rcx
	popq	%rax
	ANNOTATE_RETPOLINE_SAFE
	jmp	*PER_CPU_VAR(cordon_resume_rip)
.Lresume_refused:
	ud2
SYM_FUNC_END(cordon_gate_call)

/*
 * Vector 20 lands here in whatever view the CPU was in: back to the kernel
 * view first, then the normal raw #VE entry.
 */
SYM_CODE_START(asm_cordon_ve_gate)
	ENDBR
	pushq	%rax
	pushq	%rcx
	xorl	%eax, %eax
	xorl	%ecx, %ecx
SYM_INNER_LABEL(cordon_vmfunc_ve, SYM_L_GLOBAL)
	VMFUNC
	popq	%rcx
	popq	%rax
	jmp	asm_exc_cordon_ve
SYM_CODE_END(asm_cordon_ve_gate)

	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_gate_end, SYM_L_GLOBAL)
	.popsection
