// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - locks and RCU read sections of the sealed run time
 *
 * A lock in sealed memory is taken by sealed code only: the kernel's
 * spin_lock() would be an exit, writing the lock from the kernel view,
 * which cannot. The server's locks (the sidtab's two, always with
 * interrupts saved and off) are a test-and-set word here, on the lock's
 * first 32 bits: only sealed code ever touches them, so only it needs to
 * agree on what they mean. Preemption needs no count: a crossing into the
 * sealed view runs with it off.
 *
 * An RCU read section needs nothing either: the crossing runs with
 * preemption off, and the run time's synchronize_rcu() waits for every
 * call inside the server (sealed_lend.c). Without views, the kernel's.
 */

#include <linux/compiler.h>
#include <linux/rcupdate.h>
#include <linux/spinlock_types.h>
#include <asm/processor-flags.h>

#include "sealed_lend.h"
#include "sealed_sync.h"

static u32 *word(raw_spinlock_t *lock)
{
	return (u32 *)&lock->raw_lock;
}

/**
 * cordon_srt_spin_lock() - spin_lock() on a lock in sealed memory
 * @lock: the lock
 */
void cordon_srt_spin_lock(raw_spinlock_t *lock)
{
	while (__atomic_exchange_n(word(lock), 1, __ATOMIC_ACQUIRE))
		asm volatile("pause");
}

/**
 * cordon_srt_spin_unlock() - spin_unlock() on a lock in sealed memory
 * @lock: the lock
 */
void cordon_srt_spin_unlock(raw_spinlock_t *lock)
{
	__atomic_store_n(word(lock), 0, __ATOMIC_RELEASE);
}

/**
 * cordon_srt_spin_lock_irqsave() - spin_lock_irqsave() on a lock in sealed memory
 * @lock: the lock
 *
 * Return: the flags to restore.
 */
unsigned long cordon_srt_spin_lock_irqsave(raw_spinlock_t *lock)
{
	unsigned long flags;

	asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	cordon_srt_spin_lock(lock);
	return flags;
}

/**
 * cordon_srt_spin_unlock_irqrestore() - spin_unlock_irqrestore() on a lock in sealed memory
 * @lock: the lock
 * @flags: what cordon_srt_spin_lock_irqsave() returned
 */
void cordon_srt_spin_unlock_irqrestore(raw_spinlock_t *lock,
				       unsigned long flags)
{
	cordon_srt_spin_unlock(lock);
	if (flags & X86_EFLAGS_IF)
		asm volatile("sti" : : : "memory");
}

/**
 * cordon_srt_spin_lock_irq() - spin_lock_irq() on a lock in sealed memory
 * @lock: the lock
 */
void cordon_srt_spin_lock_irq(raw_spinlock_t *lock)
{
	asm volatile("cli" : : : "memory");
	cordon_srt_spin_lock(lock);
}

/**
 * cordon_srt_spin_unlock_irq() - spin_unlock_irq() on a lock in sealed memory
 * @lock: the lock
 */
void cordon_srt_spin_unlock_irq(raw_spinlock_t *lock)
{
	cordon_srt_spin_unlock(lock);
	asm volatile("sti" : : : "memory");
}

/**
 * cordon_srt_spin_lock_init() - CONFIG_DEBUG_SPINLOCK's initialiser, for a
 * lock in sealed memory: the lock word only
 * @lock: the lock
 * @name: unused
 * @key: unused
 * @inner: unused
 */
void cordon_srt_spin_lock_init(raw_spinlock_t *lock, const char *name,
			       struct lock_class_key *key, short inner)
{
	__atomic_store_n(word(lock), 0, __ATOMIC_RELEASE);
}

/**
 * cordon_srt_rcu_read_lock() - rcu_read_lock() in the sealed view
 *
 * Nothing with views: the crossing runs with preemption off, and the run
 * time's synchronize_rcu() waits for every call inside the server.
 */
void cordon_srt_rcu_read_lock(void)
{
	/* Without views, a reader like any other. */
	if (READ_ONCE(cordon_compiled_direct))
		rcu_read_lock();
}

/**
 * cordon_srt_rcu_read_unlock() - rcu_read_unlock() in the sealed view
 */
void cordon_srt_rcu_read_unlock(void)
{
	if (READ_ONCE(cordon_compiled_direct))
		rcu_read_unlock();
}
