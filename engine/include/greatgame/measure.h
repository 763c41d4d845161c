/// greatgame: the measurement model, the optional `measurement` section of
/// a scenario. Each entry states how an observed indicator (a UN voting
/// agreement, a trade share, remittances as a share of GDP...) follows from
/// the model's quantities:
///
///     link(value) = intercept + sum_k coefficients[k] * term_k
///
/// where the link is `identity`, `logit` or `log`, and each term is one of
///
/// - `share`: the alignment share of the partner (or of the power `of`);
/// - `autonomy`: the autonomy share;
/// - `stock_share:CHANNEL`: the partner's stock in the channel over the sum
///   of every power's stock there (0 when that sum is 0);
/// - `member:BLOC`: 1 while the state is a member of the bloc, else 0;
/// - in GG-2 scenarios only (<greatgame/gg2.h>): `ties` and `dependence`,
///   the state's ties with and dependence on the partner (or `of`), and
///   `hedging`, the state's hedging capacity.
///
/// An entry with `partners` gives one indicator per listed power (the
/// partner column of the observed data); one without gives one value per
/// state and reads its `share` and `stock_share` terms of the power `of`.
/// The model itself never reads the section: a scenario with or without it
/// runs the same bits.
#ifndef GREATGAME_MEASURE_H
#define GREATGAME_MEASURE_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The most terms of one entry.
#define GG_MEASURE_MAX_TERMS 8

typedef enum gg_link { GG_LINK_IDENTITY = 0, GG_LINK_LOGIT = 1, GG_LINK_LOG = 2 } gg_link;

typedef enum gg_term_kind {
  GG_TERM_SHARE = 0,       ///< alignment share of the partner (or `of`)
  GG_TERM_AUTONOMY = 1,    ///< autonomy share
  GG_TERM_STOCK_SHARE = 2, ///< the partner's share of the channel's stocks (index: channel)
  GG_TERM_MEMBER = 3,      ///< membership of a bloc, 0 or 1 (index: bloc)
  GG_TERM_TIES = 4,        ///< GG-2: ties with the partner (gg_sim_ties)
  GG_TERM_DEPENDENCE = 5,  ///< GG-2: dependence on the partner (gg_sim_dependence)
  GG_TERM_HEDGING = 6,     ///< GG-2: hedging capacity (gg_sim_hedging_capacity)
  GG_TERM_STOCK_GDP = 7    ///< the channel's stock over 1000 x GDP: the partner's, or every
                           ///< power's together without partner (index: channel)
} gg_term_kind;

typedef struct gg_measure_term {
  gg_term_kind kind;
  int index; ///< the channel or bloc index; -1 for share and autonomy
} gg_measure_term;

/// One entry of the section, as loaded.
typedef struct gg_measure {
  const char *indicator; ///< the indicator's name in observed files
  int npartners;         ///< powers with an indicator of their own (0: none)
  const int *partners;   ///< their power indices
  int of;                ///< without partners: the power of `share`/`stock_share` (-1: none)
  gg_link link;
  int nterms;
  gg_measure_term terms[GG_MEASURE_MAX_TERMS];
  double intercept;
  double coefficients[GG_MEASURE_MAX_TERMS];
  double sd;        ///< the error's standard deviation on the link's scale
  const char *note; ///< where the form and numbers come from ("" if none)
} gg_measure;

/// Clamp applied to a value before a logit (to [eps, 1 - eps]) or a log (to
/// at least eps).
#define GG_MEASURE_EPS 1e-4

GG_API int gg_scenario_measures(const gg_scenario *sc);
GG_API const gg_measure *gg_scenario_measure(const gg_scenario *sc, int i);
/// The term names as written in the scenario ("share", "stock_share:investment").
GG_API int gg_measure_term_name(const gg_scenario *sc, const gg_measure_term *t, char *buf,
                                size_t size);
GG_API const char *gg_link_name(gg_link link);

/// The terms of entry m for a state and partner (a power index, or -1 for an
/// entry without partners) at the simulation's current tick, into
/// x[0..nterms-1].
GG_API void gg_measure_terms(const gg_sim *sim, const gg_measure *m, int state, int partner,
                             double *x);
/// The link's inverse of a linear predictor eta: the indicator's value.
GG_API double gg_measure_inverse(gg_link link, double eta);
/// The link applied to a value (clamped as GG_MEASURE_EPS says).
GG_API double gg_measure_link(gg_link link, double value);
/// The predicted indicator with the entry's own parameters.
GG_API double gg_measure_value(const gg_sim *sim, const gg_measure *m, int state, int partner);

#ifdef __cplusplus
}
#endif
#endif
