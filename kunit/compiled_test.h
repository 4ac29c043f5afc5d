/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - what the compiled test compartment (ctest_compartment.c) and its
 * KUnit suite (compiled_test.c) share
 */

#ifndef _CORDON_COMPILED_TEST_H
#define _CORDON_COMPILED_TEST_H

#include <linux/jump_label.h>
#include <linux/types.h>

struct bio;
struct page;

/*
 * The compartment's entry points. The Coccinelle scripts find them in the
 * initialiser of cordon_ctest_ops, and the pass points the table at
 * wrappers of the same C types, which cross through gates.
 */
/* What ops->held() does (one entry point: gates are a frozen resource). */
enum {
	CT_HELD_SPIN, CT_HELD_MUTEX, CT_HELD_RCU,
	CT_HELD_UNLOCK_SPIN, CT_HELD_UNLOCK_MUTEX, CT_HELD_SPIN_MANY,
	CT_HELD_SPIN_IRQSAVE, CT_HELD_READ_IRQ, CT_HELD_WRITE,
};
#define CT_HELD_MANY	9

struct cordon_ctest_ops {
	long (*sum)(long a, long b, long c);
	long (*sum6)(long a, long b, long c, long d, long e, long f);
	long (*exit6)(long a, long b, long c);
	char *(*format)(long v);
	long (*exits)(long n);
	long (*nested)(long a);
	long (*reenter)(long a);
	long (*migrate)(long cpu);
	long (*wait)(long a);
	long (*fill)(char *buf, long len, long off);
	long (*fill_bio)(struct bio *bio);
	long (*end_bio)(struct bio *bio, long how, long *kobj);
	long (*preload)(long gfp);
	void *(*own_alloc)(long size);
	long (*own_free)(void *p);
	long (*own_page)(long value);
	long (*page_field)(struct page *page, long field, long value);
	long *(*fill_object)(long v, long lent);
	long (*write)(long *p, long v);
	long (*read)(const long *p);
	long (*abort_in_preload)(long *p);
	long (*held)(long what, void *lock, long *kobj);
	long (*call)(long (*fn)(long), long arg);
	long (*forge_exit)(const void *record, long (*fn)(long), long arg);
	long (*raw_exit)(const void *record, long arg, long sealed);
	long (*compiler)(long what, long a);
};

/* What ops->compiler() tries of the code the compiler adds. */
enum { CT_STATIC_BRANCH, CT_SMASH, CT_WARN, CT_UNITS };

/* Between the compartment's two units (ctest_units.c). */
long ct_sum(long a, long b, long c);
long ct_twice(long a);
long ct_compiler(long what, long a);
extern long ct_units_calls;

/* The kernel's key of the compartment's static branch. */
DECLARE_STATIC_KEY_FALSE(cordon_ctest_key);

extern const struct cordon_ctest_ops cordon_ctest_ops;

/*
 * The compartment with a VMFUNC gadget (gadget_compartment.c), which the
 * boot-time scan refuses; run() returns CG_RAN if it ran at all.
 */
#define CG_RAN	0x5a5a
struct cordon_cgadget_ops {
	long (*run)(long view);
};

extern const struct cordon_cgadget_ops cordon_cgadget_ops;

/* Kernel functions the compartment calls: its exits. */
long cordon_ctest_kernel_add6(long a, long b, long c, long d, long e, long f);
long cordon_ctest_kernel_count(long n);
long cordon_ctest_kernel_nested(long a);
long cordon_ctest_kernel_reenter(long a);
long cordon_ctest_kernel_migrate(long cpu);
long cordon_ctest_kernel_wait(long a);
long *cordon_ctest_kernel_object(void);
long *cordon_ctest_kernel_object_unlent(void);

#endif /* _CORDON_COMPILED_TEST_H */
