/*
 * Reader's native helpers: one shared library, libreadernative.so.1, used two ways.
 *
 * 1. As an SQLite extension (entry point sqlite3_readernative_init), it adds two FTS5
 *    auxiliary functions to each connection of a library:
 *
 *    reader_rank(fts, w1, ..., wC, n1, ..., nP)
 *        BM25 exactly as FTS5's bm25() computes it (k1 = 1.2, b = 0.75, the same IDF
 *        formula, column weights and document lengths, negative so that smaller is better),
 *        except that the number of documents holding each phrase, n1 ... nP, is given by the
 *        caller (an estimate is good enough) instead of counted. FTS5's bm25() counts every
 *        document holding each phrase before it scores the first one, which for a common
 *        phrase on 100,000 articles costs more than the whole rest of a search. A phrase
 *        without a count weighs 1.0.
 *
 *    reader_marks(fts, column, span)
 *        Where the query matched in one column, as UTF-8 byte ranges "start end start end
 *        ...", the ranges highlight() would mark, from the first to those starting up to
 *        `span` bytes after it. The column is tokenized only that far, where highlight()
 *        tokenizes all of it: a search result shows a snippet round the first match, not
 *        the whole article.
 *
 * 2. Through ctypes (reader.native), reader_minhash() hashes the 5-word shingles of a text
 *    and keeps the smallest hash of each of 64 bins: the inner loop of
 *    reader.core.minhash.signature, with the same CRC-32 (zlib's) and the same bins.
 *
 * Every caller has a pure-Python way of doing the same when this library is missing.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- reader_rank */

#define BM25_K1 1.2
#define BM25_B 0.75

static void free_double(void *p) { sqlite3_free(p); }

typedef struct {
  double avgdl; /* average document length in tokens, all columns */
  double rows;  /* documents in the table */
} RankData;

static void reader_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                        int nVal, sqlite3_value **apVal) {
  int nCol = api->xColumnCount(fts);
  int nPhrase = api->xPhraseCount(fts);
  RankData *data = (RankData *)api->xGetAuxdata(fts, 0);
  if (data == 0) {
    sqlite3_int64 nRow = 0, nTok = 0;
    int rc = api->xRowCount(fts, &nRow);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &nTok);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    data = (RankData *)sqlite3_malloc(sizeof(RankData));
    if (data == 0) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    data->rows = (double)nRow;
    data->avgdl = nRow > 0 ? (double)nTok / (double)nRow : 1.0;
    if (data->avgdl <= 0.0) data->avgdl = 1.0;
    rc = api->xSetAuxdata(fts, data, free_double);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
  }
  double local[16];
  double *freq = nPhrase <= 16 ? local : (double *)sqlite3_malloc(sizeof(double) * nPhrase);
  if (freq == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  memset(freq, 0, sizeof(double) * (nPhrase > 0 ? nPhrase : 1));
  int nInst = 0;
  int rc = api->xInstCount(fts, &nInst);
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int phrase, column, offset;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && phrase < nPhrase) {
      freq[phrase] += column < nVal ? sqlite3_value_double(apVal[column]) : 1.0;
    }
  }
  int nTok = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &nTok);
  if (rc != SQLITE_OK) {
    if (freq != local) sqlite3_free(freq);
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double length = BM25_K1 * (1.0 - BM25_B + BM25_B * (double)nTok / data->avgdl);
  double score = 0.0;
  for (int i = 0; i < nPhrase; i++) {
    int arg = nCol + i;
    double idf = 1.0;
    if (arg < nVal) {
      double hits = sqlite3_value_double(apVal[arg]);
      idf = log((data->rows - hits + 0.5) / (hits + 0.5));
      if (idf <= 0.0) idf = 1e-6; /* as bm25(): a phrase in most documents still counts */
    }
    score += idf * (freq[i] * (BM25_K1 + 1.0)) / (freq[i] + length);
  }
  if (freq != local) sqlite3_free(freq);
  sqlite3_result_double(ctx, -1.0 * score);
}

/* --------------------------------------------------------------- reader_marks */

/* A run of matched tokens: the token positions of phrase instances that overlap, merged, as
 * highlight() merges them. */
typedef struct {
  int first, last;
} Region;

typedef struct {
  const Region *regions;
  int nRegions;
  int next;          /* the region being looked for or inside */
  int position;      /* position of the token the tokenizer reports next */
  int span;          /* bytes after the first match still reported */
  int limit;         /* byte offset past which nothing is reported; -1 before a match */
  int open;          /* byte offset where the current region started, or -1 */
  sqlite3_str *out;  /* "start end start end ..." */
} MarkState;

static int mark_token(void *pCtx, int flags, const char *pToken, int nToken, int iStart,
                      int iEnd) {
  (void)pToken;
  (void)nToken;
  MarkState *state = (MarkState *)pCtx;
  if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK; /* a synonym at the same position */
  int position = state->position++;
  if (state->next >= state->nRegions) return SQLITE_DONE;
  const Region *region = &state->regions[state->next];
  if (position == region->first) {
    if (state->limit >= 0 && iStart > state->limit) return SQLITE_DONE;
    if (state->limit < 0) state->limit = iStart + state->span;
    state->open = iStart;
  }
  if (position == region->last && state->open >= 0) {
    sqlite3_str_appendf(state->out, "%s%d %d", sqlite3_str_length(state->out) ? " " : "",
                        state->open, iEnd);
    state->open = -1;
    state->next++;
  }
  return SQLITE_OK;
}

/* Token positions are counted with the table's unicode61 tokenizer alone: the porter stemmer
 * the table puts on top of it changes each token's text, never where tokens begin and end,
 * and skipping it makes finding the first match about twice as fast. */
typedef struct {
  fts5_tokenizer api;
  Fts5Tokenizer *tokenizer; /* 0 when unicode61 could not be made: the table's is used */
} Positions;

static void positions_free(void *p) {
  Positions *positions = (Positions *)p;
  if (positions == 0) return;
  if (positions->tokenizer != 0) positions->api.xDelete(positions->tokenizer);
  sqlite3_free(positions);
}

static Positions *positions_new(fts5_api *fts5) {
  Positions *positions = (Positions *)sqlite3_malloc(sizeof(Positions));
  if (positions == 0) return 0;
  memset(positions, 0, sizeof(Positions));
  void *context = 0;
  if (fts5->xFindTokenizer(fts5, "unicode61", &context, &positions->api) == SQLITE_OK) {
    const char *args[] = {"remove_diacritics", "2"}; /* as the table's (migration 0003) */
    if (positions->api.xCreate(context, args, 2, &positions->tokenizer) != SQLITE_OK) {
      positions->tokenizer = 0;
    }
  }
  return positions;
}

static int compare_region(const void *a, const void *b) {
  const Region *x = (const Region *)a, *y = (const Region *)b;
  if (x->first != y->first) return (x->first > y->first) - (x->first < y->first);
  return (x->last > y->last) - (x->last < y->last);
}

static void reader_marks(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                         int nVal, sqlite3_value **apVal) {
  if (nVal < 2) {
    sqlite3_result_error(ctx, "reader_marks(fts, column, span): two arguments", -1);
    return;
  }
  int column = sqlite3_value_int(apVal[0]);
  int span = sqlite3_value_int(apVal[1]);
  int nInst = 0;
  int rc = api->xInstCount(fts, &nInst);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  Region *regions = (Region *)sqlite3_malloc(sizeof(Region) * (nInst > 0 ? nInst : 1));
  if (regions == 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  int n = 0;
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int phrase, col, offset;
    rc = api->xInst(fts, i, &phrase, &col, &offset);
    if (rc != SQLITE_OK || col != column) continue;
    int size = api->xPhraseSize(fts, phrase);
    if (size < 1) continue;
    regions[n].first = offset;
    regions[n].last = offset + size - 1;
    n++;
  }
  if (rc != SQLITE_OK) {
    sqlite3_free(regions);
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  qsort(regions, n, sizeof(Region), compare_region);
  int merged = 0;
  for (int i = 0; i < n; i++) {
    if (merged > 0 && regions[i].first <= regions[merged - 1].last) {
      if (regions[i].last > regions[merged - 1].last) regions[merged - 1].last = regions[i].last;
    } else {
      regions[merged++] = regions[i];
    }
  }
  MarkState state = {regions, merged, 0, 0, span, -1, -1, sqlite3_str_new(0)};
  if (merged > 0) {
    const char *text = 0;
    int nText = 0;
    rc = api->xColumnText(fts, column, &text, &nText);
    if (rc == SQLITE_OK && text != 0) {
      Positions *positions = (Positions *)api->xUserData(fts);
      if (positions != 0 && positions->tokenizer != 0) {
        rc = positions->api.xTokenize(positions->tokenizer, &state, FTS5_TOKENIZE_AUX, text,
                                      nText, mark_token);
      } else {
        rc = api->xTokenize(fts, text, nText, &state, mark_token);
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
  }
  sqlite3_free(regions);
  char *result = sqlite3_str_finish(state.out);
  if (rc != SQLITE_OK) {
    sqlite3_free(result);
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  if (result == 0) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  } else {
    sqlite3_result_text(ctx, result, -1, sqlite3_free);
  }
}

/* ------------------------------------------------------------ registration */

static fts5_api *fts5_api_of(sqlite3 *db) {
  fts5_api *api = 0;
  sqlite3_stmt *stmt = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_readernative_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  fts5_api *fts5 = fts5_api_of(db);
  if (fts5 == 0 || fts5->iVersion < 2) {
    *pzErrMsg = sqlite3_mprintf("this SQLite has no FTS5");
    return SQLITE_ERROR;
  }
  int rc = fts5->xCreateFunction(fts5, "reader_rank", 0, reader_rank, 0);
  if (rc == SQLITE_OK) {
    Positions *positions = positions_new(fts5); /* freed with the function */
    rc = fts5->xCreateFunction(fts5, "reader_marks", positions, reader_marks, positions_free);
  }
  return rc;
}

/* ------------------------------------------------------------ reader_minhash */

static uint32_t crc_table[256];
static int crc_ready = 0;

/* Filled when the library is loaded, before any thread can call reader_minhash (ctypes lets
 * go of the GIL during the call, so two threads may be inside it at once). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((constructor))
#endif
static void crc_init(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
  crc_ready = 1;
}

static uint32_t crc32_of(const unsigned char *data, size_t length) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < length; i++) c = crc_table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

/*
 * `words`: the text's words joined by single spaces (UTF-8), no leading or trailing space.
 * Fills bins[64] with the smallest (hash >> 6) of the shingles whose hash's low 6 bits
 * name the bin, 0xFFFFFFFF where none fell; returns the number of shingles.
 */
#ifdef _WIN32
__declspec(dllexport)
#endif
long reader_minhash(const unsigned char *words, size_t length, int shingle_words,
                    uint32_t *bins) {
  if (!crc_ready) crc_init();
  for (int i = 0; i < 64; i++) bins[i] = 0xFFFFFFFFu;
  if (length == 0 || shingle_words < 1) return 0;
  /* starts of the last shingle_words words, in a ring */
  size_t ring[64];
  if (shingle_words > 64) return -1;
  int seen = 0;
  long shingles = 0;
  size_t start = 0;
  for (size_t i = 0; i <= length; i++) {
    if (i < length && words[i] != ' ') continue;
    ring[seen % shingle_words] = start;
    seen++;
    if (seen >= shingle_words) {
      size_t first = ring[seen % shingle_words];
      uint32_t h = crc32_of(words + first, i - first);
      uint32_t bin = h & 63u, value = h >> 6;
      if (value < bins[bin]) bins[bin] = value;
      shingles++;
    }
    start = i + 1;
  }
  return shingles;
}
