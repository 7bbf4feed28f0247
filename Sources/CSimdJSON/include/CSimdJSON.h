// A small C API over simdjson's DOM parser, so that Swift never sees C++.
// Values are 16-byte handles into the parser's tape; they stay valid until the
// parser parses again or is freed. Every entry point is noexcept and reports
// failure through return codes.
#ifndef CSIMDJSON_H
#define CSIMDJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define SJ_NOEXCEPT noexcept
extern "C" {
#else
#define SJ_NOEXCEPT
#endif

/// Opaque parser; owns the tape and string buffer of the last parsed document.
typedef struct sj_parser sj_parser;

/// A handle to one JSON value inside a parsed document.
typedef struct sj_value {
    const void *document;
    size_t index;
} sj_value;

/// Cursor over an array or object.
typedef struct sj_iterator {
    sj_value current;
    sj_value end;
} sj_iterator;

/// Opaque stream over several concatenated JSON documents (JSON Lines, `{...}{...}`).
typedef struct sj_stream sj_stream;

typedef enum sj_type {
    SJ_ARRAY = 0,
    SJ_OBJECT = 1,
    SJ_INT64 = 2,
    SJ_UINT64 = 3,
    SJ_DOUBLE = 4,
    SJ_STRING = 5,
    SJ_BOOL = 6,
    SJ_NULL = 7,
} sj_type;

/// The simdjson padding: input buffers need this many readable bytes past their end.
size_t sj_padding(void) SJ_NOEXCEPT;

sj_parser *sj_parser_new(size_t max_depth) SJ_NOEXCEPT;
void sj_parser_free(sj_parser *parser) SJ_NOEXCEPT;

/// Frees everything of the last parse but its string buffer: the tape and the stage-1 indexes. Values of that
/// parse can no longer be read, and the parser must not parse again; strings already handed out stay valid.
void sj_parser_keep_strings_only(sj_parser *parser) SJ_NOEXCEPT;

/// The string buffer of a parse, taken out of its parser (`sj_parser_detach_strings`).
typedef struct sj_strings sj_strings;

/// Takes the last parse's string buffer out of `parser` and gives the parser an empty one as large: strings
/// already handed out stay valid (they live in the buffer returned) while the parser, its tape and its stage-1
/// indexes already allocated and faulted in, parses again. NULL when the parser holds no buffer or memory runs out
/// (the parser is then unchanged).
sj_strings *sj_parser_detach_strings(sj_parser *parser) SJ_NOEXCEPT;
void sj_strings_free(sj_strings *strings) SJ_NOEXCEPT;

/// Parses one document. Returns 0 on success or a simdjson error code.
int sj_parse(sj_parser *parser, const uint8_t *padded, size_t length, sj_value *root) SJ_NOEXCEPT;

/// A short English description of a simdjson error code.
const char *sj_error_message(int code) SJ_NOEXCEPT;

/// Starts a stream of documents over `padded`. Returns NULL only when memory runs out.
sj_stream *sj_stream_new(sj_parser *parser, const uint8_t *padded, size_t length, int *error) SJ_NOEXCEPT;
/// Advances to the next document. Returns 1 with `root` set, 0 at the end, or -code on error.
int sj_stream_next(sj_stream *stream, sj_value *root, size_t *offset) SJ_NOEXCEPT;
void sj_stream_free(sj_stream *stream) SJ_NOEXCEPT;

sj_type sj_type_of(sj_value value) SJ_NOEXCEPT;
bool sj_get_int64(sj_value value, int64_t *out);
bool sj_get_uint64(sj_value value, uint64_t *out);
bool sj_get_double(sj_value value, double *out) SJ_NOEXCEPT;
bool sj_get_bool(sj_value value, bool *out) SJ_NOEXCEPT;
/// The string's UTF-8 bytes (not NUL-terminated); valid while the document lives.
bool sj_get_string(sj_value value, const char **bytes, size_t *length) SJ_NOEXCEPT;

/// Finds a member by key; returns false when absent or when `object` is not an object.
bool sj_object_find(sj_value object, const char *key, size_t key_length, sj_value *out) SJ_NOEXCEPT;
size_t sj_object_count(sj_value object) SJ_NOEXCEPT;
size_t sj_array_count(sj_value array) SJ_NOEXCEPT;

bool sj_array_begin(sj_value array, sj_iterator *iterator) SJ_NOEXCEPT;
bool sj_array_next(sj_iterator *iterator, sj_value *element) SJ_NOEXCEPT;
bool sj_object_begin(sj_value object, sj_iterator *iterator) SJ_NOEXCEPT;
bool sj_object_next(sj_iterator *iterator, const char **key, size_t *key_length, sj_value *member) SJ_NOEXCEPT;

/// Minified JSON text of a value, malloc'd; the caller frees it with `sj_free`.
char *sj_minify(sj_value value, size_t *length) SJ_NOEXCEPT;
void sj_free(void *pointer) SJ_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif
