/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - code of the cordon_demo compartment, a deliberately faulty
 * "driver" that runs in an untrusted view. Assembly, so that no compiler
 * instrumentation (return thunks, CFI, tracing) calls back into kernel
 * text, which is not executable in its view.
 */

#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/irq_vectors.h>
#include <asm/nospec-branch.h>
#include <asm/processor-flags.h>
#include <asm/unwind_hints.h>
#include <asm/page_types.h>

#include "demo.h"

	.pushsection .text.unlikely.cordon_demo, "ax"
	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_demo_text_start, SYM_L_GLOBAL)

/* long cordon_demo_sum(long a, long b, long c): a normal call. */
SYM_FUNC_START(cordon_demo_sum)
	ENDBR
	leaq	(%rdi, %rsi), %rax
	addq	%rdx, %rax
	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_demo_sum)

/* long cordon_demo_write(u64 *addr, u64 val): the faulty driver's store. */
SYM_FUNC_START(cordon_demo_write)
	ENDBR
	movq	%rsi, (%rdi)
	xorl	%eax, %eax
	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_demo_write)

/* long cordon_demo_regs(void): OR of every register a gate must clear. */
SYM_FUNC_START(cordon_demo_regs)
	ENDBR
	movq	%rbx, %rax
	orq	%rcx, %rax
	orq	%rbp, %rax
	orq	%r8, %rax
	orq	%r9, %rax
	orq	%r10, %rax
	orq	%r11, %rax
	orq	%r12, %rax
	orq	%r13, %rax
	orq	%r14, %rax
	orq	%r15, %rax
	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_demo_regs)

/* long cordon_demo_stack(void): where the compartment's stack is. */
SYM_FUNC_START(cordon_demo_stack)
	ENDBR
	movq	%rsp, %rax
	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_demo_stack)

/* long cordon_demo_dirty(void): leaves values in every register. */
SYM_FUNC_START(cordon_demo_dirty)
	ENDBR
	movq	$0x5ec2e7, %rcx
	movq	%rcx, %rdx
	movq	%rcx, %rsi
	movq	%rcx, %rdi
	movq	%rcx, %r8
	movq	%rcx, %r9
	movq	%rcx, %r10
	movq	%rcx, %r11
	movl	$1, %eax
	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_demo_dirty)

/* long cordon_demo_jump(void *to): skips the gate and jumps elsewhere. */
SYM_FUNC_START(cordon_demo_jump)
	ENDBR
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%rdi
SYM_FUNC_END(cordon_demo_jump)

/*
 * long cordon_demo_spin(long n): counts down from @n with a marker in every
 * register it may use, so that an interrupt meanwhile has something to
 * leak; returns @n.
 */
SYM_FUNC_START(cordon_demo_spin)
	ENDBR
	movq	%rdi, %rax
	movq	$CORDON_DEMO_MARKER, %rcx
	movq	%rcx, %rdx
	movq	%rcx, %rsi
	movq	%rcx, %r8
	movq	%rcx, %r9
	movq	%rcx, %r10
	movq	%rcx, %r11
1:	decq	%rdi
	jg	1b
	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_demo_spin)

/* long cordon_demo_fault(void): the faulty driver hits an invalid opcode. */
SYM_FUNC_START(cordon_demo_fault)
	ENDBR
	ud2
	int3
SYM_FUNC_END(cordon_demo_fault)

/*
 * long cordon_demo_soft_int(void): raises the timer's vector and the INT80
 * syscall vector itself, then returns 7.
 */
SYM_FUNC_START(cordon_demo_soft_int)
	ENDBR
	int	$LOCAL_TIMER_VECTOR
	int	$IA32_SYSCALL_VECTOR
	movl	$7, %eax
	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_demo_soft_int)

/*
 * long cordon_demo_fake_exit(void *vmfunc_exit, void *kernel_fn): the
 * faulty driver leaves through the gate's exit VMFUNC with a stack of its
 * own, whose return address is @kernel_fn, and 0x1337 as its "result".
 * Code, not a function, for objtool: it leaves with a stack of its own.
 */
SYM_CODE_START(cordon_demo_fake_exit)
	UNWIND_HINT_EMPTY
	ENDBR
	pushq	%rsi
	pushq	$0
	pushq	$0
	pushq	$0
	pushq	$0
	pushq	$0
	pushq	$0
	pushq	$X86_EFLAGS_FIXED
	movq	$0x1337, %rsi
	xorl	%eax, %eax
	xorl	%ecx, %ecx
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%rdi
SYM_CODE_END(cordon_demo_fake_exit)

/*
 * long cordon_demo_syscall(void): SYSCALL from inside the compartment. It
 * goes to the kernel's entry text, never comes back here, and is code, not
 * a function, for objtool.
 */
SYM_CODE_START(cordon_demo_syscall)
	UNWIND_HINT_EMPTY
	ENDBR
	syscall
SYM_CODE_END(cordon_demo_syscall)

	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_demo_text_end, SYM_L_GLOBAL)
	.popsection
