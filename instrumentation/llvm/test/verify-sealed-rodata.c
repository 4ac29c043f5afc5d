// SPDX-License-Identifier: GPL-2.0
// scripts/cordon-verify --kind sealed refuses compartment code that reads
// a section of the object outside the compartment, such as the jump table
// a switch compiles to, which lands in .rodata: the sealed page tables map
// the compartment's own sections only. Built with -fno-jump-tables, as
// compartments/kbuild.mk builds compartments, the same code passes.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -fno-pic -mcmodel=kernel -o %t.o %s
// RUN: not %cordon_verify --kind sealed --compartment t %t.o 2>&1 | FileCheck %s
// RUN: clang -c --target=x86_64-linux-gnu -O2 -fno-pic -mcmodel=kernel -fno-jump-tables -o %t.nojt.o %s
// RUN: %cordon_verify --kind sealed --compartment t %t.nojt.o

// CHECK: cordon-verify: {{.*}}: compartment t: .cordon.text.t+0x{{[0-9a-f]+}} (pick+0x{{[0-9a-f]+}}) references .rodata, which the sealed page tables do not map; build it with -fno-jump-tables (compartments/kbuild.mk)

#define IN(kind) __attribute__((section(".cordon." #kind ".t")))

IN(data) int v;

IN(text) int pick(int x)
{
	switch (x) {
	case 0: return v + 3;
	case 1: return v * 7;
	case 2: return v - 11;
	case 3: return v ^ 13;
	case 4: return v + 17;
	case 5: return v * 19;
	case 6: return v - 23;
	default: return 0;
	}
}
