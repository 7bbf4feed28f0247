#ifndef RETRACE_CCURL_H
#define RETRACE_CCURL_H
/* libcurl, loaded when first needed rather than linked: the library and the two dozen it brings (TLS, Kerberos,
   LDAP, IDN …) took about 6 ms to load and bind at every start, a third of the time before `main`, and most
   commands never fetch. The declarations come from libcurl's own header; Swift calls only the functions below.
   `curl_easy_setopt` and `curl_easy_getinfo` are variadic, which Swift cannot call: one typed wrapper per kind
   of argument the transport passes. */
#include <curl/curl.h>

/* Loads libcurl once and runs its process-wide set-up; NULL when it is ready, otherwise why it could not be
   loaded. Safe from any thread; a second caller waits for the first. */
const char *retrace_curl_load(void);

CURL *retrace_curl_easy_init(void);
void retrace_curl_easy_cleanup(CURL *handle);
void retrace_curl_easy_reset(CURL *handle);
CURLcode retrace_curl_easy_perform(CURL *handle);
const char *retrace_curl_easy_strerror(CURLcode code);
struct curl_slist *retrace_curl_slist_append(struct curl_slist *list, const char *text);
void retrace_curl_slist_free_all(struct curl_slist *list);
CURLcode retrace_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode retrace_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode retrace_curl_set_pointer(CURL *handle, CURLoption option, void *value);
CURLcode retrace_curl_set_size(CURL *handle, CURLoption option, curl_off_t value);
CURLcode retrace_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode retrace_curl_set_callback(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode retrace_curl_response_code(CURL *handle, long *code);
#endif
