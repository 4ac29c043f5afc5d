/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the KUnit suite cordon_sealed_selinux's policy, which
 * sealed_selinux_policy.S includes from checkpolicy's output
 */

#ifndef _CORDON_SEALED_SELINUX_POLICY_H
#define _CORDON_SEALED_SELINUX_POLICY_H

extern const char cordon_test_policy[], cordon_test_policy_end[];
extern const char cordon_debian_policy[], cordon_debian_policy_end[];
extern const char cordon_debian_triples[], cordon_debian_triples_end[];

#endif /* _CORDON_SEALED_SELINUX_POLICY_H */
