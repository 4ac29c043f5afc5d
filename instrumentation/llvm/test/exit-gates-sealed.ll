; SPDX-License-Identifier: GPL-2.0
; A sealed compartment's calls out go through the sealed exit gate, which
; keeps the sealed context in sealed memory; an untrusted one's through the
; ordinary exit gate; any other kind is refused. An ops table of entry
; points is the kernel's interface to a sealed compartment: it stays in the
; kernel's data, pointing at the wrappers, while the compartment's other
; data is sealed with it.
; RUN: %cordon_opt -cordon-compartment=flask -cordon-kind=sealed -cordon-entry=decide %s | FileCheck %s --check-prefix=SEALED
; RUN: %cordon_opt -cordon-compartment=brd -cordon-kind=untrusted -cordon-entry=decide %s | FileCheck %s --check-prefix=UNTRUSTED
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-kind=trusted -cordon-entry=decide %s 2>&1 | FileCheck %s --check-prefix=BAD

; SEALED: module asm "printk.cordon_exit:"
; SEALED-NEXT: module asm "\09cmpb $0, cordon_compiled_direct(%rip)"
; SEALED-NEXT: module asm "\09jne 1f"
; SEALED-NEXT: module asm "\09leaq printk.cordon_exit_rec(%rip), %r11"
; SEALED-NEXT: module asm "\09jmp cordon_sealed_exit_gate"
; SEALED: @ops = constant { ptr } { ptr @decide }{{$}}
; SEALED-NEXT: @state = global i64 1, section ".cordon.data.flask"
; SEALED: section ".cordon.exits.flask"
; SEALED: define internal i64 @decide.cordon_body(i64 %x) section ".cordon.text.flask"

; UNTRUSTED: module asm "\09jmp cordon_exit_gate"
; UNTRUSTED: @ops = constant { ptr } { ptr @decide }, section ".cordon.rodata.brd"
; UNTRUSTED-NOT: cordon_sealed_exit_gate

; BAD: cordon: -cordon-kind=trusted is not a compartment kind; use untrusted or sealed

declare i32 @printk(ptr, ...)

@fmt = constant [4 x i8] c"%d\0A\00"
@ops = constant { ptr } { ptr @decide }
@state = global i64 1

define i64 @decide(i64 %x) {
  %r = call i32 (ptr, ...) @printk(ptr @fmt, i64 %x)
  %s = load i64, ptr @state
  %t = add i64 %s, %x
  ret i64 %t
}
