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

/*
 * The kernel's class values (classmap.h, defined in security/selinux/
 * avc.c), which the server's functions that take an object's class map to
 * the policy's. Its entries are struct security_class_mapping's (in a
 * header of security/selinux this directory cannot include): a name and
 * 33 strings.
 */
struct cordon_test_class_mapping {
	const char *name;
	const char *perms[33];
};
extern const struct cordon_test_class_mapping secclass_map[];

#endif /* _CORDON_SEALED_SELINUX_POLICY_H */
