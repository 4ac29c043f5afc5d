/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon KUnit: for attackers written in assembly
 *
 * ATTACKER_GATE_FRAME builds cordon_gate_call()'s frame (GATE_FRAME of
 * compartments/gate_64.S, copied on purpose: it is what the attacker
 * believes the gate unwinds), interrupts off, so that a gate that refuses
 * an attacker who jumped past its checks returns to the attacker's caller.
 */

#ifndef _CORDON_KUNIT_ATTACKER_H
#define _CORDON_KUNIT_ATTACKER_H

#ifdef __ASSEMBLY__
.macro ATTACKER_GATE_FRAME
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushfq
	cli
.endm
#endif

#endif /* _CORDON_KUNIT_ATTACKER_H */
