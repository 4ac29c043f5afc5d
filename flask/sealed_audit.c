// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - audit records from sealed code
 *
 * The server writes audit records through audit_log() and the
 * audit_log_start()/_format()/_end() family: variadic, or handed sealed
 * strings, and the record belongs to the calling task's audit context,
 * which the sealed view cannot read (task structures are kernel memory its
 * tables do not map). The pass sends sealed code's calls here (its
 * SealedHelpers): the text is formatted in the sealed view and goes out
 * through this CPU's log area (sealed_lend.h) to the kernel's side
 * (compartments/exchange.c), which adds it to the calling task's context.
 * audit_context() is NULL in sealed code, and the kernel side takes the
 * task's own.
 */

#include <linux/audit.h>
#include <linux/minmax.h>
#include <linux/stdarg.h>

#include "sealed_lend.h"
#include "sealed_string.h"

/* Formats into the log area (or @buf, without views); returns the text. */
static const char *format(char *buf, const char *fmt, va_list ap)
{
	char *area = cordon_srt_log_area();

	cordon_srt_vsnprintf(buf, CORDON_XCHG_LOG_SIZE, fmt, ap);
	if (!area)
		return buf;
	__builtin_memcpy(area, buf, CORDON_XCHG_LOG_SIZE);
	return area;
}

struct audit_context *cordon_srt_audit_context(void)
{
	return NULL;
}

void cordon_srt_audit_log(struct audit_context *ctx, gfp_t gfp, int type,
			  const char *fmt, ...)
{
	char buf[CORDON_XCHG_LOG_SIZE];
	va_list ap;

	va_start(ap, fmt);
	cordon_sealed_audit(type, format(buf, fmt, ap));
	va_end(ap);
}

struct audit_buffer *cordon_srt_audit_log_start(struct audit_context *ctx,
						gfp_t gfp, int type)
{
	return cordon_sealed_audit_start(gfp, type);
}

void cordon_srt_audit_log_format(struct audit_buffer *ab, const char *fmt,
				 ...)
{
	char buf[CORDON_XCHG_LOG_SIZE];
	va_list ap;

	if (!ab)
		return;
	va_start(ap, fmt);
	cordon_sealed_audit_format(ab, format(buf, fmt, ap));
	va_end(ap);
}

void cordon_srt_audit_log_n_untrustedstring(struct audit_buffer *ab,
					    const char *s, size_t n)
{
	char buf[CORDON_XCHG_LOG_SIZE];
	char *area = cordon_srt_log_area(), *out = area ?: buf;

	if (!ab)
		return;
	n = min_t(size_t, n, CORDON_XCHG_LOG_SIZE);
	__builtin_memcpy(out, s, n);
	cordon_sealed_audit_untrusted(ab, out, n);
}
