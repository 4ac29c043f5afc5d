/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - mode selection (private)
 */

#ifndef _CORDON_MODE_H
#define _CORDON_MODE_H

#include <linux/cordon.h>
#include <linux/types.h>

int cordon_parse_mode(const char *const str, enum cordon_mode *const mode);
const char *cordon_mode_name(enum cordon_mode mode);
enum cordon_mode cordon_decide_mode(int parse_err, enum cordon_mode requested,
				    bool have_views);

#endif /* _CORDON_MODE_H */
