/* Unit tests of the strict JSON checks of engine/core/json_check.c:

   - gg_json_check on hand-written documents: valid ones (nesting, empty
     containers, every string escape, \u escapes with surrogate pairs, raw
     UTF-8 of 1 to 4 bytes, numbers in every legal form, a byte order mark)
     and every kind of invalid input, each with its exact one-line message
     "NAME:LINE:COLUMN: message" (line and column counted by hand: lines
     start at 1 after each '\n', a column is one character, so a multi-byte
     UTF-8 sequence counts once and '\t' or '\r' count once);
   - gg_json_top_number: the raw text of a top-level number, exact for
     integers a double cannot hold (18446744073709551615, 2^53 + 1);
   - gg_edit_distance: Levenshtein distances worked out by hand.

   Every expected value is written out here, not computed by the code under
   test. */
#include "harness.h"
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* The message gg_json_check gives for `len` bytes of `text`, or "(accepted)". */
static const char *check_n(const char *text, size_t len) {
  static gg_error err;
  memset(&err, 0, sizeof err);
  if (gg_json_check(text, len, "t.json", &err) == 0) return "(accepted)";
  return err.msg;
}

/* For literals: the length excludes the terminating NUL, so embedded NULs count. */
#define CHECK(lit) check_n((lit), sizeof(lit) - 1)
#define GOOD(lit) ENSURE_STR(CHECK(lit), "(accepted)")
#define BAD(lit, msg) ENSURE_STR(CHECK(lit), msg)

/* ---- valid documents ------------------------------------------------------- */

static void valid_containers_and_literals(void) {
  GOOD("{}");
  GOOD("[]");
  GOOD("{\"a\":{},\"b\":[]}");
  GOOD("[[],[[]],{}]");
  GOOD("{\"\":1}"); /* an empty key is a key */
  GOOD("{\"a\":{\"b\":[1,[2,{\"c\":null}],true,false]},\"d\":\"e\"}");
  /* all four white-space characters, around every token */
  GOOD(" \t\r\n{ \"a\" : [ 1 , [ ] , { } ] , \"b\"\t:\r\nnull }\n\t ");
  /* RFC 8259 allows any value at the top */
  GOOD("0");
  GOOD("\"s\"");
  GOOD("null");
  GOOD("true");
  GOOD("false");
  /* the text is `len` bytes: what follows is not read */
  ENSURE_STR(check_n("{}garbage", 2), "(accepted)");
}

static void valid_numbers(void) {
  /* every production of the number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
   */
  static const char *nums[] = {"0",
                               "-0",
                               "7",
                               "-7",
                               "10",
                               "0.5",
                               "-0.5",
                               "10.25",
                               "1e5",
                               "1E5",
                               "1e+5",
                               "1e-5",
                               "1E+05",
                               "1.5E-10",
                               "-0.0e0",
                               "0e0",
                               "1e400",
                               "-1e-400",
                               "18446744073709551615",
                               "123456789012345678901234567890"};
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    char doc[80];
    snprintf(doc, sizeof doc, "[%s]", nums[i]);
    ENSURE_STR(check_n(doc, strlen(doc)), "(accepted)");
    /* and alone at the top, with nothing after the last digit */
    ENSURE_STR(check_n(nums[i], strlen(nums[i])), "(accepted)");
  }
}

static void valid_strings_and_unicode(void) {
  GOOD("[\"\"]");
  GOOD("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"); /* "\"\\\/\b\f\n\r\t" */
  GOOD("[\"\\u00e9\\u20AC\\u0001\\uFFFF\"]");
  GOOD("[\"\\uD83D\\uDE00\"]"); /* U+1F600 as a surrogate pair */
  GOOD("[\"\\uDBFF\\uDFFF\"]"); /* U+10FFFF, the last pair */
  GOOD("[\"\\ud800\\udc00\"]"); /* lower-case hex digits */
  /* raw UTF-8: U+00E9, U+20AC, U+1F600, U+10FFFF, U+D7FF, U+E000, U+FFFF */
  GOOD("[\"\xC3\xA9\"]");
  GOOD("[\"\xE2\x82\xAC\"]");
  GOOD("[\"\xF0\x9F\x98\x80\"]");
  GOOD("[\"\xF4\x8F\xBF\xBF\"]");
  GOOD("[\"\xED\x9F\xBF\"]");
  GOOD("[\"\xEE\x80\x80\"]");
  GOOD("[\"\xEF\xBF\xBF\"]");
  GOOD("[\"\x7F\"]"); /* DEL need not be escaped (only U+0000..U+001F) */
  GOOD("{\"\xC3\xA9t\xC3\xA9\":\"\xE2\x82\xAC\"}");
  /* a UTF-8 byte order mark is skipped */
  GOOD("\xEF\xBB\xBF{}");
  GOOD("\xEF\xBB\xBF [1]");
}

static void depth_limit(void) {
  /* 256 nested arrays are allowed; the 257th '[' (byte 256, column 257)
     is refused. */
  char doc[1200];
  memset(doc, '[', 256);
  memset(doc + 256, ']', 256);
  ENSURE_STR(check_n(doc, 512), "(accepted)");
  memset(doc, '[', 257);
  memset(doc + 257, ']', 257);
  ENSURE_STR(check_n(doc, 514), "t.json:1:257: nesting deeper than 256 levels");
  /* objects count too: 257 times {"a": is 1285 bytes; the 257th '{' is
     byte 256 * 5 = 1280, column 1281 */
  char big[1400];
  for (int i = 0; i < 257; i++)
    memcpy(big + 5 * i, "{\"a\":", 5);
  big[1285] = '1';
  ENSURE_STR(check_n(big, 1286), "t.json:1:1281: nesting deeper than 256 levels");
  /* 256 levels of objects, each closed: accepted */
  char ok[1600];
  size_t o = 0;
  for (int i = 0; i < 256; i++) {
    memcpy(ok + o, "{\"a\":", 5);
    o += 5;
  }
  ok[o++] = '1';
  memset(ok + o, '}', 256);
  o += 256;
  ENSURE_STR(check_n(ok, o), "(accepted)");
  /* a container closed and reopened does not add depth */
  char flat[3000];
  o = 0;
  flat[o++] = '[';
  for (int i = 0; i < 600; i++) {
    memcpy(flat + o, "[],", 3);
    o += 3;
  }
  flat[o++] = '1';
  flat[o++] = ']';
  ENSURE_STR(check_n(flat, o), "(accepted)");
}

/* ---- invalid documents ------------------------------------------------------ */

static void end_of_file_and_trailing_text(void) {
  BAD("", "t.json:1:1: unexpected end of file, expected a value");
  /* "  \n ": the end is after a space on line 2, column 2 */
  BAD("  \n ", "t.json:2:2: unexpected end of file, expected a value");
  BAD("{\"a\":1", "t.json:1:7: unexpected end of file, expected ',' or '}'");
  BAD("[1", "t.json:1:3: unexpected end of file, expected ',' or ']'");
  BAD("{\"a\"", "t.json:1:5: unexpected end of file, expected ':' after the key");
  BAD("{\"a\":", "t.json:1:6: unexpected end of file, expected a value");
  BAD("{", "t.json:1:2: unexpected end of file, expected a string key or '}'");
  BAD("{} x", "t.json:1:4: expected end of file after the top-level value, found 'x'");
  BAD("{}}", "t.json:1:3: expected end of file after the top-level value, found '}'");
  BAD("1 2", "t.json:1:3: expected end of file after the top-level value, found '2'");
  BAD("{}\n\n//c", "t.json:3:1: expected end of file after the top-level value, found '/'");
  /* an embedded NUL is a byte like any other */
  BAD("{}\0", "t.json:1:3: expected end of file after the top-level value, found byte 0x00");
}

static void lines_and_columns(void) {
  /* the second member starts on line 3 after two spaces */
  BAD("{\n  \"a\": 1\n  \"b\": 2\n}", "t.json:3:3: expected ',' or '}', found '\"'");
  /* CR LF: the '\r' is a character of line 1; line 2 is "\"a\" 1}" */
  BAD("{\r\n\"a\" 1}", "t.json:2:5: expected ':' after the key, found '1'");
  /* a tab is one column */
  BAD("[\t\tx]", "t.json:1:4: expected a value, found 'x'");
  /* [ " e-acute euro grinning-face " , space t: 2-, 3- and 4-byte characters
     are one column each, so 't' is column 9 (byte 14) */
  BAD("[\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\", tru]", "t.json:1:9: expected a value, found 't'");
  /* columns restart after the line break: " euro " x -> 'x' at column 6 */
  BAD("[\"\xC3\xA9\",\n \"\xE2\x82\xAC\" x]", "t.json:2:6: expected ',' or ']', found 'x'");
  /* a byte order mark is one character of line 1 */
  BAD("\xEF\xBB\xBF{x", "t.json:1:3: expected a string key or '}', found 'x'");
}

static void structure_errors(void) {
  BAD("{\"a\" 1}", "t.json:1:6: expected ':' after the key, found '1'");
  BAD("{\"a\":1,}", "t.json:1:8: expected a string key, found '}'");
  BAD("[1,]", "t.json:1:4: expected a value, found ']'");
  BAD("[,1]", "t.json:1:2: expected a value, found ','");
  BAD("{'a':1}", "t.json:1:2: expected a string key or '}', found '''");
  BAD("{1:2}", "t.json:1:2: expected a string key or '}', found '1'");
  BAD("{,", "t.json:1:2: expected a string key or '}', found ','");
  BAD("{\"a\":}", "t.json:1:6: expected a value, found '}'");
  BAD("[1}", "t.json:1:3: expected ',' or ']', found '}'");
  BAD("{\"a\":1]", "t.json:1:7: expected ',' or '}', found ']'");
  BAD("[1 2]", "t.json:1:4: expected ',' or ']', found '2'");
  BAD("{\"a\":1 \"b\":2}", "t.json:1:8: expected ',' or '}', found '\"'");
  BAD("{\"a\":1,\"b\"}", "t.json:1:11: expected ':' after the key, found '}'");
  BAD("]", "t.json:1:1: expected a value, found ']'");
  BAD("[\x01]", "t.json:1:2: expected a value, found byte 0x01");
  BAD("[\xC3\xA9]", "t.json:1:2: expected a value, found byte 0xc3"); /* UTF-8 outside a string */
  BAD("[True]", "t.json:1:2: expected a value, found 'T'");
  BAD("[nul]", "t.json:1:2: expected a value, found 'n'");
  BAD("[truex]", "t.json:1:6: expected ',' or ']', found 'x'");
  BAD("[fals]", "t.json:1:2: expected a value, found 'f'");
}

static void string_errors(void) {
  /* raw control characters: a tab at byte 3, 0x01 and 0x1F likewise */
  BAD("[\"a\tb\"]", "t.json:1:4: control character in string (escape it)");
  BAD("[\"a\x01\"]", "t.json:1:4: control character in string (escape it)");
  BAD("[\"a\x1F\"]", "t.json:1:4: control character in string (escape it)");
  BAD("[\"a\0\"]", "t.json:1:4: control character in string (escape it)");
  /* a raw line break ends the string in error, at the break itself */
  BAD("[\"ab\ncd\"]",
      "t.json:1:5: unterminated string (a line break inside a string must be written \\n)");
  BAD("[\"ab\rcd\"]",
      "t.json:1:5: unterminated string (a line break inside a string must be written \\n)");
  /* no closing quote before the end: reported at the opening quote */
  BAD("[\"abc", "t.json:1:2: unterminated string");
  BAD("[\"abc\\", "t.json:1:2: unterminated string");
  BAD("{\n\"k\":\"v", "t.json:2:5: unterminated string");
  /* escapes, reported at the backslash */
  BAD("[\"\\x\"]", "t.json:1:3: invalid escape in string");
  BAD("[\"ab\\'\"]", "t.json:1:5: invalid escape in string");
  BAD("[\"\\U0041\"]", "t.json:1:3: invalid escape in string");
  BAD("[\"\\u12G4\"]", "t.json:1:3: invalid \\u escape (expected 4 hex digits)");
  BAD("[\"\\u12", "t.json:1:3: invalid \\u escape (expected 4 hex digits)");
  BAD("[\"\\u0000\"]", "t.json:1:3: \\u0000 is not allowed in strings");
}

static void lone_surrogates(void) {
  /* a high surrogate not followed by a low one, and a low one alone,
     reported at the backslash of the offending escape */
  BAD("[\"\\uD800\"]", "t.json:1:3: unpaired UTF-16 surrogate in \\u escape");
  BAD("[\"\\uDBFFx\"]", "t.json:1:3: unpaired UTF-16 surrogate in \\u escape");
  BAD("[\"ab\\uDC00\"]", "t.json:1:5: unpaired UTF-16 surrogate in \\u escape");
  BAD("[\"\\uDFFF\\uD800\"]", "t.json:1:3: unpaired UTF-16 surrogate in \\u escape");
  BAD("[\"\\uD83D\\u0041\"]", "t.json:1:3: unpaired UTF-16 surrogate in \\u escape");
  BAD("[\"\\uD83D\\uD83D\"]", "t.json:1:3: unpaired UTF-16 surrogate in \\u escape");
  BAD("[\"\\uD83D\\n\"]", "t.json:1:3: unpaired UTF-16 surrogate in \\u escape");
  BAD("[\"\\uD83D", "t.json:1:3: unpaired UTF-16 surrogate in \\u escape");
  /* a pair followed by a lone low surrogate: the second escape pair starts
     at byte 14, column 15 */
  BAD("[\"\\uD83D\\uDE00\\uDE00\"]", "t.json:1:15: unpaired UTF-16 surrogate in \\u escape");
}

static void invalid_utf8(void) {
  /* overlong forms of '/' (U+002F) in 2, 3 and 4 bytes */
  BAD("[\"\xC0\xAF\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xC1\xBF\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xE0\x80\xAF\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xE0\x9F\xBF\"]", "t.json:1:3: invalid UTF-8"); /* U+07FF in 3 bytes */
  BAD("[\"\xF0\x80\x80\xAF\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xF0\x8F\xBF\xBF\"]", "t.json:1:3: invalid UTF-8"); /* U+FFFF in 4 bytes */
  /* surrogates encoded directly, and code points past U+10FFFF */
  BAD("[\"\xED\xA0\x80\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xED\xBF\xBF\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xF4\x90\x80\x80\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xF5\x80\x80\x80\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xFF\"]", "t.json:1:3: invalid UTF-8");
  /* a continuation byte without a lead, after one ASCII character */
  BAD("[\"a\x80\"]", "t.json:1:4: invalid UTF-8");
  /* truncated sequences: cut by the closing quote, and by the end */
  BAD("[\"\xE2\x82\"]", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xE2\x82", "t.json:1:3: invalid UTF-8");
  BAD("[\"\xF0\x9F\x98", "t.json:1:3: invalid UTF-8");
  /* after a valid 2-byte character the bad lead byte is column 4 */
  BAD("[\"\xC3\xA9\xC3\"]", "t.json:1:4: invalid UTF-8");
  /* in a key, on line 2 */
  BAD("{\n \"k\xC3\x28\":1}", "t.json:2:4: invalid UTF-8");
}

static void number_errors(void) {
  BAD("[01]", "t.json:1:2: invalid number (leading zero)");
  BAD("[00]", "t.json:1:2: invalid number (leading zero)");
  BAD("[-012]", "t.json:1:2: invalid number (leading zero)");
  BAD("{\"a\":007}", "t.json:1:6: invalid number (leading zero)");
  BAD("[1.]", "t.json:1:2: invalid number (digit expected after '.')");
  BAD("[1.e5]", "t.json:1:2: invalid number (digit expected after '.')");
  BAD("[-0.]", "t.json:1:2: invalid number (digit expected after '.')");
  BAD("[1e]", "t.json:1:2: invalid number (digit expected in exponent)");
  BAD("[1e+]", "t.json:1:2: invalid number (digit expected in exponent)");
  BAD("[2E-x]", "t.json:1:2: invalid number (digit expected in exponent)");
  BAD("[-]", "t.json:1:2: invalid number");
  BAD("[-a]", "t.json:1:2: invalid number");
  BAD("-", "t.json:1:1: invalid number");
  BAD("[.5]", "t.json:1:2: expected a value, found '.'");
  BAD("[+1]", "t.json:1:2: expected a value, found '+'");
  BAD("[0x10]", "t.json:1:3: expected ',' or ']', found 'x'");
  BAD("[1 000]", "t.json:1:4: expected ',' or ']', found '0'");
  BAD("[1,5.0.1]", "t.json:1:7: expected ',' or ']', found '.'");
}

static void nan_and_infinity(void) {
  BAD("[NaN]", "t.json:1:2: expected a value, found 'N'");
  BAD("[nan]", "t.json:1:2: expected a value, found 'n'"); /* not "null" */
  BAD("[Infinity]", "t.json:1:2: expected a value, found 'I'");
  BAD("[-Infinity]", "t.json:1:2: invalid number");
  BAD("[inf]", "t.json:1:2: expected a value, found 'i'");
  BAD("{\"x\": NaN}", "t.json:1:7: expected a value, found 'N'");
}

static void comments(void) {
  BAD("{// c\n}", "t.json:1:2: expected a string key or '}', found '/'");
  BAD("[1 /* x */]", "t.json:1:4: expected ',' or ']', found '/'");
  BAD("{\"a\":1 // c\n}", "t.json:1:8: expected ',' or '}', found '/'");
  BAD("# c\n{}", "t.json:1:1: expected a value, found '#'");
  BAD("/* c */ {}", "t.json:1:1: expected a value, found '/'");
  BAD("{\"a\":\n  /* c */ 1}", "t.json:2:3: expected a value, found '/'");
}

static void name_in_messages(void) {
  gg_error err;
  /* a line break in the name is escaped so the message stays one line */
  ENSURE(gg_json_check("", 0, "dir/a\nb.json", &err) == -1);
  ENSURE_STR(err.msg, "dir/a\\x0ab.json:1:1: unexpected end of file, expected a value");
  /* a long name is cut at 500 bytes and marked with "..." */
  char name[601];
  memset(name, 'n', 600);
  name[600] = '\0';
  ENSURE(gg_json_check("[", 1, name, &err) == -1);
  char expect[700];
  memset(expect, 'n', 500);
  strcpy(expect + 500, "...:1:2: unexpected end of file, expected a value");
  ENSURE_STR(err.msg, expect);
  /* a NULL error is allowed */
  ENSURE(gg_json_check("[", 1, "x", NULL) == -1);
  ENSURE(gg_json_check("[]", 2, "x", NULL) == 0);
}

/* ---- gg_json_top_number ---------------------------------------------------- */

static void top_number_raw_text(void) {
  char out[64];
#define TOP(doc, key) gg_json_top_number((doc), strlen(doc), (key), out, sizeof out)
  /* integers beyond 2^53 keep every digit */
  ENSURE(TOP("{\"seed\": 18446744073709551615}", "seed") == 0);
  ENSURE_STR(out, "18446744073709551615");
  ENSURE(TOP("{\"seed\":9007199254740993}", "seed") == 0);
  ENSURE_STR(out, "9007199254740993");
  /* other number forms, as written */
  ENSURE(TOP("{\"a\":1,\"seed\":-1.5e+3}", "seed") == 0);
  ENSURE_STR(out, "-1.5e+3");
  ENSURE(TOP("{\"seed\" :\n\t 42 }", "seed") == 0);
  ENSURE_STR(out, "42");
  /* only top-level members count: nested keys of that name are skipped */
  ENSURE(TOP("{\"a\":{\"seed\":5},\"b\":[{\"seed\":6}],\"seed\":7}", "seed") == 0);
  ENSURE_STR(out, "7");
  ENSURE(TOP("[{\"seed\":1}]", "seed") == -1);
  /* a string equal to the key, and escaped quotes, are not keys */
  ENSURE(TOP("{\"name\":\"seed\",\"seed\":3}", "seed") == 0);
  ENSURE_STR(out, "3");
  ENSURE(TOP("{\"n\":\"a\\\"seed\\\":9\",\"seed\":8}", "seed") == 0);
  ENSURE_STR(out, "8");
  /* braces inside strings do not change the depth */
  ENSURE(TOP("{\"n\":\"}}{\",\"seed\":11}", "seed") == 0);
  ENSURE_STR(out, "11");
  /* absent, or not a number */
  ENSURE(TOP("{\"seeds\":1}", "seed") == -1);
  ENSURE(TOP("{\"seed\":\"7\"}", "seed") == -1);
  ENSURE(TOP("{\"seed\":true}", "seed") == -1);
  ENSURE(TOP("{}", "seed") == -1);
  /* the output must hold the digits and the NUL: 6 digits need 7 bytes */
  ENSURE(gg_json_top_number("{\"k\":123456}", 12, "k", out, 6) == -1);
  ENSURE(gg_json_top_number("{\"k\":123456}", 12, "k", out, 7) == 0);
  ENSURE_STR(out, "123456");
#undef TOP
}

/* ---- gg_edit_distance ------------------------------------------------------ */

static void edit_distance_known_pairs(void) {
  static const struct {
    const char *a, *b;
    int d;
  } pairs[] = {
      {"", "", 0},
      {"", "abc", 3},                /* three insertions */
      {"abc", "abc", 0},             /* equal */
      {"kitten", "sitting", 3},      /* k->s, e->i, +g */
      {"flaw", "lawn", 2},           /* -f, +n */
      {"intention", "execution", 5}, /* the textbook example */
      {"sunday", "saturday", 3},     /* +a, +t, n->r */
      {"ab", "ba", 2},               /* no transpositions: two substitutions */
      {"form", "from", 2},           /* o->r, r->o */
      {"East", "east", 1},           /* case counts */
      {"Eats", "East", 2},           /* t->s, s->t */
      {"responsivness", "responsiveness", 1},
      {"neighbor_weight", "neighbour_weight", 1},
      {"chanels", "channels", 1},
      {"colour", "color", 1},
      {"months", "month", 1},
      {"injct", "inject", 1},
      {"Lowlands", "Lowland", 1},
      {"treshold", "threshold", 1},
      {"abc", "xyz", 3},
  };
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    ENSURE(gg_edit_distance(pairs[i].a, pairs[i].b) == pairs[i].d);
    ENSURE(gg_edit_distance(pairs[i].b, pairs[i].a) == pairs[i].d); /* symmetric */
  }
  /* up to 64 characters are compared; longer words give the sentinel 99 */
  char a64[65], a63[64], a65[66];
  memset(a64, 'a', 64);
  a64[64] = '\0';
  memset(a63, 'a', 63);
  a63[63] = '\0';
  memset(a65, 'a', 65);
  a65[65] = '\0';
  ENSURE(gg_edit_distance(a64, a64) == 0);
  ENSURE(gg_edit_distance(a64, a63) == 1);
  ENSURE(gg_edit_distance(a64, "") == 64);
  ENSURE(gg_edit_distance(a65, a65) == 99);
  ENSURE(gg_edit_distance("a", a65) == 99);
}

static const gg_test_case tests[] = {
    {"valid_containers_and_literals", valid_containers_and_literals},
    {"valid_numbers", valid_numbers},
    {"valid_strings_and_unicode", valid_strings_and_unicode},
    {"depth_limit", depth_limit},
    {"end_of_file_and_trailing_text", end_of_file_and_trailing_text},
    {"lines_and_columns", lines_and_columns},
    {"structure_errors", structure_errors},
    {"string_errors", string_errors},
    {"lone_surrogates", lone_surrogates},
    {"invalid_utf8", invalid_utf8},
    {"number_errors", number_errors},
    {"nan_and_infinity", nan_and_infinity},
    {"comments", comments},
    {"name_in_messages", name_in_messages},
    {"top_number_raw_text", top_number_raw_text},
    {"edit_distance_known_pairs", edit_distance_known_pairs},
};

GG_TEST_MAIN(tests)
