/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - compartments compiled from C by the Cordon pass (private)
 */

#ifndef _CORDON_COMPILED_H
#define _CORDON_COMPILED_H

#include <linux/cordon-sections.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>

struct cordon_gate;

/**
 * struct cordon_entry_record - an entry point, as the pass records it
 * @name: the entry point's C name
 * @stub: its stub in the compartment, which the gate calls
 * @slot: where its kernel-side wrapper finds the gate
 */
struct cordon_entry_record {
	const char *name;
	const void *stub;
	const struct cordon_gate **slot;
};

/**
 * struct cordon_exit_record - a kernel function compartment code calls
 * @target: the function, which the exit gate calls in the kernel view
 * @compartment: the id of the compartment whose exit this is, written at
 *		 boot; the exit gate refuses a record of another
 * @name: the function's name
 * @flags: CORDON_EXIT_KEEP_PREEMPT (gate.h): the function is called with the
 *	   crossing's preemption count still held, so that it knows the
 *	   crossing's compartment (own.c)
 */
struct cordon_exit_record {
	void *target;
	u64 compartment;
	const char *name;
	u64 flags;
};

/*
 * The ranges and records of compartment @n, which the linker script
 * (<asm-generic/cordon.lds.h>) defines whether or not it is built.
 */
#define CORDON_DECLARE_COMPILED(n)					\
	extern char __cordon_##n##_text_start[], __cordon_##n##_text_end[], \
		__cordon_##n##_data_start[], __cordon_##n##_data_end[],	\
		__cordon_##n##_readable_end[];				\
	extern const struct cordon_entry_record				\
		__cordon_##n##_entries_start[], __cordon_##n##_entries_end[]; \
	extern struct cordon_exit_record				\
		__cordon_##n##_exits_start[], __cordon_##n##_exits_end[]; \
	extern u64 __cordon_##n##_guards_start[], __cordon_##n##_guards_end[]

CORDON_DECLARE_COMPILED(ctest);
CORDON_DECLARE_COMPILED(cgadget);
CORDON_DECLARE_COMPILED(brd);
CORDON_DECLARE_COMPILED(stest);
CORDON_DECLARE_COMPILED(srt);
CORDON_DECLARE_COMPILED(flask);

extern u8 cordon_compiled_direct;
void cordon_compiled_guards_init(void);
int cordon_compiled_setup(void);
void cordon_stack_chk_fail(const void *at);
void cordon_compiled_teardown(void);
struct page;
void *cordon_kmap_atomic(struct page *page);
void cordon_kunmap_atomic(const void *addr);
void cordon_radix_tree_preload_end(void);
struct page *cordon_alloc_pages(gfp_t gfp, unsigned int order);
void cordon_free_pages(struct page *page, unsigned int order);
void *cordon_kmalloc(size_t size, gfp_t gfp);
void cordon_kfree(const void *p);
void cordon_spin_lock(raw_spinlock_t *lock);
void cordon_spin_unlock(raw_spinlock_t *lock);
void cordon_read_lock(rwlock_t *lock);
void cordon_read_unlock(rwlock_t *lock);
void cordon_write_lock(rwlock_t *lock);
void cordon_write_unlock(rwlock_t *lock);
struct mutex;
void cordon_mutex_lock(struct mutex *lock);
void cordon_mutex_unlock(struct mutex *lock);
void cordon_rcu_read_lock(void);
void cordon_rcu_read_unlock(void);
u64 cordon_page_load(const void *addr, unsigned int size);
void cordon_page_store(void *addr, u64 val, unsigned int size);

#endif /* _CORDON_COMPILED_H */
