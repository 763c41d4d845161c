/// greatgame: numbers as text, the one way every output file writes them.
#ifndef GREATGAME_NUMFMT_H
#define GREATGAME_NUMFMT_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Room for the longest text of gg_fmt_shortest, with its terminating NUL.
#define GG_SHORTEST_MAX 32

/// Writes into buf (at least GG_SHORTEST_MAX bytes) the shortest decimal
/// text that reads back (strtod, Python's float, R, JavaScript) as exactly
/// v, and returns its length. Of the shortest texts, the one nearest to v.
/// One exception: when that text lies within 1/64 of the way from v to the
/// halfway point to a neighbouring double, a reader that rounds twice (R's
/// read.csv computes in long double, then rounds to double) could miss v,
/// so the correctly rounded text with one or more further digits (at most
/// 17) is written instead: about 0.5% of values.
/// The layout is that of printf's %g: plain digits with a '.' ("0.1",
/// "123456.789", "-0", "3"), or an exponent when the decimal exponent X of
/// the first digit is below -4 or above 16 ("1e-07", "2.5e+20",
/// "5e-324"). Not finite: "nan", "inf", "-inf". docs/commands.md, "Numbers in files".
GG_API int gg_fmt_shortest(char *buf, double v);

#ifdef __cplusplus
}
#endif
#endif
