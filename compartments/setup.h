/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - boot-time state (private)
 */

#ifndef _CORDON_SETUP_H
#define _CORDON_SETUP_H

#include <linux/cordon.h>

#include "backend.h"

/**
 * struct cordon_state - what Cordon decided at boot; read-only after init
 * @mode: the effective mode
 * @requested: the mode the boot parameter asked for
 * @param: the raw cordon= value, or NULL if none was given
 * @param_err: 0, or -EINVAL if @param did not parse
 * @backend: the backend in use, or NULL if none was usable
 * @backend_err: 0, or the probe error of the backend
 * @info: what the backend reported
 * @setup_err: 0, or the error that made view setup fail
 * @locked: the view configuration is locked
 */
struct cordon_state {
	enum cordon_mode mode;
	enum cordon_mode requested;
	const char *param;
	int param_err;
	const struct cordon_backend_ops *backend;
	int backend_err;
	struct cordon_backend_info info;
	int setup_err;
	bool locked;
};

extern struct cordon_state cordon_state;

#endif /* _CORDON_SETUP_H */
