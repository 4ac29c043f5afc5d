/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KUnit suite cordon_sealed_selinux's policy: the binary checkpolicy
 * makes of sealed_selinux_policy.conf (kunit/Makefile).
 */

	.section .rodata, "a"
	.balign 8
	.globl cordon_test_policy
cordon_test_policy:
	.incbin "security/cordon/kunit/sealed_selinux_policy.bin"
	.globl cordon_test_policy_end
cordon_test_policy_end:
