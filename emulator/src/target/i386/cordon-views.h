/*
 * Cordon views: EPT-style views, VMFUNC leaf 0 and #VE for TCG
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The guest-visible ABI is in cordon-views-abi.h (copied from Cordon's
 * compartments/include/linux/ at build time) and docs/views-abi.md.
 */

#ifndef TARGET_I386_CORDON_VIEWS_H
#define TARGET_I386_CORDON_VIEWS_H

#include "cpu.h"

/* The violation was resolved by the "resume" policy: allow this access. */
#define CORDON_VIEWS_ALLOW  1

bool cordon_views_realize(X86CPU *cpu, Error **errp);

/* True when the guest enabled views (SET_STATE) on a views-capable CPU. */
bool cordon_views_active(CPUX86State *env);

/*
 * Check a final guest-physical access. On success *prot is narrowed to
 * what the current view allows for the frame. Returns false only for a
 * probe that the view denies; a real violation raises #VE or takes the
 * exit path and does not return, unless the resume policy allows it.
 */
bool cordon_views_check_final(CPUX86State *env, vaddr gla, hwaddr gpa,
                              MMUAccessType access_type, int *prot,
                              bool probe, uintptr_t retaddr);

/*
 * Check a page-walker access to a paging-structure entry at @gpa while
 * translating @gla. Returns 0 if allowed, else the exit qualification
 * of the violation, to be raised with cordon_views_violation().
 */
uint64_t cordon_views_check_walk(CPUX86State *env, hwaddr gpa, bool write);

/*
 * Convert a violation into #VE if the SDM's conditions hold, else take the
 * configured exit path. Returns only under the "resume" policy.
 */
void cordon_views_violation(CPUX86State *env, vaddr gla, hwaddr gpa,
                            uint64_t qual, uintptr_t retaddr);

/*
 * An event at CPL 0 in a view registered for asynchronous exit (or on its
 * page tables in another view). Returns true if the event is not to be
 * delivered: the vCPU now sits at the exit point. Otherwise delivery goes
 * on, from the state this left.
 */
bool cordon_views_aex(CPUX86State *env, int intno, int is_int, int is_hw);

uint32_t cordon_views_cpuid(X86CPU *cpu, uint32_t index, uint32_t *eax,
                            uint32_t *ebx, uint32_t *ecx, uint32_t *edx);

#endif
