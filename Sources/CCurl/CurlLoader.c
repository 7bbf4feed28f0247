#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The functions used, found in the library once it is loaded. Written once, under `pthread_once`, and only read
   after it: no lock is needed to call them. */
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} curl;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static char failure[512];

static void *find(void *library, const char *name) {
    void *symbol = dlsym(library, name);
    if (symbol == NULL && failure[0] == 0) {
        snprintf(failure, sizeof failure, "libcurl has no %s (too old a version?)", name);
    }
    return symbol;
}

static void load(void) {
    /* Lazily bound: the functions of libcurl and its libraries are looked up as they are first called, not all at
       once (about 1 ms less). */
    void *library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure, "libcurl could not be loaded (%s); install it (Debian: libcurl4)",
                 reason != NULL ? reason : "not found");
        return;
    }
    curl.global_init = find(library, "curl_global_init");
    curl.easy_init = find(library, "curl_easy_init");
    curl.easy_cleanup = find(library, "curl_easy_cleanup");
    curl.easy_reset = find(library, "curl_easy_reset");
    curl.easy_perform = find(library, "curl_easy_perform");
    curl.easy_strerror = find(library, "curl_easy_strerror");
    curl.easy_setopt = find(library, "curl_easy_setopt");
    curl.easy_getinfo = find(library, "curl_easy_getinfo");
    curl.slist_append = find(library, "curl_slist_append");
    curl.slist_free_all = find(library, "curl_slist_free_all");
    if (failure[0] != 0) return;
    /* The process-wide set-up, which is not thread-safe itself: here, once, before any handle. */
    CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(failure, sizeof failure, "libcurl could not be set up (%s)", curl.easy_strerror(code));
    }
}

const char *retrace_curl_load(void) {
    pthread_once(&loaded, load);
    return failure[0] != 0 ? failure : NULL;
}

/* Callers load the library first (`retrace_curl_load`) and stop on its failure: past that point each function
   below is there. */
CURL *retrace_curl_easy_init(void) { return curl.easy_init(); }
void retrace_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
void retrace_curl_easy_reset(CURL *handle) { curl.easy_reset(handle); }
CURLcode retrace_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
const char *retrace_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }
struct curl_slist *retrace_curl_slist_append(struct curl_slist *list, const char *text) {
    return curl.slist_append(list, text);
}
void retrace_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }
CURLcode retrace_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode retrace_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode retrace_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode retrace_curl_set_size(CURL *handle, CURLoption option, curl_off_t value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode retrace_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode retrace_curl_set_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode retrace_curl_response_code(CURL *handle, long *code) {
    return curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}
