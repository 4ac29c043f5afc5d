; SPDX-License-Identifier: GPL-2.0
; What no exit can do to a struct page is refused with an error that names
; the function: an atomic change, and a value that is not an integer or a
; pointer.
; RUN: split-file %s %t
; RUN: not opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers -cordon-compartment=brd -S %t/atomic.ll 2>&1 | FileCheck %s --check-prefix=ATOMIC
; RUN: not opt -load-pass-plugin=%plugin -passes=cordon-inline-helpers -cordon-compartment=brd -S %t/vector.ll 2>&1 | FileCheck %s --check-prefix=VECTOR

; ATOMIC: cordon: get_page changes a struct page atomically; no exit of a compartment can do that
; VECTOR: cordon: copy_page_struct accesses a struct page with a value no exit carries (not an integer or pointer of 1, 2, 4 or 8 bytes)

;--- atomic.ll
%struct.page = type { i64, i32 }

define void @get_page(ptr %page) {
  %ref = getelementptr inbounds %struct.page, ptr %page, i32 0, i32 1
  %old = atomicrmw add ptr %ref, i32 1 seq_cst
  ret void
}

;--- vector.ll
%struct.page = type { i64, i64 }

define <2 x i64> @copy_page_struct(ptr %page) {
  %f = getelementptr inbounds %struct.page, ptr %page, i32 0, i32 0
  %v = load <2 x i64>, ptr %f
  ret <2 x i64> %v
}
