/// greatgame: resource limits: how much memory a simulation of a scenario
/// needs, and memory sizes as text ("512M", "2GiB", "25%").
#ifndef GREATGAME_LIMITS_H
#define GREATGAME_LIMITS_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Bytes that gg_sim_create allocates for `sc` (plus the scenario's own
/// parameter block), rounded up; SIZE_MAX if the sum overflows.
GG_API size_t gg_sim_memory_estimate(const gg_scenario *sc);

/// Bytes that loading a scenario file of `file_bytes` bytes may take at its
/// peak (the text, the parsed JSON tree and the scenario): an upper bound,
/// 48 bytes per byte of the file plus 1 MiB (measured: 8.6 for the largest
/// generated scenario, about 42 for a file of nothing but short numbers).
/// SIZE_MAX if it overflows.
GG_API size_t gg_scenario_load_memory_estimate(size_t file_bytes);

/// The file the scenario was read from ("(baseline)" or its name if none).
GG_API const char *gg_limits_scenario_file(const gg_scenario *sc);

/// Physical memory in bytes (0 if unknown).
GG_API size_t gg_limits_physical_memory(void);

/// The default limit: half of physical memory (1 GiB if unknown).
GG_API size_t gg_limits_default_memory(void);

/// Parse a memory size: a whole or decimal number with an optional unit
/// (B, K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB, all powers of 1024) or a
/// percentage of physical memory ("25%"). 0 with *bytes set, or -1 with err
/// holding the reason (no prefix).
GG_API int gg_limits_parse_size(const char *text, size_t *bytes, gg_error *err);

/// Write a size as "512 B", "3.2 MiB", "1.5 GiB".
GG_API void gg_limits_format_size(size_t bytes, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
