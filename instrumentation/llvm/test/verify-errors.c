// SPDX-License-Identifier: GPL-2.0
// scripts/cordon-verify refuses an object that has no .cordon.text.<name>,
// because the pass did not run on it (exit status 1), and reports with
// exit status 2 a missing file, a file that is not ELF, a linked file, a
// missing llvm-readelf and bad arguments. With several objects it checks
// them all and exits with the worst status.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -o %t.o %s
// RUN: %cordon_verify --compartment t %t.o > %t.nosec 2>&1 || echo "exit $?" >> %t.nosec
// RUN: FileCheck %s --check-prefix=NOSEC -DOBJ=%t.o < %t.nosec
// RUN: %cordon_verify --compartment t %t.missing > %t.missing.out 2>&1 || echo "exit $?" >> %t.missing.out
// RUN: FileCheck %s --check-prefix=MISSING -DOBJ=%t.missing < %t.missing.out
// RUN: %cordon_verify --compartment t %s > %t.notelf 2>&1 || echo "exit $?" >> %t.notelf
// RUN: FileCheck %s --check-prefix=NOTELF -DOBJ=%s < %t.notelf
// RUN: ld.lld -shared -o %t.so %t.o
// RUN: %cordon_verify --compartment t %t.so > %t.linked 2>&1 || echo "exit $?" >> %t.linked
// RUN: FileCheck %s --check-prefix=LINKED -DOBJ=%t.so < %t.linked
// RUN: %cordon_verify --compartment t %t.o %t.missing > %t.both 2>&1 || echo "exit $?" >> %t.both
// RUN: FileCheck %s --check-prefix=BOTH -DT=%t < %t.both
// RUN: env READELF=cordon-no-such-readelf %cordon_verify --compartment t %t.o > %t.tool 2>&1 || echo "exit $?" >> %t.tool
// RUN: FileCheck %s --check-prefix=TOOL < %t.tool
// RUN: %cordon_verify %t.o > %t.usage 2>&1 || echo "exit $?" >> %t.usage
// RUN: FileCheck %s --check-prefix=USAGE < %t.usage
// RUN: %cordon_verify --compartment 'a b' %t.o > %t.name 2>&1 || echo "exit $?" >> %t.name
// RUN: FileCheck %s --check-prefix=NAME < %t.name

// NOSEC: cordon-verify: [[OBJ]]: no section .cordon.text.t; it was not built with the Cordon pass for compartment t (-mllvm -cordon-compartment=t)
// NOSEC-NEXT: exit 1
// MISSING: cordon-verify: [[OBJ]]: cannot read it: No such file or directory
// MISSING-NEXT: exit 2
// NOTELF: cordon-verify: [[OBJ]]: not an ELF object file
// NOTELF-NEXT: exit 2
// LINKED: cordon-verify: [[OBJ]]: not a relocatable object (ELF type DYN); give the .o files
// LINKED-NEXT: exit 2
// BOTH: cordon-verify: [[T]].o: no section .cordon.text.t;
// BOTH-NEXT: cordon-verify: [[T]].missing: cannot read it
// BOTH-NEXT: exit 2
// TOOL: cordon-verify: cordon-no-such-readelf not found; run 'make deps' (package llvm-16)
// TOOL-NEXT: exit 2
// USAGE: usage: cordon-verify
// USAGE: cordon-verify: error: the following arguments are required: --compartment
// USAGE-NEXT: exit 2
// NAME: cordon-verify: bad compartment name 'a b'
// NAME-NEXT: exit 2

int printk(const char *fmt, ...);

int probe(int x)
{
	return printk("%d\n", x);
}
