# The R package against the greatgame program (GG_PROGRAM): data frames equal
# its CSV files value for value, sweep files equal byte for byte, seeds stay
# exact as text, errors carry the library's message.

program <- Sys.getenv("GG_PROGRAM")
cli <- function(...) {
  args <- c(...)
  status <- system2(program, shQuote(args), stdout = TRUE, stderr = TRUE)
  code <- attr(status, "status")
  if (!is.null(code) && code != 0) stop("greatgame ", paste(args, collapse = " "), " failed")
  invisible(status)
}
bytes <- function(path) readBin(path, "raw", file.info(path)$size)
skip_without_program <- function() skip_if(program == "", "GG_PROGRAM is not set")

test_that("gg_run equals alignment.csv of greatgame run", {
  skip_without_program()
  f <- tempfile(fileext = ".csv")
  cli("run", "--replicates", "3", "--set", "powers.US.budget.diplomacy=4.5", "-o", f)
  expected <- read.csv(f, colClasses = c(seed = "character"))
  got <- gg_run(sets = c("powers.US.budget.diplomacy=4.5"), replicates = 3)
  expect_equal(nrow(got), 3 * (max(expected$tick) + 1) * 5 * 4)  # the default: 131 ticks
  expect_identical(got$seed, expected$seed)
  expect_identical(got$state, expected$state)
  expect_identical(got$date, expected$date)
  expect_identical(as.numeric(got$tick), as.numeric(expected$tick))
  expect_identical(got$share, expected$share)
  # the same settings as a named list
  again <- gg_run(sets = list(powers.US.budget.diplomacy = 4.5), replicates = 1)
  expect_identical(again$share, got$share[got$run == 0])
})

test_that("64-bit seeds are exact as text, decimal or hexadecimal", {
  skip_without_program()
  f <- tempfile(fileext = ".csv")
  cli("run", "--seed", "18446744073709551615", "-o", f)
  expected <- read.csv(f, colClasses = c(seed = "character"))
  a <- gg_run(seed = "18446744073709551615")
  b <- gg_run(seed = "0xffffffffffffffff")
  expect_identical(a$seed, expected$seed)
  expect_identical(b$share, expected$share)
  expect_identical(a$seed[1], gg_seed_derive("18446744073709551615", "0", "0"))
  expect_error(gg_run(seed = 2^60), "not exact")
  expect_error(gg_run(seed = "18446744073709551616"), "unsigned 64-bit")
})

test_that("gg_sweep writes the program's files", {
  skip_without_program()
  a <- tempfile("cli")
  b <- tempfile("r")
  cli("sweep", "--param", "powers.US.budget.diplomacy=0:6:4", "--replicates", "2",
      "--metric", "final.KZ.US", "--metric", "region.US", "--out", a, "-q")
  s <- gg_sweep(params = "powers.US.budget.diplomacy=0:6:4", replicates = 2,
                metrics = c("final.KZ.US", "region.US"), out = b)
  for (f in c("design.csv", "runs.csv", "summary.csv"))
    expect_identical(bytes(file.path(a, f)), bytes(file.path(b, f)), label = f)
  expect_equal(s$info$samples, 4)
  expect_equal(s$info$runs, 8)
  expect_identical(as.numeric(s$design[["powers.US.budget.diplomacy"]]), c(0, 2, 4, 6))
  runs <- read.csv(file.path(a, "runs.csv"), colClasses = c(seed = "character"))
  expect_identical(s$runs$seed, runs$seed)
  expect_identical(s$runs[["final.KZ.US"]], runs[["final.KZ.US"]])
})

test_that("gg_sweep with categorical factors writes the program's files", {
  skip_without_program()
  a <- tempfile("cli")
  b <- tempfile("r")
  cli("sweep", "--param", "powers.CN.budget.investment=100:700", "--factor",
      "blocs.EEU.enabled=0,1", "--factor", "powers.CN.strategy=fixed,contest", "--design", "lhs",
      "--samples", "24", "--metric", "final.KZ.CN", "--out", a, "-q")
  s <- gg_sweep(params = "powers.CN.budget.investment=100:700",
                factors = list(blocs.EEU.enabled = c(0, 1),
                               powers.CN.strategy = c("fixed", "contest")),
                design = "lhs", samples = 24, metrics = "final.KZ.CN", out = b)
  for (f in c("design.csv", "runs.csv", "summary.csv", "scenario.json"))
    expect_identical(bytes(file.path(a, f)), bytes(file.path(b, f)), label = f)
  expect_identical(names(s$design), c("sample", "powers.CN.budget.investment",
                                      "blocs.EEU.enabled", "powers.CN.strategy"))
  # a factor's levels stay text, as written
  expect_true(is.character(s$design[["blocs.EEU.enabled"]]))
  expect_setequal(unique(s$design[["powers.CN.strategy"]]), c("fixed", "contest"))
  expect_setequal(unique(s$design[["blocs.EEU.enabled"]]), c("0", "1"))
  # a factor alone, as texts
  f <- gg_sweep(params = character(0), factors = "powers.CN.strategy=fixed,contest",
                metrics = "final.KZ.CN", out = tempfile("f"))
  expect_equal(f$info$samples, 2)
  expect_error(gg_sweep(params = character(0), factors = "powers.XX.strategy=fixed,contest",
                        out = tempfile()),
               "powers.XX.strategy: unknown power \"XX\" (the scenario has US, CN, RU)",
               fixed = TRUE)
})

test_that("errors are the library's one-line messages", {
  expect_error(gg_run(sets = "powers.XX.budget.diplomacy=1"),
               "powers.XX.budget.diplomacy: no power with id \"XX\"", fixed = TRUE)
  expect_error(gg_run(scenario = "no-such-file.json"), "no-such-file.json: cannot open",
               fixed = TRUE)
  expect_error(gg_sweep(params = "states.XX.noise=0:1", out = tempfile()), "XX")
  expect_error(gg_run(replicates = 0), "replicates")
})

test_that("scenario information", {
  i <- gg_scenario_info()
  expect_identical(i$states, c("KZ", "KG", "TJ", "TM", "UZ"))
  expect_identical(i$components, c("autonomy", "US", "CN", "RU"))
  expect_identical(i$seed, "20200203")
  expect_identical(unname(gg_version()["model"]), "GG-1")
})
