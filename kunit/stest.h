/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - what the sealed test compartment compiled from C
 * (stest_compartment.c) and its KUnit suite (sealed_compiled_test.c) share
 */

#ifndef _CORDON_STEST_H
#define _CORDON_STEST_H

/* What cordon_stest_kernel_add6() saw, in this order (cordon_stest_seen). */
#define ST_RAX		0
#define ST_RBX		1
#define ST_RBP		2
#define ST_R10		3
#define ST_R11		4
#define ST_R12		5
#define ST_R13		6
#define ST_R14		7
#define ST_R15		8
#define ST_NR_SEEN	9

#ifndef __ASSEMBLY__

#include <linux/types.h>

/*
 * The compartment's entry points, found by the Coccinelle scripts in the
 * initialiser of cordon_stest_ops; the pass points the table at wrappers
 * that cross through gates into the sealed view.
 */
struct cordon_stest_ops {
	long (*store)(long v);
	long (*load)(long unused);
	long (*exit6)(long a, long b, long c);
	long (*regs)(long unused);
	long (*alloc_many)(long n, long size);
	long (*keep)(long len);
	long (*kept_whole)(long unused);
	long (*free)(long p);
	long (*stat)(long which);
	long (*sum)(const long *buf, long len);
	long (*get)(long *out);
	long (*rot)(char *buf, long len);
	long (*sum6)(long a, long b, long c, long d, long e, long f);
	long (*str)(const char *in, long len, char *out);
	long (*strlen)(const char *s);
	long (*ctx)(long sid, char **out, u32 *len);
	long (*ctx_overlong)(long sid, char **out, u32 *len);
	long (*locked_add)(long n);
	long (*read)(long rounds);
	long (*replace)(long unused);
};

extern const struct cordon_stest_ops cordon_stest_ops;

/* Sealed data: the kernel view reads none of it once sealed. */
extern long cordon_stest_secret;

/*
 * The compartment's exit (stest_probe_64.S): the sum of its six arguments,
 * after it wrote the registers it found into cordon_stest_seen.
 */
long cordon_stest_kernel_add6(long a, long b, long c, long d, long e, long f);

extern u64 cordon_stest_seen[ST_NR_SEEN];

#endif /* __ASSEMBLY__ */

#endif /* _CORDON_STEST_H */
