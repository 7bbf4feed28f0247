#ifndef RETRACE_CGRAPHVIZ_SHIM_H
#define RETRACE_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
