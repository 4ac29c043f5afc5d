/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cordon - string, bitmap and message functions of the sealed run time
 * (sealed_string.c), which the pass calls instead of the kernel's in
 * sealed code
 */

#ifndef _CORDON_SEALED_STRING_H
#define _CORDON_SEALED_STRING_H

#include <linux/gfp.h>
#include <linux/stdarg.h>
#include <linux/types.h>

struct list_head;
struct ratelimit_state;

size_t cordon_srt_strlen(const char *s);
size_t cordon_srt_strnlen(const char *s, size_t max);
int cordon_srt_strcmp(const char *a, const char *b);
int cordon_srt_strncmp(const char *a, const char *b, size_t n);
char *cordon_srt_strchr(const char *s, int c);
char *cordon_srt_strrchr(const char *s, int c);
char *cordon_srt_strcpy(char *dst, const char *src);
char *cordon_srt_strcat(char *dst, const char *src);
ssize_t cordon_srt_strscpy(char *dst, const char *src, size_t size);
int cordon_srt_memcmp(const void *a, const void *b, size_t n);
void *cordon_srt_memchr(const void *s, int c, size_t n);
unsigned int cordon_srt_full_name_hash(const void *salt, const char *name,
				       unsigned int len);
unsigned long cordon_srt_find_next_bit(const unsigned long *addr,
				       unsigned long nbits,
				       unsigned long start);
unsigned long cordon_srt_find_first_bit(const unsigned long *addr,
					unsigned long size);
bool cordon_srt_list_add_valid(struct list_head *new, struct list_head *prev,
			       struct list_head *next);
bool cordon_srt_list_del_entry_valid(struct list_head *entry);
int cordon_srt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int cordon_srt_snprintf(char *buf, size_t size, const char *fmt, ...);
int cordon_srt_scnprintf(char *buf, size_t size, const char *fmt, ...);
int cordon_srt_sprintf(char *buf, const char *fmt, ...);
int cordon_srt_printk(const char *fmt, ...);
int cordon_srt_printk_ratelimit(const char *func);
int cordon_srt_ratelimit(struct ratelimit_state *rs, const char *func);

/* The kernel's side of a message (compartments/exchange.c): an exit. */
void cordon_sealed_log(const char *msg);

/* Audit records from sealed code (sealed_audit.c), and the kernel's side. */
struct audit_buffer;
struct audit_context;
struct audit_context *cordon_srt_audit_context(void);
void cordon_srt_audit_log(struct audit_context *ctx, gfp_t gfp, int type,
			  const char *fmt, ...);
struct audit_buffer *cordon_srt_audit_log_start(struct audit_context *ctx,
						gfp_t gfp, int type);
void cordon_srt_audit_log_format(struct audit_buffer *ab, const char *fmt,
				 ...);
void cordon_srt_audit_log_n_untrustedstring(struct audit_buffer *ab,
					    const char *s, size_t n);
void cordon_sealed_audit(int type, const char *text);
struct audit_buffer *cordon_sealed_audit_start(gfp_t gfp, int type);
void cordon_sealed_audit_format(struct audit_buffer *ab, const char *text);
void cordon_sealed_audit_untrusted(struct audit_buffer *ab, const char *text,
				   size_t n);

#endif /* _CORDON_SEALED_STRING_H */
