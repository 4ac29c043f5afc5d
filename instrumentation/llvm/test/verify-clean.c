// SPDX-License-Identifier: GPL-2.0
// scripts/cordon-verify passes an object whose compartment sections
// reference only the object's own symbols and the exit gates: a call to
// a local function, a string, data pointing at its own data, an ops table,
// exit stubs (an untrusted and a sealed one), a read of kernel data (read-only in the compartment's
// view). The kernel-side wrapper in .text calls printk and the exit record
// names it; neither is checked.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -o %t.o %s
// RUN: %cordon_verify --compartment t %t.o > %t.out 2>&1
// RUN: count 0 < %t.out

#define IN(kind) __attribute__((section(".cordon." #kind ".t")))

int printk(const char *fmt, ...);

// The exit stub the pass writes for printk.
asm(".pushsection .cordon.text.t,\"ax\"\n"
    "printk.cordon_exit:\n"
    "	movq $0, %rax\n"
    "	jmp cordon_exit_gate\n"
    "puts.cordon_exit:\n"
    "	movq $0, %rax\n"
    "	jmp cordon_sealed_exit_gate\n"
    ".popsection\n");
int printk_cordon_exit(const char *fmt, ...) asm("printk.cordon_exit");
int puts_cordon_exit(const char *s) asm("puts.cordon_exit");

extern unsigned long page_offset_base;

IN(bss) static int count;
IN(data) int state = 1;
IN(data) int *statep = &state;
IN(rodata) static const char name[] = "brd";

IN(text) __attribute__((noinline)) static int bump(int x)
{
	count += x;
	return count + state;
}

IN(text) int probe(int x)
{
	printk_cordon_exit("%s\n", name);
	puts_cordon_exit(name);
	return bump(x) + *statep + (int)page_offset_base;
}

struct ops {
	int (*probe)(int);
};

IN(rodata) const struct ops ops = { .probe = probe };

// The kernel side: a wrapper in .text, and the exit record.
int probe_wrapper(int x)
{
	printk("gate into probe\n");
	return probe(x);
}

asm(".pushsection .cordon.exits.t,\"a\"\n"
    "	.quad printk\n"
    "	.quad printk.cordon_exit\n"
    ".popsection\n");
