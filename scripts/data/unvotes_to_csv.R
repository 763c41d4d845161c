#!/usr/bin/env Rscript
# Convert the data files of the `unvotes` R package (github.com/dgrtwo/unvotes,
# data/un_votes.rda and data/un_roll_calls.rda) to two CSV files.
# Usage: Rscript scripts/data/unvotes_to_csv.R DATA_DIR OUT_DIR
#   DATA_DIR holds un_votes.rda and un_roll_calls.rda; OUT_DIR receives
#   un_votes.csv (rcid,country_code,vote) and un_roll_calls.csv (rcid,date).
# Base R only. Called by scripts/data/un_agreement.py; writes nothing into the tree.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: unvotes_to_csv.R DATA_DIR OUT_DIR")
load(file.path(args[1], "un_votes.rda"))
load(file.path(args[1], "un_roll_calls.rda"))
dir.create(args[2], showWarnings = FALSE, recursive = TRUE)
v <- data.frame(rcid = as.integer(un_votes$rcid),
                country_code = as.character(un_votes$country_code),
                vote = as.character(un_votes$vote),
                stringsAsFactors = FALSE)
r <- data.frame(rcid = as.integer(un_roll_calls$rcid),
                date = format(as.Date(un_roll_calls$date), "%Y-%m-%d"),
                stringsAsFactors = FALSE)
write.csv(v, file.path(args[2], "un_votes.csv"), row.names = FALSE, na = "")
write.csv(r, file.path(args[2], "un_roll_calls.csv"), row.names = FALSE, na = "")
cat("un_votes:", nrow(v), "rows; un_roll_calls:", nrow(r), "rows\n")
