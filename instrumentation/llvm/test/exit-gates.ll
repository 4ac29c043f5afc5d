; SPDX-License-Identifier: GPL-2.0
; Calls from compartment code to functions the unit does not define go to
; an exit stub each (module asm in the compartment's text: the record in
; %r11, then the exit gate), with one record per callee in
; .cordon.exits.<name>. The wrapper's own call of cordon_gate() stays, and
; memcpy/memmove/memset become the compartment's private byte loops.
; RUN: %cordon_opt -cordon-compartment=brd -cordon-entry=submit %s | FileCheck %s

; CHECK: module asm "\09.pushsection .cordon.text.brd,\22ax\22,@progbits"
; CHECK: module asm "alloc_page.cordon_exit:"
; CHECK-NEXT: module asm "\09cmpb $0, cordon_compiled_direct(%rip)"
; CHECK-NEXT: module asm "\09jne 1f"
; CHECK-NEXT: module asm "\09leaq alloc_page.cordon_exit_rec(%rip), %r11"
; CHECK-NEXT: module asm "\09jmp cordon_exit_gate"
; Without views, the kernel's function directly, through the record.
; CHECK-NEXT: module asm "1:\09jmpq *alloc_page.cordon_exit_rec(%rip)"
; CHECK: module asm "printk.cordon_exit:"
; CHECK-NOT: module asm "alloc_page.cordon_exit:"

; CHECK: @alloc_page.cordon_exit_rec = internal global { ptr, i64, ptr, i64 } { ptr @alloc_page, i64 0, ptr @alloc_page.cordon_exit_name, i64 0 }, section ".cordon.exits.brd", align 32
; CHECK: @printk.cordon_exit_rec = internal global {{.*}} { ptr @printk, i64 0, {{.*}} section ".cordon.exits.brd", align 32

declare ptr @alloc_page(i32)
declare i32 @printk(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

@fmt = constant [4 x i8] c"%d\0A\00"

; CHECK-LABEL: define internal void @submit.cordon_body(ptr %bio, i64 %n)
; CHECK: call ptr @alloc_page.cordon_exit(i32 0)
; CHECK: call ptr @alloc_page.cordon_exit(i32 1)
; CHECK: call i32 (ptr, ...) @printk.cordon_exit(ptr @fmt, i32 7)
; CHECK: call void @cordon.memcpy(ptr %p, ptr %bio, i64 %n)
; CHECK: call void @cordon.memset(ptr %p, i64 0, i64 4096)
; CHECK: call void @cordon.memmove(ptr %p, ptr %q, i64 %n)
define void @submit(ptr %bio, i64 %n) {
  %p = call ptr @alloc_page(i32 0)
  %q = call ptr @alloc_page(i32 1)
  %r = call i32 (ptr, ...) @printk(ptr @fmt, i32 7)
  call void @llvm.memcpy.p0.p0.i64(ptr %p, ptr %bio, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr %p, i8 0, i64 4096, i1 false)
  call void @llvm.memmove.p0.p0.i64(ptr %p, ptr %q, i64 %n, i1 false)
  ret void
}

; The wrapper in kernel text calls the gate itself, not through an exit.
; CHECK-LABEL: define void @submit(ptr %0, i64 %1)
; CHECK: call i64 @cordon_gate(

; memcpy and memset go a word at a time, then a byte at a time for the
; rest; memmove a byte at a time, backwards when it must.
; CHECK: define internal void @cordon.memcpy(ptr %0, ptr %1, i64 %2) {{.*}}section ".cordon.text.brd"
; CHECK: icmp uge i64 %2, 8
; CHECK: load volatile i64, ptr {{.*}}, align 1
; CHECK: store volatile i64 {{.*}}, align 1
; CHECK: load volatile i8
; CHECK: store volatile i8
; CHECK: define internal void @cordon.memset(ptr %0, i64 %1, i64 %2) {{.*}}section ".cordon.text.brd"
; CHECK: mul i64 {{.*}}, 72340172838076673
; CHECK: store volatile i64 {{.*}}, align 1
; CHECK: store volatile i8
; CHECK: define internal void @cordon.memmove(ptr %0, ptr %1, i64 %2) {{.*}}section ".cordon.text.brd"
; CHECK-NOT: i64, ptr
; CHECK: icmp ugt i64
; CHECK: declare ptr @alloc_page.cordon_exit(i32)
; CHECK: declare i32 @printk.cordon_exit(ptr, ...)
