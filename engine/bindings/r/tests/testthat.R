library(testthat)
library(greatgame)
test_check("greatgame")
