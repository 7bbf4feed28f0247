// The C API declared in CSimdJSON.h, over simdjson's DOM parser.
#include "CSimdJSON.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

#include <simdjson.h>

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

static_assert(sizeof(element) == sizeof(sj_value), "dom::element must fit the 16-byte handle");
static_assert(std::is_trivially_copyable<element>::value, "dom::element must be trivially copyable");
static_assert(sizeof(array::iterator) == sizeof(sj_value), "array iterator must fit a handle");
static_assert(sizeof(object::iterator) == sizeof(sj_value), "object iterator must fit a handle");

struct sj_parser {
    simdjson::dom::parser parser;
    explicit sj_parser(size_t max_depth) : parser(simdjson::SIMDJSON_MAXSIZE_BYTES) {
        (void)parser.allocate(0, max_depth);
    }
};

struct sj_stream {
    simdjson::dom::document_stream stream;
    simdjson::dom::document_stream::iterator current;
    simdjson::dom::document_stream::iterator end;
    bool started = false;
};

template <typename T> static T from_handle(const sj_value &handle) noexcept {
    T value;
    std::memcpy(static_cast<void *>(&value), &handle, sizeof(T));
    return value;
}

template <typename T> static sj_value to_handle(const T &value) noexcept {
    sj_value handle;
    std::memcpy(&handle, static_cast<const void *>(&value), sizeof(T));
    return handle;
}

extern "C" {

size_t sj_padding(void) noexcept { return simdjson::SIMDJSON_PADDING; }

sj_parser *sj_parser_new(size_t max_depth) noexcept { return new (std::nothrow) sj_parser(max_depth); }

void sj_parser_free(sj_parser *parser) noexcept { delete parser; }

void sj_parser_keep_strings_only(sj_parser *parser) noexcept {
    parser->parser.implementation.reset();
    parser->parser.doc.tape.reset();
}

struct sj_strings {
    std::unique_ptr<uint8_t[]> bytes;
};

sj_strings *sj_parser_detach_strings(sj_parser *parser) noexcept {
    auto &document = parser->parser.doc;
    size_t capacity = document.capacity();
    if (capacity == 0 || !document.string_buf) { return nullptr; }
    // simdjson 3 sizes the buffer 5/3 of the capacity plus padding; twice that is asked for, so that a later
    // version's larger need is still met (pages never written are never faulted in, so the margin costs nothing).
    size_t size = 2 * capacity + 2 * simdjson::SIMDJSON_PADDING;
    std::unique_ptr<uint8_t[]> fresh(new (std::nothrow) uint8_t[size]);
    auto *held = new (std::nothrow) sj_strings();
    if (!fresh || held == nullptr) {
        delete held;
        return nullptr;
    }
    held->bytes = std::move(document.string_buf);
    document.string_buf = std::move(fresh);
    return held;
}

void sj_strings_free(sj_strings *strings) noexcept { delete strings; }

int sj_parse(sj_parser *parser, const uint8_t *padded, size_t length, sj_value *root) noexcept {
    element result;
    auto error = parser->parser.parse(padded, length, false).get(result);
    if (error) { return static_cast<int>(error); }
    *root = to_handle(result);
    return 0;
}

const char *sj_error_message(int code) noexcept { return simdjson::error_message(static_cast<simdjson::error_code>(code)); }

sj_stream *sj_stream_new(sj_parser *parser, const uint8_t *padded, size_t length, int *error) noexcept {
    auto *stream = new (std::nothrow) sj_stream();
    if (stream == nullptr) { return nullptr; }
    // One batch covering the whole input: documents of any size are accepted.
    size_t batch = length < simdjson::dom::MINIMAL_BATCH_SIZE ? simdjson::dom::MINIMAL_BATCH_SIZE : length;
    auto code = parser->parser.parse_many(padded, length, batch).get(stream->stream);
    *error = static_cast<int>(code);
    return stream;
}

int sj_stream_next(sj_stream *stream, sj_value *root, size_t *offset) noexcept {
    if (!stream->started) {
        stream->current = stream->stream.begin();
        stream->end = stream->stream.end();
        stream->started = true;
    } else {
        ++stream->current;
    }
    if (!(stream->current != stream->end)) { return 0; }
    *offset = stream->current.current_index();
    element result;
    auto error = (*stream->current).get(result);
    if (error) { return -static_cast<int>(error); }
    *root = to_handle(result);
    return 1;
}

void sj_stream_free(sj_stream *stream) noexcept { delete stream; }

sj_type sj_type_of(sj_value value) noexcept {
    switch (from_handle<element>(value).type()) {
    case simdjson::dom::element_type::ARRAY: return SJ_ARRAY;
    case simdjson::dom::element_type::OBJECT: return SJ_OBJECT;
    case simdjson::dom::element_type::INT64: return SJ_INT64;
    case simdjson::dom::element_type::UINT64: return SJ_UINT64;
    case simdjson::dom::element_type::DOUBLE: return SJ_DOUBLE;
    case simdjson::dom::element_type::STRING: return SJ_STRING;
    case simdjson::dom::element_type::BOOL: return SJ_BOOL;
    case simdjson::dom::element_type::NULL_VALUE: return SJ_NULL;
    }
    return SJ_NULL;
}

bool sj_get_int64(sj_value value, int64_t *out) { return !from_handle<element>(value).get_int64().get(*out); }

bool sj_get_uint64(sj_value value, uint64_t *out) { return !from_handle<element>(value).get_uint64().get(*out); }

bool sj_get_double(sj_value value, double *out) noexcept { return !from_handle<element>(value).get_double().get(*out); }

bool sj_get_bool(sj_value value, bool *out) noexcept { return !from_handle<element>(value).get_bool().get(*out); }

bool sj_get_string(sj_value value, const char **bytes, size_t *length) noexcept {
    std::string_view view;
    if (from_handle<element>(value).get_string().get(view)) { return false; }
    *bytes = view.data();
    *length = view.size();
    return true;
}

bool sj_object_find(sj_value value, const char *key, size_t key_length, sj_value *out) noexcept {
    object obj;
    if (from_handle<element>(value).get_object().get(obj)) { return false; }
    element member;
    if (obj.at_key(std::string_view(key, key_length)).get(member)) { return false; }
    *out = to_handle(member);
    return true;
}

size_t sj_object_count(sj_value value) noexcept {
    object obj;
    if (from_handle<element>(value).get_object().get(obj)) { return 0; }
    return obj.size();
}

size_t sj_array_count(sj_value value) noexcept {
    array arr;
    if (from_handle<element>(value).get_array().get(arr)) { return 0; }
    return arr.size();
}

bool sj_array_begin(sj_value value, sj_iterator *iterator) noexcept {
    array arr;
    if (from_handle<element>(value).get_array().get(arr)) { return false; }
    iterator->current = to_handle(arr.begin());
    iterator->end = to_handle(arr.end());
    return true;
}

bool sj_array_next(sj_iterator *iterator, sj_value *out) noexcept {
    auto current = from_handle<array::iterator>(iterator->current);
    auto end = from_handle<array::iterator>(iterator->end);
    if (!(current != end)) { return false; }
    *out = to_handle(*current);
    ++current;
    iterator->current = to_handle(current);
    return true;
}

bool sj_object_begin(sj_value value, sj_iterator *iterator) noexcept {
    object obj;
    if (from_handle<element>(value).get_object().get(obj)) { return false; }
    iterator->current = to_handle(obj.begin());
    iterator->end = to_handle(obj.end());
    return true;
}

bool sj_object_next(sj_iterator *iterator, const char **key, size_t *key_length, sj_value *member) noexcept {
    auto current = from_handle<object::iterator>(iterator->current);
    auto end = from_handle<object::iterator>(iterator->end);
    if (!(current != end)) { return false; }
    auto name = current.key();
    *key = name.data();
    *key_length = name.size();
    *member = to_handle(current.value());
    ++current;
    iterator->current = to_handle(current);
    return true;
}

char *sj_minify(sj_value value, size_t *length) noexcept {
    std::string text = simdjson::minify(from_handle<element>(value));
    auto *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy == nullptr) { return nullptr; }
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = 0;
    *length = text.size();
    return copy;
}

void sj_free(void *pointer) noexcept { std::free(pointer); }

} // extern "C"
