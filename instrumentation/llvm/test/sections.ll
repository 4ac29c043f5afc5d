; SPDX-License-Identifier: GPL-2.0
; Everything the unit defines moves into the compartment's sections;
; declarations and globals in sections of the kernel's stay put.
; RUN: %cordon_opt -cordon-compartment=brd %s | FileCheck %s

; CHECK: @table = constant i32 1, section ".cordon.rodata.brd"
@table = constant i32 1
; CHECK: @state = global i64 7, section ".cordon.data.brd"
@state = global i64 7
; CHECK: @zeroed = global [16 x i8] zeroinitializer, section ".cordon.bss.brd"
@zeroed = global [16 x i8] zeroinitializer
; CHECK: @param = global i32 3, section "__param"
@param = global i32 3, section "__param"
; CHECK: @extern_data = external global i32
@extern_data = external global i32

; CHECK: define i32 @helper(i32 %x) section ".cordon.text.brd"
define i32 @helper(i32 %x) {
  %y = load i32, ptr @extern_data
  %z = add i32 %x, %y
  ret i32 %z
}

; CHECK: declare void @printk(ptr, ...)
; CHECK-NOT: section
declare void @printk(ptr, ...)
