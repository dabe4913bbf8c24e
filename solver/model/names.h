/*
 * names.h — the one helper that makes row and column names for the MILP.
 *
 * Every name of the glp_prob is made here, by meaning and index
 * (`bal_electricity_2030_winter_night`, `x_am_dunkerque_steel_h2_dri_eaf_2035`), so that
 * exported LP/MPS files read like the model. GLPK limits a name to 255 characters and the
 * CPLEX LP format allows letters, digits and !"#$%&()/,.;?@_`'{}|~ only, with no leading
 * digit or period; a name outside those rules makes glp_write_lp fall back to generic
 * names (r_12) and MPS files break on spaces. name_fmt() keeps every name inside them:
 *   - a character outside the set becomes '_';
 *   - a leading digit or period gets a leading '_';
 *   - a name longer than NAME_MAX_LEN is cut and ends with '~' and 8 hex digits of a hash
 *     of the full name, so that two long names that differ only in their tail stay apart.
 * Ids in the Model are at most 64 characters of [A-Za-z0-9_] (README), so real names never
 * need the last two rules; they are there so that no input can make GLPK abort.
 */
#ifndef TICO_NAMES_H
#define TICO_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#define NAME_MAX_LEN 255
#define NAME_BUF (NAME_MAX_LEN + 1)

/* Format a name into buf (at least NAME_BUF bytes) with printf-style fmt, made valid as
 * above. Returns buf. The caller owns buf. */
const char *name_fmt(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True if s is a valid name: 1..NAME_MAX_LEN characters of the CPLEX LP set, first
 * character neither a digit nor a period. */
bool name_valid(const char *s);

#endif
