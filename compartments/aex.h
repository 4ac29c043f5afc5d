/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - asynchronous exits from the sealed view (private)
 */

#ifndef _CORDON_AEX_H
#define _CORDON_AEX_H

#include <linux/init.h>
#include <linux/percpu.h>

struct cordon_gate;

DECLARE_PER_CPU(bool, cordon_aex_ready);
DECLARE_PER_CPU(u64, cordon_aex_idle_sp);

int __init cordon_aex_init(const struct cordon_gate *const g);

#endif /* _CORDON_AEX_H */
