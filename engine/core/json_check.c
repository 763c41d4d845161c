/* A strict RFC 8259 check of a document before cJSON builds its tree: cJSON
   accepts a few things JSON does not (leading zeros, "+1", raw control
   characters, invalid UTF-8) and reports no line or column. */
#include "internal.h"

#include <string.h>

#define GG_JSON_MAX_DEPTH 256

typedef struct jscan {
  const unsigned char *s;
  size_t n, i;
  const char *name;
  gg_error *err;
} jscan;

static int fail(jscan *j, size_t at, const char *what) {
  size_t line = 1, col = 1;
  for (size_t k = 0; k < at && k < j->n; k++) {
    if (j->s[k] == '\n') {
      line++;
      col = 1;
    } else if ((j->s[k] & 0xC0) != 0x80) {
      col++;
    }
  }
  char cname[600];
  gg_err_clean(cname, sizeof cname, j->name, 500);
  gg_err_set(j->err, "%s:%zu:%zu: %s", cname, line, col, what);
  return -1;
}

static int fail_found(jscan *j, const char *expected) {
  char msg[200];
  if (j->i >= j->n) {
    snprintf(msg, sizeof msg, "unexpected end of file, expected %s", expected);
  } else {
    unsigned char c = j->s[j->i];
    if (c >= 0x20 && c < 0x7f)
      snprintf(msg, sizeof msg, "expected %s, found '%c'", expected, c);
    else
      snprintf(msg, sizeof msg, "expected %s, found byte 0x%02x", expected, c);
  }
  return fail(j, j->i, msg);
}

static void skip_ws(jscan *j) {
  while (j->i < j->n) {
    unsigned char c = j->s[j->i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      j->i++;
    else
      break;
  }
}

/* One UTF-8 sequence at j->i (first byte >= 0x80). */
static int utf8_seq(jscan *j) {
  const unsigned char *s = j->s + j->i;
  size_t left = j->n - j->i;
  unsigned c = s[0];
  int len;
  unsigned min, cp;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, min = 0x80, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, min = 0x800, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, min = 0x10000, cp = c & 0x07;
  else
    return fail(j, j->i, "invalid UTF-8");
  if (left < (size_t)len) return fail(j, j->i, "invalid UTF-8");
  for (int k = 1; k < len; k++) {
    if ((s[k] & 0xC0) != 0x80) return fail(j, j->i, "invalid UTF-8");
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return fail(j, j->i, "invalid UTF-8");
  j->i += (size_t)len;
  return 0;
}

static int hex4(jscan *j, size_t at, unsigned *out) {
  unsigned v = 0;
  for (int k = 0; k < 4; k++) {
    if (at + (size_t)k >= j->n) return -1;
    unsigned char c = j->s[at + (size_t)k];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= c - '0';
    else if (c >= 'a' && c <= 'f')
      v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v |= c - 'A' + 10;
    else
      return -1;
  }
  *out = v;
  return 0;
}

static int string(jscan *j) {
  size_t start = j->i;
  j->i++; /* opening quote */
  while (j->i < j->n) {
    unsigned char c = j->s[j->i];
    if (c == '"') {
      j->i++;
      return 0;
    }
    if (c == '\n' || c == '\r')
      return fail(j, j->i,
                  "unterminated string (a line break inside a string must be written \\n)");
    if (c < 0x20) return fail(j, j->i, "control character in string (escape it)");
    if (c == '\\') {
      if (j->i + 1 >= j->n) break;
      unsigned char e = j->s[j->i + 1];
      if (strchr("\"\\/bfnrt", e) && e) {
        j->i += 2;
      } else if (e == 'u') {
        unsigned v, w;
        if (hex4(j, j->i + 2, &v) != 0)
          return fail(j, j->i, "invalid \\u escape (expected 4 hex digits)");
        j->i += 6;
        if (v >= 0xD800 && v <= 0xDBFF) {
          if (j->i + 1 < j->n && j->s[j->i] == '\\' && j->s[j->i + 1] == 'u' &&
              hex4(j, j->i + 2, &w) == 0 && w >= 0xDC00 && w <= 0xDFFF)
            j->i += 6;
          else
            return fail(j, j->i - 6, "unpaired UTF-16 surrogate in \\u escape");
        } else if (v >= 0xDC00 && v <= 0xDFFF) {
          return fail(j, j->i - 6, "unpaired UTF-16 surrogate in \\u escape");
        } else if (v == 0) {
          return fail(j, j->i - 6, "\\u0000 is not allowed in strings");
        }
      } else {
        return fail(j, j->i, "invalid escape in string");
      }
    } else if (c >= 0x80) {
      if (utf8_seq(j) != 0) return -1;
    } else {
      j->i++;
    }
  }
  return fail(j, start, "unterminated string");
}

static int number(jscan *j) {
  size_t start = j->i;
  if (j->s[j->i] == '-') j->i++;
  if (j->i >= j->n || j->s[j->i] < '0' || j->s[j->i] > '9') return fail(j, start, "invalid number");
  if (j->s[j->i] == '0') {
    j->i++;
    if (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
      return fail(j, start, "invalid number (leading zero)");
  } else {
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
      j->i++;
  }
  if (j->i < j->n && j->s[j->i] == '.') {
    j->i++;
    if (j->i >= j->n || j->s[j->i] < '0' || j->s[j->i] > '9')
      return fail(j, start, "invalid number (digit expected after '.')");
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
      j->i++;
  }
  if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
    j->i++;
    if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-')) j->i++;
    if (j->i >= j->n || j->s[j->i] < '0' || j->s[j->i] > '9')
      return fail(j, start, "invalid number (digit expected in exponent)");
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
      j->i++;
  }
  return 0;
}

static int literal(jscan *j, const char *word) {
  size_t k = strlen(word);
  if (j->n - j->i < k || memcmp(j->s + j->i, word, k) != 0) return fail_found(j, "a value");
  j->i += k;
  return 0;
}

/* A member's key and its ':' (at j->i, after white space). */
static int member_key(jscan *j, const char *expected) {
  if (j->i >= j->n || j->s[j->i] != '"') return fail_found(j, expected);
  if (string(j)) return -1;
  skip_ws(j);
  if (j->i >= j->n || j->s[j->i] != ':') return fail_found(j, "':' after the key");
  j->i++;
  return 0;
}

/* Iterative over containers with an explicit stack, so depth is bounded. */
static int value(jscan *j) {
  char stack[GG_JSON_MAX_DEPTH];
  int depth = 0;
  for (;;) {
    skip_ws(j);
    if (j->i >= j->n) return fail_found(j, "a value");
    unsigned char c = j->s[j->i];
    int opened = 0;
    if (c == '{' || c == '[') {
      if (depth == GG_JSON_MAX_DEPTH) return fail(j, j->i, "nesting deeper than 256 levels");
      stack[depth++] = (char)c;
      j->i++;
      skip_ws(j);
      if (j->i < j->n && j->s[j->i] == (c == '{' ? '}' : ']')) {
        j->i++;
        depth--;
      } else {
        opened = 1;
      }
    } else if (c == '"') {
      if (string(j)) return -1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      if (number(j)) return -1;
    } else if (c == 't') {
      if (literal(j, "true")) return -1;
    } else if (c == 'f') {
      if (literal(j, "false")) return -1;
    } else if (c == 'n') {
      if (literal(j, "null")) return -1;
    } else {
      return fail_found(j, "a value");
    }
    if (opened && stack[depth - 1] == '{') {
      if (member_key(j, "a string key or '}'")) return -1; /* first member */
      continue;
    }
    if (opened) continue; /* first element of an array */
    /* after a value: close containers or move to the next member */
    for (;;) {
      if (depth == 0) return 0;
      skip_ws(j);
      char top = stack[depth - 1];
      if (j->i < j->n && j->s[j->i] == ',') {
        j->i++;
        if (top == '{') {
          skip_ws(j);
          if (member_key(j, "a string key")) return -1;
        }
        break;
      }
      if (j->i < j->n && j->s[j->i] == (top == '{' ? '}' : ']')) {
        j->i++;
        depth--;
        continue;
      }
      return fail_found(j, top == '{' ? "',' or '}'" : "',' or ']'");
    }
  }
}

int gg_json_check(const char *text, size_t len, const char *name, gg_error *err) {
  jscan j = {(const unsigned char *)text, len, 0, name, err};
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    j.i = 3; /* a UTF-8 byte order mark is ignored */
  if (value(&j)) return -1;
  skip_ws(&j);
  if (j.i < j.n) return fail_found(&j, "end of file after the top-level value");
  return 0;
}

int gg_json_top_number(const char *text, size_t len, const char *key, char *out, size_t size) {
  size_t i = 0, klen = strlen(key);
  int depth = 0;
  const char *want = NULL;
  while (i < len) {
    char c = text[i];
    if (c == '"') {
      size_t start = ++i;
      while (i < len && text[i] != '"')
        i += (text[i] == '\\') ? 2 : 1;
      size_t end = i++;
      if (depth == 1) {
        size_t k = i;
        while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r'))
          k++;
        if (k < len && text[k] == ':' && end - start == klen &&
            memcmp(text + start, key, klen) == 0) {
          k++;
          while (k < len &&
                 (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r'))
            k++;
          want = text + k;
          break;
        }
      }
      continue;
    }
    if (c == '{' || c == '[')
      depth++;
    else if (c == '}' || c == ']')
      depth--;
    i++;
  }
  if (!want) return -1;
  size_t n = 0;
  while (want + n < text + len && strchr("-+.0123456789eE", want[n]) && want[n])
    n++;
  if (n == 0 || n + 1 > size) return -1;
  memcpy(out, want, n);
  out[n] = '\0';
  return 0;
}

int gg_edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return 99;
  int prev[65], cur[65];
  for (size_t j = 0; j <= lb; j++)
    prev[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = (int)i;
    for (size_t j = 1; j <= lb; j++) {
      int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
      int del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    memcpy(prev, cur, sizeof(int) * (lb + 1));
  }
  return prev[lb];
}
