; SPDX-License-Identifier: GPL-2.0
; Locks that disable interrupts (before the inliner): the compartment saves
; and changes its own interrupt flag around the lock's exit, since the exit
; gate gives it back the flag it had. spin_lock_irqsave: PUSHF, CLI, then
; the tracked lock; spin_unlock_irqrestore: the tracked unlock, then STI if
; the saved flags had IF; the _irq forms CLI and STI; reader-writer locks
; likewise, and their plain forms go to the tracked versions (held.c).
; RUN: %cordon_opt -cordon-compartment=brd -passes=cordon-inline-helpers %s | FileCheck %s

declare i64 @_raw_spin_lock_irqsave(ptr)
declare void @_raw_spin_unlock_irqrestore(ptr, i64)
declare void @_raw_read_lock_irq(ptr)
declare void @_raw_read_unlock_irq(ptr)
declare void @_raw_write_lock(ptr)
declare void @_raw_write_unlock(ptr)

; CHECK-LABEL: define void @locks(ptr %l, ptr %rw)
; CHECK-NEXT: %1 = call i64 asm sideeffect "pushfq\0A\09popq $0\0A\09cli"
; CHECK-NEXT: call void @cordon_spin_lock(ptr %l)
; CHECK-NEXT: call void @cordon_spin_unlock(ptr %l)
; CHECK-NEXT: %2 = and i64 %1, 512
; CHECK-NEXT: %3 = icmp ne i64 %2, 0
; CHECK-NEXT: br i1 %3, label %[[STI:[0-9]+]], label %[[REST:[0-9]+]]
; CHECK: [[STI]]:
; CHECK-NEXT: call void asm sideeffect "sti"
; CHECK: [[REST]]:
; CHECK-NEXT: call void asm sideeffect "cli"
; CHECK-NEXT: call void @cordon_read_lock(ptr %rw)
; CHECK-NEXT: call void @cordon_read_unlock(ptr %rw)
; CHECK-NEXT: call void asm sideeffect "sti"
; CHECK-NEXT: call void @cordon_write_lock(ptr %rw)
; CHECK-NEXT: call void @cordon_write_unlock(ptr %rw)
; CHECK-NOT: _raw_
define void @locks(ptr %l, ptr %rw) {
  %f = call i64 @_raw_spin_lock_irqsave(ptr %l)
  call void @_raw_spin_unlock_irqrestore(ptr %l, i64 %f)
  call void @_raw_read_lock_irq(ptr %rw)
  call void @_raw_read_unlock_irq(ptr %rw)
  call void @_raw_write_lock(ptr %rw)
  call void @_raw_write_unlock(ptr %rw)
  ret void
}
