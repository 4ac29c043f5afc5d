; SPDX-License-Identifier: GPL-2.0
; More arguments than the gate's three registers: the wrapper passes a
; block on its stack (which the compartment's view may read), the stub
; unpacks it.
; RUN: %cordon_opt -cordon-compartment=brd -cordon-entry=rw_page %s | FileCheck %s

define internal i32 @rw_page(ptr %bdev, i64 %sector, ptr %page, i32 %op) {
  ret i32 0
}

; CHECK: define internal i32 @rw_page(ptr %0, i64 %1, ptr %2, i32 %3)
; CHECK: %[[B:[0-9]+]] = alloca i64, i32 4
; CHECK: getelementptr inbounds i64, ptr %[[B]], i64 3
; CHECK: %[[I:[0-9]+]] = ptrtoint ptr %[[B]] to i64
; CHECK: call i64 @cordon_gate(ptr %{{[0-9]+}}, i64 %[[I]], i64 0, i64 0)

; CHECK: define internal i64 @rw_page.cordon_stub(i64 %0, i64 %1, i64 %2)
; CHECK: %[[V:[0-9]+]] = inttoptr i64 %0 to ptr
; CHECK: getelementptr inbounds i64, ptr %[[V]], i64 3
; CHECK: call i32 @rw_page.cordon_body(ptr %{{[0-9]+}}, i64 %{{[0-9]+}}, ptr %{{[0-9]+}}, i32 %{{[0-9]+}})
