/// greatgame: a geopolitical influence simulation engine (models GG-1 and GG-2).
///
/// The public C API, one header per concern. Prefix `gg_`; every object has a
/// create/free pair and the caller owns what it creates. There is no global
/// mutable state apart from the optional allocator and check hooks, so simulations run
/// side by side in threads (one simulation per thread).
#ifndef GREATGAME_GREATGAME_H
#define GREATGAME_GREATGAME_H

#include "base.h"      /* version, errors, types, allocator, seeds */
#include "params.h"    /* the parameter table */
#include "scenario.h"  /* scenarios */
#include "sim.h"       /* simulations */
#include "measure.h"   /* the measurement model: indicators from a run */
#include "limits.h"    /* memory needs and sizes */
#include "generate.h"  /* random scenarios of any size */
#include "study.h"     /* runs with statistics and files, compare, explain */
#include "sweep.h"     /* sweeps, sensitivity analysis, merge of sweep shards */
#include "discover.h"  /* scenario discovery (PRIM) over a finished sweep */
#include "calibrate.h" /* calibration (fits parameters to observed targets) */
#include "backtest.h"  /* out-of-sample scoring against observed indicators */
#include "batch.h"     /* many runs of one scenario at once, in SIMD lanes */
#include "gg2.h"       /* model GG-2: ties, dependence, hedging, its parameter rows */

#include <stdio.h>

#endif
