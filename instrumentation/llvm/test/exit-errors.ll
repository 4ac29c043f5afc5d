; SPDX-License-Identifier: GPL-2.0
; A call out that an exit gate cannot carry (more than six arguments, an
; argument or result wider than a register, a structure passed by value)
; stops the build with an error naming the callee and the caller.
; RUN: not %cordon_opt -cordon-compartment=brd -cordon-entry=seven %s 2>&1 | FileCheck %s --check-prefix=SEVEN
; RUN: sed -e '/@k7(i64 1/d' %s | not %cordon_opt -cordon-compartment=brd - 2>&1 | FileCheck %s --check-prefix=WIDE

; SEVEN: cordon: call of k7 in seven passes 7 arguments; an exit gate carries six
; WIDE: cordon: call of k128 in wide passes argument 1 that is not an integer or a pointer; an exit gate cannot carry it

declare void @k7(i64, i64, i64, i64, i64, i64, i64)
declare void @k128(i128)

define void @seven() {
  call void @k7(i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7)
  ret void
}

define void @wide() {
  call void @k128(i128 1)
  ret void
}
