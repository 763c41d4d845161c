/// greatgame: scenarios: loading, validation, parameters by path, accessors.
#ifndef GREATGAME_SCENARIO_H
#define GREATGAME_SCENARIO_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- scenarios -------------------------------------------------------- */

/// Largest scenario file gg_scenario_load reads: 64 MiB (the largest scenario
/// `greatgame generate` makes, 4096 states x 32 powers x 16 channels, is
/// about 27 MB; parsing takes roughly ten to forty times the file's size).
#define GG_SCENARIO_MAX_BYTES ((size_t)64 << 20)

/// Load and validate a scenario file (a regular file of at most
/// GG_SCENARIO_MAX_BYTES). NULL with `err` filled on failure.
GG_API gg_scenario *gg_scenario_load(const char *path, gg_error *err);
/// gg_scenario_load with other reading limits (`o` may be NULL: a regular
/// file of at most GG_SCENARIO_MAX_BYTES).
GG_API gg_scenario *gg_scenario_load_ex(const char *path, const gg_read_options *o, gg_error *err);
/// Parse and validate scenario text; `name` is used in error messages.
GG_API gg_scenario *gg_scenario_parse(const char *json, size_t len, const char *name,
                                      gg_error *err);
/// The Central Asia baseline compiled into the library.
GG_API gg_scenario *gg_scenario_baseline(gg_error *err);
/// The baseline's JSON text (NUL-terminated, static).
GG_API const char *gg_baseline_json(void);
/// A deep copy (NULL when out of memory).
GG_API gg_scenario *gg_scenario_clone(const gg_scenario *sc);
GG_API void gg_scenario_free(gg_scenario *sc);

/// Set every parameter that `path` names (`*` allowed for any id) to
/// `value`. Returns the number of parameters set, or -1 with `err` filled
/// (unknown path, or value out of the parameter's range). `err` starts with
/// the path; callers prefix the option or file.
GG_API int gg_scenario_set(gg_scenario *sc, const char *path, double value, gg_error *err);
/// Set the seed exactly (all 64 bits; gg_scenario_set goes through a double).
GG_API void gg_scenario_set_seed(gg_scenario *sc, uint64_t seed);
/// Read a parameter by path (no `*`). Returns 0, or -1 with `err` filled.
GG_API int gg_scenario_get(const gg_scenario *sc, const char *path, double *value, gg_error *err);

GG_API const char *gg_scenario_name(const gg_scenario *sc);
GG_API const char *gg_scenario_description(const gg_scenario *sc);
/// The SHA-256 of the scenario's bytes, as 64 hex digits.
GG_API const char *gg_scenario_sha256(const gg_scenario *sc);
/// The JSON text the scenario was parsed from (NUL-terminated), and its
/// length in bytes when `len` is not NULL.
GG_API const char *gg_scenario_text(const gg_scenario *sc, size_t *len);
GG_API int gg_scenario_states(const gg_scenario *sc);
GG_API int gg_scenario_powers(const gg_scenario *sc);
GG_API int gg_scenario_channels(const gg_scenario *sc);
GG_API int gg_scenario_blocs(const gg_scenario *sc);
GG_API int gg_scenario_events(const gg_scenario *sc);
/// Number of ticks a run steps (it records ticks 0..ticks).
GG_API int gg_scenario_ticks(const gg_scenario *sc);
GG_API uint64_t gg_scenario_seed(const gg_scenario *sc);
GG_API gg_step gg_scenario_step(const gg_scenario *sc);
GG_API gg_weight gg_scenario_weight(const gg_scenario *sc);
GG_API const char *gg_state_id(const gg_scenario *sc, int s);
GG_API const char *gg_state_name(const gg_scenario *sc, int s);
GG_API const char *gg_power_id(const gg_scenario *sc, int p);
GG_API const char *gg_power_name(const gg_scenario *sc, int p);
/// A power's colour as 0xRRGGBB (a default palette colour if not given).
GG_API uint32_t gg_power_color(const gg_scenario *sc, int p);
GG_API gg_strategy gg_power_strategy(const gg_scenario *sc, int p);
GG_API const char *gg_channel_id(const gg_scenario *sc, int c);
GG_API const char *gg_channel_unit(const gg_scenario *sc, int c);
GG_API const char *gg_bloc_id(const gg_scenario *sc, int b);
GG_API const char *gg_bloc_name(const gg_scenario *sc, int b);
/// Component k of an alignment: "autonomy" for k = 0, else power k-1's id.
GG_API const char *gg_component_id(const gg_scenario *sc, int k);
/// Index of a state/power/channel id, or -1.
GG_API int gg_state_index(const gg_scenario *sc, const char *id);
GG_API int gg_power_index(const gg_scenario *sc, const char *id);
GG_API int gg_channel_index(const gg_scenario *sc, const char *id);
/// A state's outline polygon: `*n` points as lon,lat pairs (NULL if none).
GG_API const double *gg_state_outline(const gg_scenario *sc, int s, int *n);
/// An event's type name, tick, end tick (-1 if none) and note (may be NULL).
GG_API const char *gg_event_type(const gg_scenario *sc, int e);
GG_API int gg_event_at(const gg_scenario *sc, int e);
GG_API int gg_event_until(const gg_scenario *sc, int e);
GG_API const char *gg_event_note(const gg_scenario *sc, int e);

/// Write tick `t`'s date ("2020-02", "2020-Q3", "2021") into buf.
GG_API void gg_scenario_date(const gg_scenario *sc, int t, char *buf, size_t size);
/// Parse a date in the scenario's step format into a tick (may be negative or
/// past the end). Returns 0, or -1 if `text` is not a date of that format.
GG_API int gg_scenario_parse_date(const gg_scenario *sc, const char *text, int *tick);
/// The one reading of a time given as text, for every command and binding:
/// a date in the scenario's step format ("2021-06", "2021-Q2", "2021") or a
/// tick number ("0", "17"). Digits alone are a tick, except in a yearly
/// scenario, where four digits are a year (its date form). Returns 0 with
/// *tick set (it may lie outside 0..ticks: the caller checks its own range),
/// or -1 with err as `expected a tick number or a date like 2021-06, got "x"`.
GG_API int gg_scenario_parse_time(const gg_scenario *sc, const char *text, int *tick,
                                  gg_error *err);

#ifdef __cplusplus
}
#endif
#endif
