// SPDX-License-Identifier: GPL-2.0
// scripts/cordon-verify lets a compartment of kind sealed call the sealed
// run time (cordon_srt_*, sealed code in the same view), and nothing else
// of the kernel; an untrusted compartment may not call it.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -o %t.o %s
// RUN: %cordon_verify --kind sealed --compartment t %t.o > %t.out 2>&1 || echo "exit $?" >> %t.out
// RUN: FileCheck %s --check-prefix=SEALED -DOBJ=%t.o < %t.out
// RUN: %cordon_verify --compartment t %t.o > %t.out 2>&1 || echo "exit $?" >> %t.out
// RUN: FileCheck %s --check-prefix=UNTRUSTED -DOBJ=%t.o < %t.out
// RUN: not %cordon_verify --kind trusted --compartment t %t.o 2>&1 | FileCheck %s --check-prefix=BAD

// SEALED: cordon-verify: [[OBJ]]: compartment t: {{.*}} (probe+0x{{[0-9a-f]+}}) references kfree, which is outside the compartment; {{.*}}
// SEALED-NEXT: cordon-verify: [[OBJ]]: 1 reference leaves compartment t
// SEALED-NEXT: exit 1
// SEALED-NOT: {{.}}
// UNTRUSTED: references cordon_srt_kmalloc, which is outside the compartment
// UNTRUSTED: references kfree, which is outside the compartment
// UNTRUSTED: 2 references leave compartment t
// BAD: argument --kind: invalid choice: 'trusted'

asm(".pushsection .cordon.text.t,\"ax\"\n"
    "	.globl probe\n"
    "	.type probe, @function\n"
    "probe:\n"
    "	call cordon_srt_kmalloc\n"
    "	call kfree\n"
    "	jmp cordon_sealed_exit_gate\n"
    "	.size probe, .-probe\n"
    ".popsection\n");
