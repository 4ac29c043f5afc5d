// SPDX-License-Identifier: GPL-2.0
// scripts/cordon-verify refuses compartment data that points outside the
// compartment: a variable in .cordon.data.t holding the address of a
// kernel variable, an ops table in .cordon.rodata.t holding a kernel
// function, and a common symbol, which the linker places in the kernel's
// .bss. The line names the object the relocation is in, if it has one.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -o %t.o %s
// RUN: not %cordon_verify --compartment t %t.o 2> %t.err
// RUN: FileCheck %s -DOBJ=%t.o < %t.err

// CHECK: cordon-verify: [[OBJ]]: compartment t: .cordon.data.t+0x0 references shared, which is outside the compartment; {{.*}}
// CHECK-NEXT: cordon-verify: [[OBJ]]: compartment t: .cordon.data.t+0x10 (jiffiesp+0x0) references jiffies, which is outside the compartment; {{.*}}
// CHECK-NEXT: cordon-verify: [[OBJ]]: compartment t: .cordon.rodata.t+0x8 (ops+0x8) references kfree, which is outside the compartment; {{.*}}
// CHECK-NEXT: cordon-verify: [[OBJ]]: 3 references leave compartment t

#define IN(kind) __attribute__((section(".cordon." #kind ".t")))

extern unsigned long jiffies;
void kfree(const void *p);

IN(data) unsigned long own = 1;
IN(data) unsigned long *jiffiesp = &jiffies;

IN(text) static void release(const void *p)
{
}

struct ops {
	void (*release)(const void *p);
	void (*free)(const void *p);
};

IN(rodata) const struct ops ops = { .release = release, .free = kfree };

asm(".comm shared, 8, 8\n"
    ".pushsection .cordon.data.t,\"aw\"\n"
    "	.quad shared\n"
    ".popsection\n");
