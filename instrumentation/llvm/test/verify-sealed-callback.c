// SPDX-License-Identifier: GPL-2.0
// Sealed code may hand the kernel the address of an entry point's
// kernel-side wrapper (a callback, such as the SELinux server's
// avc_add_callback(aurule_avc_callback, ...)): the wrapper is kernel text,
// which the sealed tables do not map, but sealed code only passes its
// address on. scripts/cordon-verify accepts a reference to .text when it
// lands on a function the manifest names as an entry point, and refuses
// one that does not (any other kernel text, or inside a function). Data
// in .cordon.readable.<name>, which the kernel may read, is the
// compartment's own.
// RUN: clang -c --target=x86_64-linux-gnu -O2 -fno-pic -mcmodel=kernel -o %t.o %s
// RUN: printf 'compartment t\nentry cb kind=callback at=x.c:1 def=x.c:1\n' > %t.manifest
// RUN: %cordon_verify --kind sealed --compartment t --manifest %t.manifest %t.o
// RUN: printf 'compartment t\n' > %t.none
// RUN: not %cordon_verify --kind sealed --compartment t --manifest %t.none %t.o 2>&1 | FileCheck %s
// RUN: clang -c --target=x86_64-linux-gnu -O2 -fno-pic -mcmodel=kernel -DINSIDE -o %t.inside.o %s
// RUN: not %cordon_verify --kind sealed --compartment t --manifest %t.manifest %t.inside.o 2>&1 | FileCheck %s

// CHECK: cordon-verify: {{.*}}: compartment t: .cordon.text.t+0x{{[0-9a-f]+}} (give+0x{{[0-9a-f]+}}) references .text, which the sealed page tables do not map

#define IN(kind) __attribute__((section(".cordon." #kind ".t")))

IN(readable) const char name[] = "kernel-readable";
IN(data) const char *shown = name;

/* The wrapper, in kernel text; the pass gives it the entry's name. */
static __attribute__((noinline)) int cb(int x)
{
	return x + 1;
}

static __attribute__((noinline)) int cb2(int x)
{
	return x + 2;
}

/* Where the exit that hands it to the kernel would take it from. */
IN(data) int (*handed)(int);

IN(text) void give(void)
{
#ifdef INSIDE
	handed = (int (*)(int))((char *)cb2 + 1);
#else
	handed = cb;
#endif
}
