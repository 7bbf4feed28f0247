#ifndef RETRACE_CZLIB_SHIM_H
#define RETRACE_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro (it passes the library's version and the stream's size): a function Swift can call.
   Negative window bits: raw deflate data, as zip entries hold it, without a zlib header. */
static inline int retrace_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
