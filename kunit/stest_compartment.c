// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - a sealed compartment compiled from C by the Cordon pass, for
 * KUnit (CONFIG_CORDON_TEST_COMPARTMENT)
 *
 * The same machinery as ctest_compartment.c (manifest, pass, verifier,
 * assembler), with -cordon-kind=sealed (security/cordon/kbuild.mk): its
 * code and data join the sealed compartment, its entry points are gates
 * into the sealed view, and its calls out leave through the sealed exit
 * gate. This is how the Flask security server is to be built.
 */

#include <linux/compiler.h>

#include "stest.h"

long cordon_stest_secret;

static long st_store(long v)
{
	WRITE_ONCE(cordon_stest_secret, v);
	return 0;
}

static long st_load(long unused)
{
	return READ_ONCE(cordon_stest_secret);
}

/* An exit with all six argument registers. */
static long st_exit6(long a, long b, long c)
{
	return cordon_stest_kernel_add6(a, b, c, 10 * a, 10 * b, 10 * c);
}

/*
 * The secret in every register the exit does not take, then the exit:
 * the kernel's function must find none of it, and the registers a C
 * caller expects kept must hold it again afterwards. Returns 1 if they do.
 */
static noinline __attribute__((naked)) long st_secret_in_registers(void)
{
	asm("	pushq	%rbx\n"
	    "	pushq	%rbp\n"
	    "	pushq	%r12\n"
	    "	pushq	%r13\n"
	    "	pushq	%r14\n"
	    "	pushq	%r15\n"
	    "	subq	$8, %rsp\n"
	    "	movq	cordon_stest_secret(%rip), %rax\n"
	    "	movq	%rax, %rbx\n"
	    "	movq	%rax, %rbp\n"
	    "	movq	%rax, %r10\n"
	    "	movq	%rax, %r11\n"
	    "	movq	%rax, %r12\n"
	    "	movq	%rax, %r13\n"
	    "	movq	%rax, %r14\n"
	    "	movq	%rax, %r15\n"
	    "	xorl	%edi, %edi\n"
	    "	xorl	%esi, %esi\n"
	    "	xorl	%edx, %edx\n"
	    "	xorl	%ecx, %ecx\n"
	    "	xorl	%r8d, %r8d\n"
	    "	xorl	%r9d, %r9d\n"
	    "	call	cordon_stest_kernel_add6.cordon_exit\n"
	    "	movq	cordon_stest_secret(%rip), %rcx\n"
	    "	xorl	%eax, %eax\n"
	    "	cmpq	%rcx, %rbx\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %rbp\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r12\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r13\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r14\n"
	    "	jne	1f\n"
	    "	cmpq	%rcx, %r15\n"
	    "	jne	1f\n"
	    "	movl	$1, %eax\n"
	    "1:	addq	$8, %rsp\n"
	    "	popq	%r15\n"
	    "	popq	%r14\n"
	    "	popq	%r13\n"
	    "	popq	%r12\n"
	    "	popq	%rbp\n"
	    "	popq	%rbx\n"
	    "	ret\n");
}

static long st_regs(long unused)
{
	return st_secret_in_registers();
}

const struct cordon_stest_ops cordon_stest_ops = {
	.store = st_store,
	.load = st_load,
	.exit6 = st_exit6,
	.regs = st_regs,
};
