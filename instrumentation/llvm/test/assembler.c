// SPDX-License-Identifier: GPL-2.0
// scripts/cordon-as, the assembler of compartment objects, takes out the
// privileged encodings that no instruction of the source asked for: those
// where two instructions meet, and those inside a constant or a
// displacement. Compiled with the integrated assembler, every function
// below but clean() fails cordon-verify; through cordon-as, none does.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -mcmodel=kernel -fno-PIE -mno-red-zone -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=a -mllvm -cordon-entry=clean,meet,mov32,mov64,mov8,cmp,store,test,disp,indexed,add,stack -o %t.ias.o %s
// RUN: not %cordon_verify --compartment a %t.ias.o 2>&1 | FileCheck %s --check-prefix=IAS
// RUN: env CORDON_AS_VERBOSE=1 clang -c --target=x86_64-linux-gnu -O2 -mcmodel=kernel -fno-PIE -mno-red-zone %cordon_as -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=a -mllvm -cordon-entry=clean,meet,mov32,mov64,mov8,cmp,store,test,disp,indexed,add,stack -o %t.o %s 2>&1 | FileCheck %s --check-prefix=AS
// RUN: %cordon_verify --compartment a %t.o
//
// What the source asks for stays, for cordon-verify to refuse; so does what
// cordon-as cannot rewrite, with a warning.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -mcmodel=kernel -fno-PIE -mno-red-zone %cordon_as -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=a -mllvm -cordon-entry=asked,unrewritable -DREFUSED -o %t.refused.o %s 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: not %cordon_verify --compartment a %t.refused.o 2>&1 | FileCheck %s --check-prefix=REFUSED
//
// The rewritten code computes what the original did: the same functions,
// placed in a .cordon.text section of a host program, run both ways
// (where the pass did not compile them, so they are as the source says).
// RUN: clang -O2 -mno-red-zone -c -DHOST -o %t.host.ias.o %s
// RUN: not %cordon_verify --compartment host %t.host.ias.o > /dev/null
// RUN: clang -O2 -mno-red-zone -c -DHOST %cordon_as -o %t.host.as.o %s
// RUN: %cordon_verify --compartment host %t.host.as.o
// RUN: clang -o %t.ias %t.host.ias.o
// RUN: clang -o %t.as %t.host.as.o
// RUN: %t.ias > %t.ias.out
// RUN: %t.as > %t.as.out
// RUN: diff %t.ias.out %t.as.out
// RUN: llvm-objdump -d %t.as | FileCheck %s --check-prefix=HOST

// IAS-DAG: (meet.cordon_body+0x{{[0-9a-f]+}}) encodes LGDT
// IAS-DAG: (mov32.cordon_body+0x{{[0-9a-f]+}}) encodes VMFUNC
// IAS-DAG: (mov64.cordon_body+0x{{[0-9a-f]+}}) encodes VMCALL
// IAS-DAG: (mov8.cordon_body+0x{{[0-9a-f]+}}) encodes SYSRET
// IAS-DAG: (cmp.cordon_body+0x{{[0-9a-f]+}}) encodes WRMSR
// IAS-DAG: (store.cordon_body+0x{{[0-9a-f]+}}) encodes MOV to CR
// IAS-DAG: (test.cordon_body+0x{{[0-9a-f]+}}) encodes MOV to DR
// IAS-DAG: (disp.cordon_body+0x{{[0-9a-f]+}}) encodes MOV to CR
// IAS-DAG: (indexed.cordon_body+0x{{[0-9a-f]+}}) encodes WRMSR
// IAS-DAG: (add.cordon_body+0x{{[0-9a-f]+}}) encodes MOV to DR
// IAS-DAG: (stack.cordon_body+0x{{[0-9a-f]+}}) encodes SYSRET
// IAS-NOT: clean.cordon_body

// AS-DAG: cordon-as: "andl $0xf, %ecx" spells LGDT (with the next statement)
// AS-DAG: cordon-as: "leal 13893903(%rdi), %eax" spells VMFUNC (inside)
// AS-DAG: cordon-as: "movabsq $1279304933659853909, %rax{{.*}}" spells VMCALL (inside)
// AS-DAG: cordon-as: "movw $1807, (%rsi){{.*}}" spells SYSRET (inside)
// AS-DAG: cordon-as: "cmpl $1126415, %edi{{.*}}" spells WRMSR (inside)
// AS-DAG: cordon-as: "testl $4203279, %edi{{.*}}" spells MOV to DR (inside)
// AS-DAG: cordon-as: "movl 8719(%rdi), %eax" spells MOV to CR (inside)

// WARN: cordon-as: warning: {{.*}}.refused.o: "call *8719(%rdi)" encodes MOV to CR inside itself
// REFUSED-DAG: (asked.cordon_body+0x{{[0-9a-f]+}}) encodes VMFUNC
// REFUSED-DAG: (unrewritable.cordon_body+0x{{[0-9a-f]+}}) encodes MOV to CR

// The rewrites, in the host program: a two-byte NOP where two
// instructions met, and a displacement split through a saved scratch
// register.
// HOST-LABEL: <meet>:
// HOST: 83 e1 0f {{.*}}andl $0xf, %ecx
// HOST-NEXT: 66 90 nop
// HOST-NEXT: 01 10 {{.*}}addl %edx, (%rax)
// HOST-LABEL: <mov32>:
// HOST-NEXT: pushq %r11
// HOST-NEXT: leaq 0xd40180(%rdi), %r11
// HOST-NEXT: leal -0x71(%r11), %eax
// HOST-NEXT: popq %r11

#ifdef HOST
#define CODE __attribute__((section(".cordon.text.host"), noinline))
#else
#define CODE
#endif

struct wide {
	char pad[0x220f];
	int field;
	char pad2[0x30f - 0x4 + 0x100];
	long other;
} __attribute__((packed));

CODE long clean(long a)
{
	return a * 3;
}

/* 83 e1 0f (and $0xf,%ecx) meets 01 10 (add %edx,(%rax)): 0f 01 10. */
CODE long meet(int *p, long b)
{
	long c = b;

	asm volatile("andl $0xf, %%ecx\n\taddl %%edx, (%%rax)"
		     : "+c"(c) : "a"(p), "d"(b) : "memory");
	return c + *p;
}

CODE int mov32(int a)
{
	return a + 0xd4010f;
}

CODE long mov64(void)
{
	return 0x11c1010f22334455L;
}

CODE void mov8(volatile char *p, volatile short *q)
{
	*p = 0x0f;
	*q = 0x070f;
}

CODE int cmp(int a)
{
	return a == 0x11300f ? 7 : a * 5;
}

CODE void store(long *p)
{
	p[0] = 0x220f00;
	p[1] = -0x1220f;
}

CODE int test(int a)
{
	return (a & 0x40230f) ? 9 : 1;
}

CODE int disp(struct wide *w)
{
	return w->field;
}

CODE long indexed(char *base, long i)
{
	return *(long *)(base + i * 8 + 0x300f);
}

CODE void add(struct wide *w, int v)
{
	w->field += v;
	w->other ^= 0x230f;
}

/* An %rsp-based operand beside the immediate: rewritten with the offset
 * of the push taken into account. */
CODE long stack(long a)
{
	volatile char buf[0x800];

	asm volatile("" : : "r"(buf) : "memory");
	buf[0x70f] = a;
	buf[0x70e] = 0x0f;
	buf[0] = a + 1;
	return buf[0x70f] + buf[0] + buf[0x70e];
}

#ifdef REFUSED
long asked(void)
{
	asm volatile("vmfunc" : : "a"(0), "c"(0) : "memory");
	return 0;
}

long unrewritable(long (**fn)(void))
{
	asm volatile("call *8719(%%rdi)" : : "D"(fn) : "memory", "rax");
	return 0;
}
#endif

#ifdef HOST
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	struct wide *w = calloc(1, sizeof(*w));
	char *base = calloc(1, 0x4000) + 0x100;
	volatile char c = 0;
	volatile short s = 0;
	long st[2];
	int i, m;

	for (i = -3; i < 40; i += 7) {
		w->field = i * 1000003;
		w->other = i;
		memcpy(base + (i - 12) * 8 + 0x300f, &w->other, 8);
		mov8(&c, &s);
		store(st);
		add(w, i);
		m = i;
		printf("%d: %ld %ld %d %ld %d %d %ld %ld %d %d %ld %ld %d %ld %ld\n",
		       i, clean(i), meet(&m, i * 77), mov32(i), mov64(),
		       c, s, st[0], st[1], cmp(i == 3 ? 0x11300f : i),
		       test(i << 18), (long)disp(w), w->other,
		       (int)indexed(base, i - 12), stack(i), (long)w->field);
	}
	return 0;
}
#endif
