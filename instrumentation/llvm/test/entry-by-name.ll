; SPDX-License-Identifier: GPL-2.0
; References by name that the IR cannot see (an initcall entry emitted as
; module asm, an export) reach the wrapper: it takes over the symbol.
; Results come back through the gate's 64-bit result.
; RUN: %cordon_opt -cordon-compartment=brd -cordon-entry=brd_init %s | FileCheck %s

module asm ".section .initcall6.init, \22a\22"
module asm "__initcall_brd_init6: .long brd_init - ."
module asm ".previous"

; CHECK: define internal i32 @brd_init.cordon_body() section ".cordon.text.brd"
define i32 @brd_init() {
  ret i32 0
}

; CHECK: define i32 @brd_init() {
; CHECK: %[[X:[0-9]+]] = call i64 @cordon_gate(ptr %{{[0-9]+}}, i64 0, i64 0, i64 0)
; CHECK-NEXT: %[[T:[0-9]+]] = trunc i64 %[[X]] to i32
; CHECK-NEXT: ret i32 %[[T]]

; CHECK: define internal i64 @brd_init.cordon_stub(i64 %0, i64 %1, i64 %2)
; CHECK: %[[R:[0-9]+]] = call i32 @brd_init.cordon_body()
; CHECK-NEXT: %[[W:[0-9]+]] = zext i32 %[[R]] to i64
; CHECK-NEXT: ret i64 %[[W]]
