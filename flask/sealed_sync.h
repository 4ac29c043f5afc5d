/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - locks and RCU read sections of the sealed run time
 * (sealed_sync.c), which the pass calls instead of the kernel's in sealed
 * code
 */

#ifndef _CORDON_SEALED_SYNC_H
#define _CORDON_SEALED_SYNC_H

#include <linux/spinlock_types.h>

struct lock_class_key;

void cordon_srt_spin_lock(raw_spinlock_t *lock);
void cordon_srt_spin_unlock(raw_spinlock_t *lock);
unsigned long cordon_srt_spin_lock_irqsave(raw_spinlock_t *lock);
void cordon_srt_spin_unlock_irqrestore(raw_spinlock_t *lock,
				       unsigned long flags);
void cordon_srt_spin_lock_irq(raw_spinlock_t *lock);
void cordon_srt_spin_unlock_irq(raw_spinlock_t *lock);
void cordon_srt_spin_lock_init(raw_spinlock_t *lock, const char *name,
			       struct lock_class_key *key, short inner);
void cordon_srt_rcu_read_lock(void);
void cordon_srt_rcu_read_unlock(void);

#endif /* _CORDON_SEALED_SYNC_H */
