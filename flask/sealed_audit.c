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

/**
 * cordon_srt_audit_context() - audit_context() in the sealed view
 *
 * Return: NULL: the kernel side takes the calling task's.
 */
struct audit_context *cordon_srt_audit_context(void)
{
	return NULL;
}

/**
 * cordon_srt_audit_log() - audit_log() in the sealed view
 * @ctx: unused
 * @gfp: unused (GFP_ATOMIC on the kernel side)
 * @type: the record type
 * @fmt: format (cordon_srt_vsnprintf())
 * @...: arguments
 */
void cordon_srt_audit_log(struct audit_context *ctx, gfp_t gfp, int type,
			  const char *fmt, ...)
{
	char buf[CORDON_XCHG_LOG_SIZE];
	va_list ap;

	va_start(ap, fmt);
	cordon_sealed_audit(type, format(buf, fmt, ap));
	va_end(ap);
}

/**
 * cordon_srt_audit_log_start() - audit_log_start() in the sealed view
 * @ctx: unused
 * @gfp: allocation flags
 * @type: the record type
 *
 * Return: a record of the calling task's context, or NULL.
 */
struct audit_buffer *cordon_srt_audit_log_start(struct audit_context *ctx,
						gfp_t gfp, int type)
{
	return cordon_sealed_audit_start(gfp, type);
}

/**
 * cordon_srt_audit_log_format() - audit_log_format() in the sealed view
 * @ab: the record
 * @fmt: format (cordon_srt_vsnprintf())
 * @...: arguments
 */
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

/**
 * cordon_srt_audit_log_n_untrustedstring() - audit_log_n_untrustedstring() in the sealed view
 * @ab: the record
 * @s: the string
 * @n: its length; the log area's at most
 */
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
