// zlib, for reading rotated MTA logs (.gz) without a shell or a child process.
#ifndef BLWATCH_CZLIB_SHIM_H
#define BLWATCH_CZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro; Swift cannot call it.
static inline int blwatch_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}

#endif
