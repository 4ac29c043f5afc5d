/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the exchange area for calls into sealed code (private)
 */

#ifndef _CORDON_EXCHANGE_H
#define _CORDON_EXCHANGE_H

#include <linux/init.h>
#include <linux/types.h>

struct cordon_gate;
struct cordon_lend;
struct cordon_pt;

int __init cordon_exchange_prepare(void *stacks);
int __init cordon_exchange_map(struct cordon_pt *pt);
void *cordon_exchange_slot(unsigned int cpu);
bool cordon_in_sealed_crossing(void);
long cordon_gate_sealed(const struct cordon_gate *g, const u64 *args,
			unsigned long nargs, const struct cordon_lend *lends,
			unsigned long n);

#endif /* _CORDON_EXCHANGE_H */
