#ifndef RETRACE_CGRAPHVIZ_SHIM_H
#define RETRACE_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/* Exported by libcgraph but missing from its headers: flushes the DOT lexer's buffer. agmemread keeps
   input it has read ahead (a second graph in the same text) and hands it to the next agmemread call, even
   one with different text; flushing before every read keeps each render to its own text. */
extern void aglexbad(void);
#endif
