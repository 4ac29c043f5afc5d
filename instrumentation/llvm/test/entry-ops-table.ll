; SPDX-License-Identifier: GPL-2.0
; An entry point stored in an ops table: the table now holds a wrapper of
; the same C type and kCFI hash that crosses through the gate; the body
; stays in the compartment, and a direct call to it from compartment code
; still reaches it there.
; RUN: %cordon_opt -cordon-compartment=brd -cordon-entry=submit %s | FileCheck %s

%struct.ops = type { ptr, ptr }

; CHECK: @fops = constant %struct.ops { ptr @submit, ptr @other }, section ".cordon.rodata.brd"
@fops = constant %struct.ops { ptr @submit, ptr @other }

; The gate slot, in kernel memory the run time fills at boot.
; CHECK: @submit.cordon_gate = internal global ptr null, section ".data..ro_after_init"
; One record per entry point: name, entry stub, slot.
; CHECK: @submit.cordon_entry_record = internal constant { ptr, ptr, ptr } { ptr @submit.cordon_name, ptr @submit.cordon_stub, ptr @submit.cordon_gate }, section ".cordon.entries.brd", align 8
; CHECK: @llvm.compiler.used = appending global [1 x ptr] [ptr @submit.cordon_entry_record]

; The body: renamed, internal, in the compartment.
; CHECK: define internal void @submit.cordon_body(ptr %bio) section ".cordon.text.brd" !kcfi_type ![[K:[0-9]+]]
define internal void @submit(ptr %bio) !kcfi_type !0 {
  store i32 1, ptr %bio
  ret void
}

; CHECK: define void @other(ptr %bio) section ".cordon.text.brd"
; CHECK-NEXT: call void @submit.cordon_body(ptr %bio)
define void @other(ptr %bio) {
  call void @submit(ptr %bio)
  ret void
}

; The wrapper keeps the name, the C type and the kCFI hash, in kernel text.
; CHECK: define internal void @submit(ptr %0) !kcfi_type ![[K]] {
; Without views, the driver's function directly, unless the run time
; filled the gate slot (a compartment refused at boot).
; CHECK-NEXT: %[[G:[0-9]+]] = load ptr, ptr @submit.cordon_gate
; CHECK-NEXT: %[[D:[0-9]+]] = load i8, ptr @cordon_compiled_direct
; CHECK-NEXT: %[[T:[0-9]+]] = icmp ne i8 %[[D]], 0
; CHECK-NEXT: %[[N:[0-9]+]] = icmp eq ptr %[[G]], null
; CHECK-NEXT: %[[C:[0-9]+]] = and i1 %[[T]], %[[N]]
; CHECK-NEXT: br i1 %[[C]], label %direct, label %cross
; CHECK: direct:
; CHECK-NEXT: call void @submit.cordon_body(ptr %0)
; CHECK-NEXT: ret void
; CHECK: cross:
; CHECK-NEXT: %[[A:[0-9]+]] = ptrtoint ptr %0 to i64
; CHECK-NEXT: call i64 @cordon_gate(ptr %[[G]], i64 %[[A]], i64 0, i64 0)
; CHECK-NEXT: ret void

; The stub in the compartment takes the gate's registers.
; CHECK: define internal i64 @submit.cordon_stub(i64 %0, i64 %1, i64 %2) #{{[0-9]+}} section ".cordon.text.brd"
; CHECK: %[[P:[0-9]+]] = inttoptr i64 %0 to ptr
; CHECK-NEXT: call void @submit.cordon_body(ptr %[[P]])
; CHECK-NEXT: ret i64 0

; CHECK: declare i64 @cordon_gate(ptr, i64, i64, i64)
!0 = !{i32 12345}
