#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

/* The shims below pass each option with its declared C type, so libcurl's GCC type
   checking macros add nothing here. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: each shim
   fixes one argument type. All return a CURLcode. */

/// Sets an option that takes a `long` (flags, timeouts, sizes up to 2 GiB).
static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a `curl_off_t` (the `_LARGE` sizes).
static inline CURLcode ccurl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a string; libcurl copies it (not so for CURLOPT_POSTFIELDS,
/// which must stay valid until the transfer ends; see ccurl_setopt_pointer).
static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a data pointer (CURLOPT_WRITEDATA, CURLOPT_POSTFIELDS).
static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets the header list of the next transfers (NULL: none).
static inline CURLcode ccurl_setopt_headers(CURL *handle, struct curl_slist *headers) {
    return curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
}

/// The type of a CURLOPT_WRITEFUNCTION callback.
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *context);

/// Sets the function that receives the response body.
static inline CURLcode ccurl_setopt_write_function(CURL *handle, ccurl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/// Reads an information item that is a `long` (CURLINFO_RESPONSE_CODE, CURLINFO_NUM_CONNECTS).
static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// curl_global_init with the default flags (CURL_GLOBAL_DEFAULT is a macro Swift does not import).
static inline CURLcode ccurl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

#endif
