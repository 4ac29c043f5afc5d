/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the IDT loaded while a compartment runs (private)
 */

#ifndef _CORDON_IRQ_H
#define _CORDON_IRQ_H

#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/types.h>

#include "gate.h"

/**
 * struct cordon_shared - a CPU's page that every view may write
 * @nmi_latch: set by the NMI stub; the kernel view runs the NMI at the
 *	       next exit from the compartment
 * @pad: up to the stacks
 * @event_stack: where Cordon's IDT delivers interrupts and exceptions
 *		 (IST CORDON_IST_EVENT)
 * @nmi_stack: where it delivers NMIs (IST CORDON_IST_NMI), so that an NMI
 *	       leaves an event being handled alone
 *
 * Another CPU in the same compartment may write both stacks at any time:
 * what is on them is read once, and the interrupt and #VE paths IRET from
 * them into a compartment's view only (gate_64.S). NMIs do not come here
 * where the hypervisor holds them for Cordon's IDT (irq.c).
 */
struct cordon_shared {
	u8 nmi_latch;
	u8 pad[CORDON_SHARED_EVENT_STACK - 1];
	u8 event_stack[CORDON_SHARED_NMI_STACK - CORDON_SHARED_EVENT_STACK];
	u8 nmi_stack[PAGE_SIZE - CORDON_SHARED_NMI_STACK];
} __aligned(PAGE_SIZE);

DECLARE_PER_CPU_PAGE_ALIGNED(struct cordon_shared, cordon_shared);
DECLARE_PER_CPU(bool, cordon_nmi_held);

int __init cordon_irq_prepare(void);
int __init cordon_irq_freeze(void);
bool cordon_irq_forwardable(unsigned long vector);
void cordon_irq_recover(void);
const void *cordon_irq_idt(void);

#endif /* _CORDON_IRQ_H */
