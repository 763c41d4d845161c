# The greatgame package: thin wrappers over the .Call entry points in
# src/greatgame.c. Seeds are text (R has no unsigned 64-bit integer): decimal
# digits, or "0x" followed by hexadecimal digits.

#' Engine and model versions.
gg_version <- function() {
  v <- .Call(gg_r_version)
  c(engine = v[1], model = v[2])
}

# A seed given as text, or as a whole number small enough to be exact.
as_seed <- function(x, name = "seed") {
  if (is.null(x)) return(NULL)
  if (is.character(x) && length(x) == 1 && !is.na(x)) return(x)
  if (is.numeric(x) && length(x) == 1 && !is.na(x) && x >= 0 && x == floor(x) && x <= 2^53)
    return(format(x, scientific = FALSE))
  stop(name, ": expected an unsigned 64-bit integer as text, e.g. \"18446744073709551615\" ",
       "or \"0xffffffffffffffff\" (numbers above 2^53 are not exact in R)", call. = FALSE)
}

# Settings as "PATH=VALUE" texts: a character vector as is, or a named list
# or vector of values (numbers written with 17 significant digits, which read back exactly).
as_sets <- function(sets) {
  if (is.null(sets) || is.character(sets) && is.null(names(sets))) return(sets)
  vals <- vapply(sets, function(v) {
    if (is.character(v)) v else sprintf("%.17g", v)
  }, "")
  paste0(names(sets), "=", vals)
}

#' The seed of replicate `replicate` of sweep sample `sample` (as text).
gg_seed_derive <- function(seed, sample = "0", replicate = "0") {
  .Call(gg_r_seed_derive, as_seed(seed), as_seed(sample, "sample"),
        as_seed(replicate, "replicate"))
}

#' A scenario's name, SHA-256, ticks, seed (text), states and components.
gg_scenario_info <- function(scenario = NULL, sets = NULL) {
  .Call(gg_r_scenario_info, scenario, as_sets(sets))
}

#' Run a scenario (default: the built-in baseline) `replicates` times, as
#' `greatgame run --replicates`, and return the alignment shares as a
#' data.frame with the columns and rows of alignment.csv: run, seed (text),
#' tick, date, state, component, share.
gg_run <- function(scenario = NULL, sets = NULL, replicates = 1, seed = NULL) {
  cols <- .Call(gg_r_run, scenario, as_sets(sets), replicates, as_seed(seed))
  as.data.frame(cols, stringsAsFactors = FALSE)
}

as_factors <- function(factors) {
  if (is.null(factors)) return(NULL)
  if (is.list(factors)) {
    if (is.null(names(factors)) || any(names(factors) == ""))
      stop("factors: expected a named list (path = levels) or texts PATH=LEVEL,LEVEL...",
           call. = FALSE)
    return(vapply(names(factors), function(p) paste0(p, "=", paste(factors[[p]], collapse = ",")),
                  character(1), USE.NAMES = FALSE))
  }
  as.character(factors)
}

# Factor columns (their levels are texts) of a sweep's design.csv, from its
# manifest.json's "--factor" entries.
factor_columns <- function(dir) {
  path <- file.path(dir, "manifest.json")
  if (!file.exists(path)) return(character(0))
  text <- paste(readLines(path, warn = FALSE), collapse = "\n")
  m <- regmatches(text, gregexpr('"option":\\s*"--factor",\\s*"path":\\s*"[^"]*"', text))[[1]]
  sub('.*"path":\\s*"([^"]*)"$', "\\1", m)
}

read_sweep_csv <- function(path) {
  if (!file.exists(path)) return(NULL)
  header <- names(read.csv(path, nrows = 1, check.names = FALSE))
  text <- intersect(c("seed", "reason", "status", "metric", factor_columns(dirname(path))),
                    header)
  classes <- stats::setNames(rep("character", length(text)), text)
  read.csv(path, colClasses = classes, na.strings = c("nan", "NA"), check.names = FALSE)
}

#' A sweep, as `greatgame sweep`, in one library call: the files design.csv,
#' runs.csv, summary.csv and manifest.json are written into `out`, byte for
#' byte the program's. Returns a list: info (hash, samples, runs, ...) and the
#' files as data.frames (design, runs, summary; trajectories if asked for).
#' `factors` are categorical factors as `--factor`, e.g.
#' c("powers.CN.strategy=fixed,contest", "blocs.EEU.enabled=0,1"), or a named
#' list list(blocs.EEU.enabled = c(0, 1)); with factors `params` may be empty.
#' A factor's column in design holds its levels as text.
gg_sweep <- function(params, out, scenario = NULL, sets = NULL, metrics = NULL,
                     design = NULL, samples = NULL, replicates = NULL, threads = NULL,
                     trajectories = FALSE, force = FALSE, independent_seeds = FALSE,
                     design_seed = NULL, command = NULL, factors = NULL) {
  info <- .Call(gg_r_sweep, scenario, as_sets(sets), as.character(params), metrics,
                path.expand(out), design, samples, replicates, threads, trajectories, force,
                independent_seeds, as_seed(design_seed, "design_seed"), command,
                as_factors(factors))
  list(info = info,
       design = read_sweep_csv(file.path(out, "design.csv")),
       runs = read_sweep_csv(file.path(out, "runs.csv")),
       summary = read_sweep_csv(file.path(out, "summary.csv")),
       trajectories = read_sweep_csv(file.path(out, "trajectories.csv")))
}
