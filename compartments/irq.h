/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the IDT loaded while a compartment runs (private)
 */

#ifndef _CORDON_IRQ_H
#define _CORDON_IRQ_H

#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/types.h>

/**
 * struct cordon_shared - a CPU's page that every view may write
 * @nmi_latch: set by the NMI stub; the kernel view runs the NMI at the
 *	       next exit from the compartment
 * @pad: fills the page, so that nothing else shares it
 */
struct cordon_shared {
	u8 nmi_latch;
	u8 pad[PAGE_SIZE - 1];
} __aligned(PAGE_SIZE);

DECLARE_PER_CPU_PAGE_ALIGNED(struct cordon_shared, cordon_shared);

int __init cordon_irq_prepare(void);
int __init cordon_irq_freeze(void);
bool cordon_irq_forwardable(unsigned long vector);
const void *cordon_irq_idt(void);

#endif /* _CORDON_IRQ_H */
