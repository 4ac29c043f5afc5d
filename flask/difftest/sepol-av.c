// SPDX-License-Identifier: GPL-2.0
/*
 * sepol-av - libsepol's access decisions for sampled triples of a policy
 *
 *   sepol-av POLICY COUNT SEED > TRIPLES
 *
 * Reads a kernel binary policy with libsepol (Debian's libsepol-dev) and
 * writes COUNT lines, one per sampled valid triple:
 *
 *   <source context> <target context> <class value> <allowed> <auditallow> <auditdeny>
 *
 * in hexadecimal for the vectors, with the class as the policy's value
 * (the kernel's security_compute_av_user() takes the same). Half the
 * triples are drawn at random: the source a user, one of its roles and
 * one of that role's types; the target either such a context too or an
 * object's (system_u:object_r:<any type>). The other half come from the
 * policy's allow rules, so that most of them allow something: a rule, a
 * type of its source (an attribute's member) that some role and user may
 * have, an object of a type of its target, its class. The level is s0 in
 * an MLS policy. Triples libsepol finds invalid are drawn again. The same
 * SEED gives the same triples. The
 * KUnit suite cordon_sealed_selinux_debian asks the sealed server the
 * same questions and compares (docs/design.md, "The differential test").
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sepol/policydb/policydb.h>
#include <sepol/policydb/services.h>
#include <sepol/policydb/sidtab.h>

static policydb_t pdb;
static sidtab_t sids;
/* The allow rules; per type, a role that has it; per role, a user. */
static avtab_ptr_t *rules;
static unsigned int nr_rules, *role_of, *user_of;

static void die(const char *what)
{
	fprintf(stderr, "sepol-av: %s\n", what);
	exit(1);
}

static unsigned int pick(unsigned int n)
{
	return (unsigned int)(lrand48() % n);
}

/* The n-th set bit of @e (0 if none), 1-based values as libsepol's. */
static unsigned int nth_bit(const ebitmap_t *e, unsigned int n)
{
	ebitmap_node_t *node;
	unsigned int bit;

	ebitmap_for_each_positive_bit(e, node, bit)
		if (!n--)
			return bit + 1;
	return 0;
}

/* A user:role:type[:s0] context a process could have, or 0. */
static int domain_context(char *buf, size_t len)
{
	const user_datum_t *u;
	const role_datum_t *r;
	unsigned int n, role, type;

	u = pdb.user_val_to_struct[pick(pdb.p_users.nprim)];
	if (!u)
		return 0;
	n = ebitmap_cardinality(&u->roles.roles);
	if (!n)
		return 0;
	role = nth_bit(&u->roles.roles, pick(n));
	if (!role || role == OBJECT_R_VAL)
		return 0;
	r = pdb.role_val_to_struct[role - 1];
	if (!r)
		return 0;
	n = ebitmap_cardinality(&r->types.types);
	if (!n)
		return 0;
	type = nth_bit(&r->types.types, pick(n));
	if (!type)
		return 0;
	snprintf(buf, len, "%s:%s:%s%s",
		 pdb.p_user_val_to_name[u->s.value - 1],
		 pdb.p_role_val_to_name[role - 1],
		 pdb.p_type_val_to_name[type - 1], pdb.mls ? ":s0" : "");
	return 1;
}

/* A type of @t: itself, or a member if it is an attribute; or 0. */
static unsigned int member(unsigned int t)
{
	const ebitmap_t *m = &pdb.attr_type_map[t - 1];
	unsigned int n;

	if (pdb.type_val_to_struct[t - 1]->flavor != TYPE_ATTRIB)
		return t;
	n = ebitmap_cardinality(m);
	return n ? nth_bit(m, pick(n)) : 0;
}

static void index_policy(void)
{
	unsigned int i, t, r;
	avtab_ptr_t node;

	rules = calloc(pdb.te_avtab.nel, sizeof(*rules));
	role_of = calloc(pdb.p_types.nprim + 1, sizeof(*role_of));
	user_of = calloc(pdb.p_roles.nprim + 1, sizeof(*user_of));
	if (!rules || !role_of || !user_of)
		die("out of memory");
	for (i = 0; i < pdb.te_avtab.nslot; i++)
		for (node = pdb.te_avtab.htable[i]; node; node = node->next)
			if (node->key.specified & AVTAB_ALLOWED)
				rules[nr_rules++] = node;
	for (r = 1; r <= pdb.p_roles.nprim; r++) {
		const role_datum_t *rd = pdb.role_val_to_struct[r - 1];
		ebitmap_node_t *n;

		if (r == OBJECT_R_VAL || !rd)
			continue;
		ebitmap_for_each_positive_bit(&rd->types.types, n, t)
			if (!role_of[t + 1])
				role_of[t + 1] = r;
	}
	for (i = 1; i <= pdb.p_users.nprim; i++) {
		const user_datum_t *ud = pdb.user_val_to_struct[i - 1];
		ebitmap_node_t *n;

		if (!ud)
			continue;
		ebitmap_for_each_positive_bit(&ud->roles.roles, n, r)
			if (!user_of[r + 1])
				user_of[r + 1] = i;
	}
}

/* A triple from an allow rule, or 0. */
static int rule_triple(char *scon, char *tcon, size_t len,
		       unsigned int *tclass)
{
	const avtab_key_t *k;
	unsigned int s, t, role;

	if (!nr_rules)
		return 0;
	k = &rules[pick(nr_rules)]->key;
	s = member(k->source_type);
	t = member(k->target_type);
	if (!s || !t)
		return 0;
	role = role_of[s];
	if (!role || !user_of[role])
		return 0;
	snprintf(scon, len, "%s:%s:%s%s",
		 pdb.p_user_val_to_name[user_of[role] - 1],
		 pdb.p_role_val_to_name[role - 1],
		 pdb.p_type_val_to_name[s - 1], pdb.mls ? ":s0" : "");
	snprintf(tcon, len, "system_u:object_r:%s%s",
		 pdb.p_type_val_to_name[t - 1], pdb.mls ? ":s0" : "");
	*tclass = k->target_class;
	return 1;
}

/* system_u:object_r:<type>[:s0], or 0 for an attribute. */
static int object_context(char *buf, size_t len)
{
	unsigned int type = pick(pdb.p_types.nprim);

	if (!pdb.p_type_val_to_name[type] ||
	    pdb.type_val_to_struct[type]->flavor == TYPE_ATTRIB)
		return 0;
	snprintf(buf, len, "system_u:object_r:%s%s",
		 pdb.p_type_val_to_name[type], pdb.mls ? ":s0" : "");
	return 1;
}

int main(int argc, char **argv)
{
	char scon[512], tcon[512];
	struct sepol_av_decision avd;
	struct policy_file pf;
	sepol_security_id_t ssid, tsid;
	unsigned long count, done = 0, tries = 0;
	unsigned int tclass;
	struct stat st;
	FILE *fp;
	void *img;

	if (argc != 4)
		die("usage: sepol-av POLICY COUNT SEED");
	count = strtoul(argv[2], NULL, 10);
	srand48(strtol(argv[3], NULL, 10));
	fp = fopen(argv[1], "r");
	if (!fp || fstat(fileno(fp), &st))
		die("cannot open the policy; build it with scripts/fetch-policy");
	img = malloc(st.st_size);
	if (!img || fread(img, 1, st.st_size, fp) != (size_t)st.st_size)
		die("cannot read the policy");
	policy_file_init(&pf);
	pf.type = PF_USE_MEMORY;
	pf.data = img;
	pf.len = st.st_size;
	if (policydb_init(&pdb) || policydb_read(&pdb, &pf, 0))
		die("libsepol cannot read the policy: not a kernel binary policy?");
	if (sepol_sidtab_init(&sids) || policydb_load_isids(&pdb, &sids))
		die("libsepol cannot load the policy's initial SIDs");
	sepol_set_policydb(&pdb);
	sepol_set_sidtab(&sids);
	index_policy();

	while (done < count) {
		if (++tries > 1000 * (count + 1000))
			die("too few valid triples in this policy");
		if (done & 1) {
			if (!rule_triple(scon, tcon, sizeof(scon), &tclass))
				continue;
		} else {
			if (!domain_context(scon, sizeof(scon)))
				continue;
			if (pick(2) ? !domain_context(tcon, sizeof(tcon)) :
				      !object_context(tcon, sizeof(tcon)))
				continue;
			tclass = pick(pdb.p_classes.nprim) + 1;
		}
		if (sepol_context_to_sid(scon, strlen(scon) + 1, &ssid) ||
		    sepol_context_to_sid(tcon, strlen(tcon) + 1, &tsid))
			continue;
		if (sepol_compute_av(ssid, tsid, tclass, 0, &avd))
			continue;
		printf("%s %s %u %x %x %x\n", scon, tcon, tclass, avd.allowed,
		       avd.auditallow, avd.auditdeny);
		done++;
	}
	return 0;
}
