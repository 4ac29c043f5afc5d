/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - public interface for the rest of the kernel.
 */

#ifndef _LINUX_CORDON_H
#define _LINUX_CORDON_H

#include <linux/types.h>

/**
 * enum cordon_mode - what Cordon does with a denied access
 * @CORDON_MODE_OFF: Cordon is inactive; no views are used.
 * @CORDON_MODE_PERMISSIVE: violations are logged once and then granted.
 * @CORDON_MODE_ENFORCING: violations are blocked and reported.
 */
enum cordon_mode {
	CORDON_MODE_OFF,
	CORDON_MODE_PERMISSIVE,
	CORDON_MODE_ENFORCING,
};

#ifdef CONFIG_CORDON

enum cordon_mode cordon_mode(void);
void cordon_after_crossing(void (*fn)(u32 arg), u32 arg);
void cordon_report_bad_handle(const char *const compartment,
			      const char *const what, const void *const handle);

/**
 * cordon_active() - tell whether Cordon protects this boot
 *
 * Return: true in permissive or enforcing mode, false when off or disabled.
 */
static inline bool cordon_active(void)
{
	return cordon_mode() != CORDON_MODE_OFF;
}

#else /* CONFIG_CORDON */

static inline enum cordon_mode cordon_mode(void)
{
	return CORDON_MODE_OFF;
}

static inline bool cordon_active(void)
{
	return false;
}

static inline void cordon_after_crossing(void (*fn)(u32 arg), u32 arg)
{
	fn(arg);
}

static inline void cordon_report_bad_handle(const char *const compartment,
					    const char *const what,
					    const void *const handle)
{
}

#endif /* CONFIG_CORDON */

#endif /* _LINUX_CORDON_H */
