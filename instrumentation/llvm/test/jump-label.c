// SPDX-License-Identifier: GPL-2.0
// Static branches (jump labels) in compartment code become tests of their
// key: the kernel patches a static branch's NOP or JMP in place through
// __jump_table, and it must never patch compartment code. The two asm
// goto forms below are those of x86's arch_static_branch() in Linux 6.1
// (a 5-byte NOP, or a JMP whose operand has bit 1 set for objtool); the
// branch is taken when the key is enabled (its first field not 0),
// exclusive-or the entry's branch bit.
// RUN: %cordon_clang -mllvm -cordon-entry=unlikely_off,likely_on %s | FileCheck %s
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=j -mllvm -cordon-entry=unlikely_off,likely_on -o %t.o %s
// RUN: llvm-readelf -S %t.o | FileCheck %s --check-prefix=OBJ
// RUN: %cordon_verify --compartment j %t.o
// Without the pass, the object has a jump table entry into the code.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -o %t.plain.o %s
// RUN: llvm-readelf -S %t.plain.o | FileCheck %s --check-prefix=PLAIN
// So has one whose static branch the pass does not recognise (a plain asm
// statement, not an asm goto); the verifier refuses it.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -Xclang -load -Xclang %plugin -fpass-plugin=%plugin -mllvm -cordon-compartment=j -mllvm -cordon-entry=unlikely_off,likely_on -DHIDDEN -o %t.hidden.o %s
// RUN: not %cordon_verify --compartment j %t.hidden.o 2>&1 | FileCheck %s --check-prefix=VERIFY -DOBJ=%t.hidden.o

// CHECK-LABEL: define internal i64 @unlikely_off.cordon_body(
// CHECK-NOT: callbr
// CHECK: %[[E:[0-9a-z.]+]] = load volatile i32, ptr @key_off, align {{[0-9]+}}
// CHECK: icmp {{ne|eq}} i32 %[[E]], 0
// CHECK-NOT: callbr
// CHECK: ret i64
// CHECK-LABEL: define internal i64 @likely_on.cordon_body(
// CHECK-NOT: callbr
// CHECK: load volatile i32, ptr @key_on, align {{[0-9]+}}
// CHECK-NOT: callbr
// CHECK: ret i64
// CHECK-NOT: __jump_table

// OBJ-NOT: __jump_table
// PLAIN: __jump_table
// VERIFY: cordon-verify: [[OBJ]]: compartment j: __jump_table+0x0 makes the kernel patch .cordon.text.j at run time, which it cannot write and the boot-time scan would not see; a static branch; {{.*}}

struct static_key {
	int enabled;
	void *entries;
};

struct static_key key_off = { 0 };
struct static_key key_on = { 1 };

static inline __attribute__((always_inline)) int
static_branch_nop(struct static_key *key, int branch)
{
	asm goto("1: .byte 0x0f,0x1f,0x44,0x00,0\n\t"
		 ".pushsection __jump_table, \"aw\"\n\t"
		 ".balign 8\n\t"
		 ".long 1b - .\n\t"
		 ".long %l[l_yes] - .\n\t"
		 ".quad %c0 + %c1 - .\n\t"
		 ".popsection\n\t"
		 : : "i"(key), "i"(branch) : : l_yes);
	return 0;
l_yes:
	return 1;
}

static inline __attribute__((always_inline)) int
static_branch_jmp(struct static_key *key, int branch)
{
	asm goto("1: jmp %l[l_yes] # objtool NOPs this\n\t"
		 ".pushsection __jump_table, \"aw\"\n\t"
		 ".balign 8\n\t"
		 ".long 1b - .\n\t"
		 ".long %l[l_yes] - .\n\t"
		 ".quad %c0 + %c1 - .\n\t"
		 ".popsection\n\t"
		 : : "i"(key), "i"(2 | branch) : : l_yes);
	return 0;
l_yes:
	return 1;
}

// static_branch_unlikely() of a key that starts disabled.
long unlikely_off(long a)
{
	if (static_branch_nop(&key_off, 0))
		return a * 7;
	return a;
}

// static_branch_likely() of a key that starts enabled.
long likely_on(long a)
{
#ifdef HIDDEN
	asm volatile("1: .byte 0x0f,0x1f,0x44,0x00,0\n\t"
		     ".pushsection __jump_table, \"aw\"\n\t"
		     ".balign 8\n\t"
		     ".long 1b - .\n\t"
		     ".popsection\n\t");
#endif
	if (!static_branch_jmp(&key_on, 1))
		return a * 5;
	return a;
}
