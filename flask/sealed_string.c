// SPDX-License-Identifier: GPL-2.0
/*
 * Cordon - string, bitmap and message functions of the sealed run time
 *
 * The kernel's strlen(), strcmp(), find_next_bit(), sprintf() or printk()
 * would be exits: kernel code, in the kernel view, handed pointers into
 * sealed memory that the kernel view cannot read (and must not: the
 * sealed server's strings are its policy). The pass sends sealed code's
 * calls of them here instead (SealedHelpers), where they run on sealed
 * memory in the sealed view. A message goes out as text: formatted here,
 * copied into this CPU's log area of the exchange area (sealed_lend.h) and
 * printed by the kernel from there (cordon_sealed_log()).
 */

#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/poison.h>
#include <linux/stdarg.h>
#include <linux/types.h>

#include "sealed_lend.h"
#include "sealed_string.h"

/* === Strings and memory === */

/**
 * cordon_srt_strnlen() - strnlen() in the sealed view
 * @s: a string
 * @max: at most this many bytes
 *
 * Return: its length, or @max.
 */
size_t cordon_srt_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/**
 * cordon_srt_strlen() - strlen() in the sealed view
 * @s: a string
 *
 * Return: its length.
 */
size_t cordon_srt_strlen(const char *s)
{
	return cordon_srt_strnlen(s, SIZE_MAX);
}

/**
 * cordon_srt_strncmp() - strncmp() in the sealed view
 * @a: a string
 * @b: another
 * @n: at most this many bytes
 *
 * Return: <0, 0 or >0 as @a sorts before, with or after @b.
 */
int cordon_srt_strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		if (!*a)
			break;
	}
	return 0;
}

/**
 * cordon_srt_strcmp() - strcmp() in the sealed view
 * @a: a string
 * @b: another
 *
 * Return: <0, 0 or >0 as @a sorts before, with or after @b.
 */
int cordon_srt_strcmp(const char *a, const char *b)
{
	return cordon_srt_strncmp(a, b, SIZE_MAX);
}

/**
 * cordon_srt_strchr() - strchr() in the sealed view
 * @s: a string
 * @c: a character
 *
 * Return: its first @c, or NULL.
 */
char *cordon_srt_strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

/**
 * cordon_srt_strrchr() - strrchr() in the sealed view
 * @s: a string
 * @c: a character
 *
 * Return: its last @c, or NULL.
 */
char *cordon_srt_strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/**
 * cordon_srt_strcpy() - strcpy() in the sealed view
 * @dst: where
 * @src: what
 *
 * Return: @dst.
 */
char *cordon_srt_strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

/**
 * cordon_srt_strcat() - strcat() in the sealed view
 * @dst: a string to extend
 * @src: what to append
 *
 * Return: @dst.
 */
char *cordon_srt_strcat(char *dst, const char *src)
{
	cordon_srt_strcpy(dst + cordon_srt_strlen(dst), src);
	return dst;
}

/**
 * cordon_srt_strscpy() - strscpy() in the sealed view
 * @dst: where
 * @src: what
 * @size: room at @dst
 *
 * Return: the length copied, or -E2BIG if it was cut.
 */
ssize_t cordon_srt_strscpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (!size)
		return -E2BIG;
	n = cordon_srt_strnlen(src, size);
	if (n == size) {
		__builtin_memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	__builtin_memcpy(dst, src, n + 1);
	return n;
}

/**
 * cordon_srt_memcmp() - memcmp() and bcmp() in the sealed view
 * @a: bytes
 * @b: other bytes
 * @n: how many
 *
 * Return: <0, 0 or >0 as @a sorts before, with or after @b.
 */
int cordon_srt_memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

/**
 * cordon_srt_memchr() - memchr() in the sealed view
 * @s: bytes
 * @c: a byte
 * @n: how many
 *
 * Return: the first @c, or NULL.
 */
void *cordon_srt_memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/**
 * cordon_srt_full_name_hash() - a hash of @len bytes at @name
 * @salt: mixed in
 * @name: the bytes
 * @len: how many
 *
 * Not the kernel's full_name_hash(): the server uses it only for its own
 * tables (context_compute_hash()).
 *
 * Return: the hash.
 */
unsigned int cordon_srt_full_name_hash(const void *salt, const char *name,
				       unsigned int len)
{
	u32 h = (u32)(unsigned long)salt * 0x9e3779b9u;

	while (len--)
		h = (h ^ (unsigned char)*name++) * 0x01000193u;	/* FNV-1a */
	return h;
}

/* === Bitmaps (lib/find_bit.c's out-of-line parts) === */

/**
 * cordon_srt_find_next_bit() - _find_next_bit() in the sealed view
 * @addr: a bitmap
 * @nbits: its size
 * @start: the first bit to look at
 *
 * Return: the next set bit, or @nbits.
 */
unsigned long cordon_srt_find_next_bit(const unsigned long *addr,
				       unsigned long nbits,
				       unsigned long start)
{
	unsigned long word;

	if (start >= nbits)
		return nbits;
	word = addr[start / BITS_PER_LONG] & (~0UL << (start % BITS_PER_LONG));
	start -= start % BITS_PER_LONG;
	while (!word) {
		start += BITS_PER_LONG;
		if (start >= nbits)
			return nbits;
		word = addr[start / BITS_PER_LONG];
	}
	return min(start + __ffs(word), nbits);
}

/**
 * cordon_srt_find_first_bit() - _find_first_bit() in the sealed view
 * @addr: a bitmap
 * @size: its size
 *
 * Return: the first set bit, or @size.
 */
unsigned long cordon_srt_find_first_bit(const unsigned long *addr,
					unsigned long size)
{
	return cordon_srt_find_next_bit(addr, size, 0);
}

/* CONFIG_DEBUG_LIST's checks, on sealed lists: the same rules. */
/**
 * cordon_srt_list_add_valid() - __list_add_valid() in the sealed view
 * @new: the entry
 * @prev: where it goes after
 * @next: and before
 *
 * Return: true if the list is consistent.
 */
bool cordon_srt_list_add_valid(struct list_head *new, struct list_head *prev,
			       struct list_head *next)
{
	return next->prev == prev && prev->next == next && new != prev &&
	       new != next;
}

/**
 * cordon_srt_list_del_entry_valid() - __list_del_entry_valid() in the sealed view
 * @entry: the entry
 *
 * Return: true if the list is consistent.
 */
bool cordon_srt_list_del_entry_valid(struct list_head *entry)
{
	return entry->next != LIST_POISON1 && entry->prev != LIST_POISON2 &&
	       entry->prev->next == entry && entry->next->prev == entry;
}

/* === Formatting === */

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, unsigned long long v, bool neg,
		    unsigned int base, bool upper, int width, bool zero,
		    bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, pad;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	pad = width - n - neg;
	if (neg && zero)
		put(o, '-');
	while (!left && pad-- > 0)
		put(o, zero ? '0' : ' ');
	if (neg && !zero)
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
	while (left && pad-- > 0)
		put(o, ' ');
}

static void put_str(struct out *o, const char *s, int width, int prec,
		    bool left)
{
	int n, pad;

	if (!s)
		s = "(null)";
	n = cordon_srt_strnlen(s, prec < 0 ? SIZE_MAX : prec);
	pad = width - n;
	while (!left && pad-- > 0)
		put(o, ' ');
	while (n--)
		put(o, *s++);
	while (left && pad-- > 0)
		put(o, ' ');
}

/**
 * cordon_srt_vsnprintf() - vsnprintf() in the sealed view
 * @buf: where
 * @size: room, NUL included
 * @fmt: the format: the conversions the server's messages use, flags '-'
 *	 and '0', a width and a precision (or '*'), h, hh, l, ll and z, and
 *	 d i u x X o c s p %. A %p extension prints the pointer in hex; an
 *	 unknown conversion prints itself
 * @ap: the arguments
 *
 * Return: the length the text would have.
 */
int cordon_srt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool left = false, zero = false, neg;
		int width = 0, prec = -1, lng = 0;
		unsigned long long v;
		long long s;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = true) : (zero = true);
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + *fmt - '0';
		if (*fmt == '.') {
			prec = 0;
			if (*++fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + *fmt - '0';
		}
		for (; *fmt == 'l' || *fmt == 'h' || *fmt == 'z'; fmt++)
			lng += *fmt == 'h' ? -1 : 1;
		switch (*fmt) {
		case 'd':
		case 'i':
			s = lng >= 2 ? va_arg(ap, long long) :
			    lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
			neg = s < 0;
			v = neg ? -(unsigned long long)s : s;
			put_num(&o, v, neg, 10, false, width, zero, left);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng == 1 ? va_arg(ap, unsigned long) :
			    va_arg(ap, unsigned int);
			if (lng < 0)
				v &= lng == -1 ? 0xffff : 0xff;
			put_num(&o, v, false, *fmt == 'u' ? 10 : *fmt == 'o' ?
				8 : 16, *fmt == 'X', width, zero, left);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's':
			put_str(&o, va_arg(ap, const char *), width, prec, left);
			break;
		case 'p':
			v = (unsigned long)va_arg(ap, void *);
			while (fmt[1] >= 'a' && fmt[1] <= 'z')
				fmt++;
			put_num(&o, v, false, 16, false, 16, true, false);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[min(o.len, size - 1)] = '\0';
	return o.len;
}

/**
 * cordon_srt_snprintf() - snprintf() in the sealed view
 * @buf: where
 * @size: room
 * @fmt: format (cordon_srt_vsnprintf())
 * @...: arguments
 *
 * Return: the length the text would have.
 */
int cordon_srt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = cordon_srt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/**
 * cordon_srt_scnprintf() - scnprintf() in the sealed view
 * @buf: where
 * @size: room
 * @fmt: format (cordon_srt_vsnprintf())
 * @...: arguments
 *
 * Return: the length written.
 */
int cordon_srt_scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = cordon_srt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return size ? min_t(int, n, size - 1) : 0;
}

/**
 * cordon_srt_sprintf() - sprintf() in the sealed view
 * @buf: where
 * @fmt: format (cordon_srt_vsnprintf())
 * @...: arguments
 *
 * Return: the length written.
 */
int cordon_srt_sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = cordon_srt_vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}

/**
 * cordon_srt_printk() - printk() in the sealed view
 * @fmt: format (cordon_srt_vsnprintf()), with its level
 * @...: arguments
 *
 * Formatted here, then out as text through this CPU's log area, or
 * straight from the stack without views.
 *
 * Return: the length of the message.
 */
int cordon_srt_printk(const char *fmt, ...)
{
	char msg[CORDON_XCHG_LOG_SIZE];
	char *area = cordon_srt_log_area();
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = cordon_srt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (area) {
		__builtin_memcpy(area, msg, sizeof(msg));
		cordon_sealed_log(area);
	} else {
		cordon_sealed_log(msg);
	}
	return n;
}

/**
 * cordon_srt_printk_ratelimit() - printk_ratelimit() in the sealed view:
 * no limit
 * @func: unused
 *
 * Return: 1.
 */
int cordon_srt_printk_ratelimit(const char *func)
{
	return 1;
}

/**
 * cordon_srt_ratelimit() - ___ratelimit() in the sealed view: no limit
 * @rs: unused
 * @func: unused
 *
 * Return: 1.
 */
int cordon_srt_ratelimit(struct ratelimit_state *rs, const char *func)
{
	return 1;
}
