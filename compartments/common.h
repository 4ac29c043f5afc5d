/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - common constants and helpers
 */

#ifndef _CORDON_COMMON_H
#define _CORDON_COMMON_H

#define CORDON_NAME "cordon"

#ifdef pr_fmt
#undef pr_fmt
#endif

#define pr_fmt(fmt) CORDON_NAME ": " fmt

#endif /* _CORDON_COMMON_H */
