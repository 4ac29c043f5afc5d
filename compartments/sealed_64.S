/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - code of the sealed test compartment. It is sealed with its
 * data, so it runs, and can be read, in the sealed view only.
 */

#include <linux/cordon-views-abi.h>
#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>
#include <asm/page_types.h>
#include <asm/unwind_hints.h>

#include "sealed.h"

	.pushsection .text.unlikely.cordon_sealed, "ax"
	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_sealed_text_start, SYM_L_GLOBAL)

/*
 * u64 cordon_sealed_checksum(long rounds): a checksum of the secret, taken
 * @rounds times over; the secret itself never leaves the sealed view.
 */
SYM_FUNC_START(cordon_sealed_checksum)
	ENDBR
	movq	cordon_sealed_data(%rip), %rsi
	xorl	%eax, %eax
	testq	%rdi, %rdi
	jle	2f
1:	movl	$(CORDON_SECRET_SIZE / 8), %ecx
	movq	%rsi, %rdx
3:	rolq	$7, %rax
	xorq	(%rdx), %rax
	addq	$8, %rdx
	decl	%ecx
	jnz	3b
	decq	%rdi
	jnz	1b
2:	ANNOTATE_UNRET_SAFE
	ret
	int3
SYM_FUNC_END(cordon_sealed_checksum)

/*
 * Cordon's, not the compartment's: the way back into a context that an
 * asynchronous exit saved. The gate jumps here (gate.h, aex_resume) in
 * the sealed view on its own tables, once its checks after the VMFUNC
 * passed; the VMCALL stays out of the gate pages, which every view
 * executes. AEX_RESUME does not come back when it resumes. When it fails
 * there was nothing of this CPU's to resume: the gate refuses the crossing.
 */
SYM_CODE_START(cordon_sealed_aex_resume)
	UNWIND_HINT_EMPTY
	ENDBR
	movl	$CORDON_HC_AEX_RESUME, %eax
	.byte	0x0f, 0x01, 0xc1	/* VMCALL */
	jmp	cordon_aex_resume_failed
SYM_CODE_END(cordon_sealed_aex_resume)

	.balign PAGE_SIZE, 0xcc
SYM_INNER_LABEL(__cordon_sealed_text_end, SYM_L_GLOBAL)
	.popsection
