/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KUnit suites cordon_sealed_selinux's policies: the binary
 * checkpolicy makes of sealed_selinux_policy.conf (kunit/Makefile), and
 * Debian's.
 */

	.section .rodata, "a"
	.balign 8
	.globl cordon_test_policy
cordon_test_policy:
	.incbin "security/cordon/kunit/sealed_selinux_policy.bin"
	.globl cordon_test_policy_end
cordon_test_policy_end:

/* Debian's selinux-policy-default, built by scripts/fetch-policy. */
	.balign 8
	.globl cordon_debian_policy
cordon_debian_policy:
	.incbin "security/cordon/kunit/debian_policy.bin"
	.globl cordon_debian_policy_end
cordon_debian_policy_end:

/* libsepol's answers for sampled triples of it (flask/difftest). */
	.globl cordon_debian_triples
cordon_debian_triples:
	.incbin "security/cordon/kunit/debian_triples.bin"
	.globl cordon_debian_triples_end
cordon_debian_triples_end:
