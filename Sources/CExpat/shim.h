#ifndef RETRACE_CEXPAT_SHIM_H
#define RETRACE_CEXPAT_SHIM_H
#include <expat.h>
#endif
