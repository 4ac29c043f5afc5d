// SPDX-License-Identifier: GPL-2.0
/*
 * Serial console (COM1), a small printf, the memory functions the
 * compiler may call, and the isa-debug-exit exit.
 */
#include "runtime.h"

#define COM1		0x3f8
#define DEBUG_EXIT_PORT	0xf4

void serial_init(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts */
	outb(COM1 + 3, 0x80);	/* DLAB: set the divisor */
	outb(COM1 + 0, 0x01);	/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8N1 */
	outb(COM1 + 2, 0xc7);	/* FIFO on, cleared */
}

static void serial_putc(char ch)
{
	if (ch == '\n')
		serial_putc('\r');
	while (!(inb(COM1 + 5) & 0x20))
		;
	outb(COM1, ch);
}

void *memset(void *d, int c, size_t n)
{
	u8 *p = d;

	while (n--)
		*p++ = c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	u8 *p = d;
	const u8 *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

/* Output sink: a bounded buffer that counts what did not fit. */
struct sink {
	char *buf;
	size_t size, len;
};

static void put(struct sink *s, char ch)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = ch;
	s->len++;
}

static void put_number(struct sink *s, u64 v, bool negative, int base,
		       bool upper, int width, bool zero, bool left,
		       const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, pad, plen = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (negative)
		tmp[n++] = '-';
	while (prefix && prefix[plen])
		plen++;
	pad = width - n - plen;
	if (!left && !zero)
		for (; pad > 0; pad--)
			put(s, ' ');
	if (negative && zero)
		put(s, tmp[--n]);
	while (prefix && *prefix)
		put(s, *prefix++);
	if (!left && zero)
		for (; pad > 0; pad--)
			put(s, '0');
	while (n)
		put(s, tmp[--n]);
	for (; pad > 0; pad--)
		put(s, ' ');
}

/* Supports %[-0#][width][l|ll|z](d|i|u|x|X|p|s|c) and %%. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool left = false, zero = false, alt = false;
		int width = 0, longs = 0;
		u64 v;

		if (*fmt != '%') {
			put(&s, *fmt);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				zero = true;
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i': {
			s64 sv = longs ? va_arg(ap, s64) : va_arg(ap, int);

			put_number(&s, sv < 0 ? -(u64)sv : (u64)sv, sv < 0, 10,
				   false, width, zero, left, NULL);
			break;
		}
		case 'u':
			v = longs ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			put_number(&s, v, false, 10, false, width, zero, left,
				   NULL);
			break;
		case 'x':
		case 'X':
			v = longs ? va_arg(ap, u64) : va_arg(ap, unsigned int);
			put_number(&s, v, false, 16, *fmt == 'X', width, zero,
				   left, alt ? "0x" : NULL);
			break;
		case 'p':
			v = (u64)va_arg(ap, void *);
			put_number(&s, v, false, 16, false, width, zero, left,
				   "0x");
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			int len = 0;

			if (!str)
				str = "(null)";
			while (str[len])
				len++;
			for (; !left && width > len; width--)
				put(&s, ' ');
			while (*str)
				put(&s, *str++);
			for (; width > len; width--)
				put(&s, ' ');
			break;
		}
		case 'c':
			put(&s, (char)va_arg(ap, int));
			break;
		case '%':
			put(&s, '%');
			break;
		default:	/* unknown: show it rather than guess */
			put(&s, '%');
			if (!*fmt)
				goto out;
			put(&s, *fmt);
			break;
		}
	}
out:
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return s.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Whole lines at a time, so that two CPUs do not interleave within one. */
static volatile int print_lock;

int printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, i;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	while (__atomic_exchange_n(&print_lock, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
	for (i = 0; buf[i]; i++)
		serial_putc(buf[i]);
	__atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE);
	return n;
}

void __noreturn qemu_exit(u32 code)
{
	outl(DEBUG_EXIT_PORT, code);
	/* Only reached without isa-debug-exit: the runner's timeout ends it. */
	for (;;)
		asm volatile("cli; hlt");
}
