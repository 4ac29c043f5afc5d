/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trap entry and the ring-3 round trip.
 *
 * Every IDT vector has a stub. In 64-bit mode the CPU aligns RSP to 16
 * bytes before pushing the 5-word frame, so at stub entry RSP is 16-byte
 * aligned exactly when an error code was pushed as well. The stubs use
 * that to record whether the CPU really pushed one (vector 20, #VE, must
 * not) instead of trusting a table, and push a zero in its place if not.
 */
#include "layout.h"

.macro trap_stub vec
1:	testb	$8, %spl
	jnz	2f
	pushq	$(\vec | TRAP_HAS_ERROR)
	jmp	trap_common
2:	pushq	$0
	pushq	$\vec
	jmp	trap_common
	.pushsection .rodata
	.quad	1b
	.popsection
.endm

	.pushsection .rodata
	.balign 8
	.globl trap_stub_table
trap_stub_table:
	.popsection

	.text
	.code64
vec = 0
.rept 256
	trap_stub vec
vec = vec + 1
.endr

/* Frame layout: struct trap_frame in runtime.h. */
trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi		/* 22 words below an aligned RSP: aligned */
	call	trap_dispatch
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector word and error code */
	iretq

/*
 * long run_user_asm(long (*fn)(void *), void *arg, u64 user_rsp)
 *
 * Runs fn(arg) at CPL 3 on the given stack. fn returns into the
 * trampoline, which raises USER_RETURN_VECTOR; trap_dispatch then rewrites
 * the frame to resume at run_user_return on the kernel stack saved here.
 */
	.globl run_user_asm, run_user_return
run_user_asm:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %gs:CPU_OFF_KERNEL_RSP
	pushq	$USER_DS
	pushq	%rdx
	pushq	$0x2			/* RFLAGS: interrupts stay off */
	pushq	$USER_CS
	leaq	user_trampoline(%rip), %rax
	pushq	%rax
	movq	%rdi, %rax
	movq	%rsi, %rdi
	iretq

user_trampoline:
	call	*%rax
	movq	%rax, %rdi
	int	$USER_RETURN_VECTOR
	ud2

run_user_return:
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
