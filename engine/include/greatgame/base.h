/// greatgame: version, errors, common types, the allocator hook and seeds.
#ifndef GREATGAME_BASE_H
#define GREATGAME_BASE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GG_BUILDING_LIBRARY)
#define GG_API __attribute__((visibility("default")))
#else
#define GG_API
#endif

#define GG_VERSION_MAJOR 0
#define GG_VERSION_MINOR 2
#define GG_VERSION_PATCH 0
#define GG_VERSION_STRING "0.2.0"
/// The model the engine implements (docs/model.md); results of one model
/// version are comparable across engine versions that name it.
#define GG_MODEL_VERSION "GG-1"

/// Largest sizes the scenario format allows (scenario format 1, docs/scenarios.md).
#define GG_MAX_CHANNELS 16
#define GG_MAX_POWERS 32
#define GG_MAX_STATES 4096
#define GG_MAX_TICKS 1000000

/// An error: one line, starting with the file or option at fault.
typedef struct gg_error {
  char msg[1024];
} gg_error;

typedef struct gg_scenario gg_scenario;
typedef struct gg_sim gg_sim;

/// The length of one tick.
typedef enum gg_step { GG_STEP_MONTH = 0, GG_STEP_QUARTER = 1, GG_STEP_YEAR = 2 } gg_step;

/// How the `region` measure weighs states.
typedef enum gg_weight {
  GG_WEIGHT_POPULATION = 0,
  GG_WEIGHT_GDP = 1,
  GG_WEIGHT_EQUAL = 2
} gg_weight;

typedef enum gg_strategy { GG_STRATEGY_FIXED = 0, GG_STRATEGY_CONTEST = 1 } gg_strategy;

/* ---- version and allocator ------------------------------------------- */

GG_API const char *gg_version(void);
/// The first model the engine implements and format 1 scenarios run ("GG-1");
/// format 2 scenarios run GG-2 (gg_scenario_model, greatgame/gg2.h).
GG_API const char *gg_model_version(void);

/// Replace the allocator used by the engine and by cJSON inside it (tests use
/// this to fail the Nth allocation). Pass NULLs to restore malloc/free. Call it
/// before any other engine function, from one thread.
GG_API void gg_set_allocator(void *(*alloc_fn)(size_t), void (*free_fn)(void *));

/* ---- programmer errors ---------------------------------------------- */

/// Receives the one-line message of a programmer error: an index out of
/// range or a NULL object passed to an accessor, e.g.
/// "gg_sim_share: state 99 is out of range (the scenario has 5 states)".
typedef void (*gg_check_fn)(const char *message);
/// Replace the handler of programmer errors (NULL restores the default,
/// which prints the message to stderr and aborts, like an assertion that
/// stays on in release builds). When a handler returns, the accessor
/// returns a neutral value: NaN for numbers, -1 for indices and ticks, 0 for
/// counts and flags, NULL for pointers, "" for texts. Call it before any
/// other engine function, from one thread.
GG_API void gg_set_check_handler(gg_check_fn fn);

/* ---- seeds ------------------------------------------------------------ */

/// SplitMix64 finaliser.
GG_API uint64_t gg_mix64(uint64_t x);
/// The seed of replicate `replicate` of sweep sample `sample` (a pure
/// function of the three; `run` uses sample 0).
GG_API uint64_t gg_seed_derive(uint64_t scenario_seed, uint64_t sample, uint64_t replicate);

/* ---- numbers as text ---------------------------------------------------- */

/// Read a number written as JSON writes one: -?(0|[1-9][0-9]*)(.[0-9]+)?
/// ([eE][+-]?[0-9]+)?, nothing before or after it (no hexadecimal, no inf or
/// nan, no leading + or dot, no spaces), finite, and not a non-zero value too
/// small for a double. 0 with *out set, or -1. Every option and parameter
/// value the program and the studies take is read this way.
GG_API int gg_parse_number(const char *text, double *out);

/* ---- files ------------------------------------------------------------ */

/// Largest file gg_read_file reads: 1 GiB.
#define GG_READ_MAX_DEFAULT ((size_t)1 << 30)

/// How a file is read (all zero: the defaults).
typedef struct gg_read_options {
  /// Refuse a file larger than this many bytes (0: GG_READ_MAX_DEFAULT).
  size_t max_bytes;
  /// Also read what is not a regular file (a pipe, a device) up to max_bytes,
  /// and "-" as standard input; otherwise such a path is refused at once
  /// (a pipe with no writer would block for ever).
  int allow_special;
} gg_read_options;

/// Read all of `path` into a NUL-terminated buffer (free it with
/// gg_free_buffer). NULL with err as "PATH: cannot open: REASON", "PATH: is a
/// pipe (FIFO), expected a regular file", "PATH: file of 2.0 GiB, larger than
/// the limit of 1.0 GiB", "PATH: cannot read: REASON" or "PATH: out of memory".
GG_API char *gg_read_file_ex(const char *path, const gg_read_options *o, size_t *len,
                             gg_error *err);
/// gg_read_file_ex with the defaults (regular files up to 1 GiB).
GG_API char *gg_read_file(const char *path, size_t *len, gg_error *err);
/// Write `len` bytes to `path` as every output file is written: under a
/// temporary name in the same folder, renamed into place when complete (a
/// device such as /dev/stdout is written in place). 0, or -1 with err as
/// "PATH: cannot write: REASON", "PATH: write error" or "PATH: write failed:
/// REASON"; nothing is left under the final name on failure.
GG_API int gg_write_file(const char *path, const void *data, size_t len, gg_error *err);
/// Free a buffer the library returned (gg_read_file).
GG_API void gg_free_buffer(void *p);

#ifdef __cplusplus
}
#endif
#endif
