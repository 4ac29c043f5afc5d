// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - what a crossing holds through its exits: locks, RCU
 *
 * The pass sends a compiled compartment's calls of _raw_spin_lock(),
 * _raw_spin_unlock(), mutex_lock(), mutex_unlock(), __rcu_read_lock() and
 * __rcu_read_unlock() here (exits that keep the crossing's preemption
 * count, so its lends are this CPU's; mutex_lock() gives it back while it
 * sleeps). What it takes is recorded with the crossing: it can release only
 * a lock it took in the same crossing (releasing another's would break
 * the kernel's locking under its feet), and a crossing that ends early
 * (a denied access) has everything it still held released, newest first,
 * so that the kernel does not deadlock on a lock a dead crossing held.
 * Without views (cordon_compiled_direct) they are the plain functions.
 */

#include "common.h"

#include <linux/cordon.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

#include "compartment.h"
#include "compiled.h"
#include "gate.h"
#include "lend.h"
#include "report.h"

enum { HELD_SPIN = 1, HELD_RCU, HELD_MUTEX, HELD_READ, HELD_WRITE };

static const char *crossing_name(void)
{
	const struct cordon_gate *g = this_cpu_read(cordon_gate_cur);
	const struct cordon_compartment *c =
		g ? cordon_compartment_by_id(g->compartment) : NULL;

	return c ? c->name : "unknown";
}

/* Refused (not in permissive mode): reported; the crossing then ends. */
static bool refuse(const char *const what, const void *const lock)
{
	bool permissive = cordon_mode() == CORDON_MODE_PERMISSIVE;

	cordon_report_not_own(crossing_name(), what, lock, !permissive);
	if (!permissive)
		this_cpu_write(cordon_exit_err, -EFAULT);
	return !permissive;
}

static bool hold(struct cordon_lends *const l, u64 what, u8 kind)
{
	if (!l)
		return true;
	if (l->nr_held == CORDON_LEND_MAX_HELD)
		return !refuse("a lock beyond what one crossing may keep",
			       (void *)what);
	l->held[l->nr_held].what = what;
	l->held[l->nr_held].kind = kind;
	l->nr_held++;
	return true;
}

/* Forget the newest record of @what; false if there is none. */
static bool unhold(struct cordon_lends *const l, u64 what, u8 kind)
{
	unsigned int i;

	if (!l)
		return true;
	for (i = l->nr_held; i-- > 0;) {
		if (l->held[i].kind != kind || l->held[i].what != what)
			continue;
		memmove(&l->held[i], &l->held[i + 1],
			(l->nr_held - i - 1) * sizeof(l->held[0]));
		l->nr_held--;
		return true;
	}
	return false;
}

/* Recorded with the crossing, so it may be taken; false: refused. */
static bool may_take(const void *const lock, u8 kind)
{
	return READ_ONCE(cordon_compiled_direct) ||
	       hold(this_cpu_read(cordon_gate_lends), (u64)lock, kind);
}

/* Forgotten by the crossing, so it may be released; false: refused. */
static bool may_release(const void *const lock, u8 kind,
			const char *const what)
{
	return READ_ONCE(cordon_compiled_direct) ||
	       unhold(this_cpu_read(cordon_gate_lends), (u64)lock, kind) ||
	       !refuse(what, lock);
}

/**
 * cordon_spin_lock() - _raw_spin_lock() for compartment code
 * @lock: the lock
 */
void cordon_spin_lock(raw_spinlock_t *lock)
{
	if (may_take(lock, HELD_SPIN))
		_raw_spin_lock(lock);
}

/**
 * cordon_spin_unlock() - _raw_spin_unlock() for compartment code
 * @lock: a lock the crossing took
 */
void cordon_spin_unlock(raw_spinlock_t *lock)
{
	if (may_release(lock, HELD_SPIN, "spin_unlock of a lock it did not take"))
		_raw_spin_unlock(lock);
}

/**
 * cordon_read_lock() - _raw_read_lock() for compartment code
 * @lock: the reader-writer lock
 *
 * Also what the compartment's read_lock_irqsave() and read_lock_irq()
 * call, after they disabled its interrupts themselves (the pass).
 */
void cordon_read_lock(rwlock_t *lock)
{
	if (may_take(lock, HELD_READ))
		_raw_read_lock(lock);
}

/**
 * cordon_read_unlock() - _raw_read_unlock() for compartment code
 * @lock: a reader-writer lock the crossing read-locked
 */
void cordon_read_unlock(rwlock_t *lock)
{
	if (may_release(lock, HELD_READ, "read_unlock of a lock it did not take"))
		_raw_read_unlock(lock);
}

/**
 * cordon_write_lock() - _raw_write_lock() for compartment code
 * @lock: the reader-writer lock
 */
void cordon_write_lock(rwlock_t *lock)
{
	if (may_take(lock, HELD_WRITE))
		_raw_write_lock(lock);
}

/**
 * cordon_write_unlock() - _raw_write_unlock() for compartment code
 * @lock: a reader-writer lock the crossing write-locked
 */
void cordon_write_unlock(rwlock_t *lock)
{
	if (may_release(lock, HELD_WRITE, "write_unlock of a lock it did not take"))
		_raw_write_unlock(lock);
}

/**
 * cordon_mutex_lock() - mutex_lock() for compartment code
 * @lock: the mutex
 *
 * Context: may sleep, with the crossing's preemption count given back.
 */
void cordon_mutex_lock(struct mutex *lock)
{
	struct cordon_lends *l;

	if (READ_ONCE(cordon_compiled_direct)) {
		mutex_lock(lock);
		return;
	}
	l = this_cpu_read(cordon_gate_lends);
	/* Room first: once it holds the mutex, it must be recorded. */
	if (l && l->nr_held == CORDON_LEND_MAX_HELD &&
	    refuse("a lock beyond what one crossing may keep", lock))
		return;
	l = cordon_exit_sleep_begin();
	mutex_lock(lock);
	cordon_exit_sleep_end(l);
	if (l && l->nr_held < CORDON_LEND_MAX_HELD)
		hold(l, (u64)lock, HELD_MUTEX);
}

/**
 * cordon_mutex_unlock() - mutex_unlock() for compartment code
 * @lock: a mutex the crossing took
 */
void cordon_mutex_unlock(struct mutex *lock)
{
	if (may_release(lock, HELD_MUTEX,
			"mutex_unlock of a mutex it did not take"))
		mutex_unlock(lock);
}

#ifdef CONFIG_PREEMPT_RCU
/**
 * cordon_rcu_read_lock() - __rcu_read_lock() for compartment code
 */
void cordon_rcu_read_lock(void)
{
	if (may_take(NULL, HELD_RCU))
		__rcu_read_lock();
}

/**
 * cordon_rcu_read_unlock() - __rcu_read_unlock() for compartment code
 */
void cordon_rcu_read_unlock(void)
{
	if (may_release(NULL, HELD_RCU,
			"rcu_read_unlock without its rcu_read_lock"))
		__rcu_read_unlock();
}
#endif

/**
 * cordon_lends_release() - release what an aborted crossing still held
 * @l: its lends
 *
 * Context: cordon_gate_with(), after the crossing, on its CPU.
 * Return: how many locks and RCU read sections were released.
 */
unsigned int cordon_lends_release(struct cordon_lends *const l)
{
	unsigned int n = l->nr_held;

	while (l->nr_held) {
		const struct cordon_held *h = &l->held[--l->nr_held];

		if (h->kind == HELD_SPIN)
			_raw_spin_unlock((raw_spinlock_t *)h->what);
		else if (h->kind == HELD_MUTEX)
			mutex_unlock((struct mutex *)h->what);
		else if (h->kind == HELD_READ)
			_raw_read_unlock((rwlock_t *)h->what);
		else if (h->kind == HELD_WRITE)
			_raw_write_unlock((rwlock_t *)h->what);
#ifdef CONFIG_PREEMPT_RCU
		else if (h->kind == HELD_RCU)
			__rcu_read_unlock();
#endif
		else
			WARN_ON_ONCE(1);
	}
	return n;
}
