/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - the sealed pool (private)
 */

#ifndef _CORDON_SEALED_H
#define _CORDON_SEALED_H

#include <linux/types.h>

#define CORDON_SECRET_SIZE 32

int cordon_sealed_init(void);
void *cordon_sealed_secret(void);
size_t cordon_sealed_pool_size(void);

#endif /* _CORDON_SEALED_H */
