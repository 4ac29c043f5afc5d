/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the sealed pool (private)
 */

#ifndef _CORDON_SEALED_H
#define _CORDON_SEALED_H

#define CORDON_SECRET_SIZE 32
/* Enough rounds for a call that outlasts a timer tick under TCG. */
#define CORDON_SEALED_LONG_ROUNDS (1 << 20)

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct cordon_gate;
struct cordon_compartment;

extern u64 cordon_sealed_data[];
extern const char __cordon_sealed_text_start[], __cordon_sealed_text_end[];
u64 cordon_sealed_checksum(long rounds);
/* Cordon's, sealed with the compartment's code: AEX_RESUME (gate.h). */
extern const char cordon_sealed_aex_resume[];

int cordon_sealed_prepare(void);
int cordon_sealed_page_tables(void);
int cordon_sealed_aex(void);
u64 cordon_sealed_cr3(void);
int cordon_sealed_seal(void);
bool cordon_sealed_is_sealed(void);
void *cordon_sealed_secret(void);
size_t cordon_sealed_pool_size(void);
const struct cordon_gate *cordon_sealed_gate(void);
struct cordon_compartment *cordon_sealed_compartment(void);
const struct cordon_gate *cordon_sealed_add_gate(const void *target);
int cordon_sealed_add_code(const void *start, size_t size, u32 access);
u64 cordon_sealed_expected(long rounds);

#endif /* __ASSEMBLY__ */

#endif /* _CORDON_SEALED_H */
