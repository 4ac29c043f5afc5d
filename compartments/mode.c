// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - mode selection
 *
 * The boot parameter names a wish; what the hypervisor offers decides. Kept
 * free of side effects so that KUnit can drive every combination.
 */

#include "common.h"

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "mode.h"

static const char *const mode_names[] = {
	[CORDON_MODE_OFF] = "off",
	[CORDON_MODE_PERMISSIVE] = "permissive",
	[CORDON_MODE_ENFORCING] = "enforcing",
};

/**
 * cordon_parse_mode() - parse the value of the cordon= boot parameter
 * @str: the value, without "cordon="; may be NULL
 * @mode: where to store the parsed mode; untouched on error
 *
 * Return: 0 on success, -EINVAL for NULL, empty or unknown values.
 */
int cordon_parse_mode(const char *const str, enum cordon_mode *const mode)
{
	int i;

	if (!str)
		return -EINVAL;
	i = sysfs_match_string(mode_names, str);
	if (i < 0)
		return -EINVAL;
	*mode = i;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_parse_mode);

/**
 * cordon_mode_name() - name of a mode, as the boot parameter spells it
 * @mode: the mode
 *
 * Return: a static string; "invalid" for out-of-range values.
 */
const char *cordon_mode_name(enum cordon_mode mode)
{
	if (WARN_ON_ONCE((unsigned int)mode >= ARRAY_SIZE(mode_names)))
		return "invalid";
	return mode_names[mode];
}
EXPORT_SYMBOL_IF_KUNIT(cordon_mode_name);

/**
 * cordon_decide_mode() - the mode this boot runs in
 * @parse_err: result of cordon_parse_mode(), or 0 if no parameter was given
 * @requested: the parsed mode; ignored if @parse_err is non-zero
 * @have_views: whether the hypervisor offers usable views
 *
 * A bad parameter must not weaken protection, so it falls back to the
 * default, enforcing. Without views nothing can be enforced and Cordon is
 * off whatever was asked.
 *
 * Return: the effective mode.
 */
enum cordon_mode cordon_decide_mode(int parse_err, enum cordon_mode requested,
				    bool have_views)
{
	if (!have_views)
		return CORDON_MODE_OFF;
	if (parse_err)
		return CORDON_MODE_ENFORCING;
	return requested;
}
EXPORT_SYMBOL_IF_KUNIT(cordon_decide_mode);
