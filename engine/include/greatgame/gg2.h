/// greatgame: model GG-2 (hedging, ties measured alike for every power,
/// dependence and leverage, regime security, conditionality). A scenario
/// runs GG-2 when it says "format": 2 and "model": "GG-2" (docs/model.md,
/// "GG-2"; docs/scenarios.md, "Format 2").
#ifndef GREATGAME_GG2_H
#define GREATGAME_GG2_H

#include "base.h"
#include "params.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The model a scenario runs: 1 for GG-1 (format 1), 2 for GG-2. 0 for NULL.
GG_API int gg_scenario_model(const gg_scenario *sc);

/// GG-2's own rows of the parameter table (paths, ranges, defaults), apart
/// from gg_param_at's so that GG-1's table is unchanged. Their paths are
/// valid only in GG-2 scenarios.
GG_API int gg_gg2_param_count(void);
/// Row i (0 <= i < gg_gg2_param_count()), or NULL.
GG_API const gg_param_info *gg_gg2_param_at(int i);

/// Ties E[s][p] of the last step: sum over channels c of
/// weight[s][c] * bloc multiplier * X / (X + saturation), in utility units
/// before the ties pull psi. 0 before the first step and in GG-1 runs.
/// NaN (after the check handler) for a bad index.
GG_API double gg_sim_ties(const gg_sim *sim, int state, int power);

/// Dependence index D[s][p] of the last step: sum over channels c of
/// dependence[c] * stock / (1000 * gdp[s]) (stocks in USD million, GDP in
/// USD billion, so 1 means stocks weighing one year of GDP). 0 before the
/// first step and in GG-1 runs.
GG_API double gg_sim_dependence(const gg_sim *sim, int state, int power);

/// Hedging capacity H[s] of the last step: the sum of the state's ties with
/// every power but its strongest tie, in utility units. 0 before the first
/// step and in GG-1 runs.
GG_API double gg_sim_hedging_capacity(const gg_sim *sim, int state);

/// The terms of one utility of the last step in GG-2 (docs/model.md, "GG-2"),
/// in utility units; `total` is their sum as the target used it (kept
/// within +-1e300). For autonomy (k = 0) only affinity (alpha), hedging,
/// neighbour, noise and total are non-zero.
typedef struct gg_gg2_utility_terms {
  double affinity;       ///< g[s][p], or alpha[s] for autonomy
  double ties;           ///< psi[s] * E[s][p]
  double dependence;     ///< mu[s] * D[s][p]
  double regime;         ///< rho[s] * unrest[s] * G[s][p] (guarantor presence)
  double conditionality; ///< -kappa[s] * conditionality[p] (0 or below)
  double bloc;           ///< sum of the bonuses of the blocs the power sponsors
  double backlash;       ///< -beta[s] * max(0, visible share - theta) (0 or below)
  double hedging;        ///< eta[s] * H[s] (autonomy only)
  double neighbour;      ///< nu[s] * neighbours' mean share of the component
  double noise;          ///< sigma[s] * xi
  double total;          ///< the utility
} gg_gg2_utility_terms;

/// The GG-2 terms of utility k (0 autonomy, 1 + p power p) of state s in
/// the last step; all zero before the first step and in GG-1 runs (whose
/// terms gg_sim_utility gives).
GG_API void gg_sim_gg2_utility(const gg_sim *sim, int state, int k, gg_gg2_utility_terms *out);

#ifdef __cplusplus
}
#endif
#endif
