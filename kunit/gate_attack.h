/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon KUnit: attacker helpers written in assembly (gate_attack_64.S)
 */

#ifndef _CORDON_KUNIT_GATE_ATTACK_H
#define _CORDON_KUNIT_GATE_ATTACK_H

#include <linux/types.h>

struct cordon_gate;

long cordon_test_jump_past_checks(const struct cordon_gate *forged, u32 view);
long cordon_test_exit_back_into(const struct cordon_gate *g, u64 sp);

#endif /* _CORDON_KUNIT_GATE_ATTACK_H */
