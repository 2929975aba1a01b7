// libcurl, loaded on first use.
//
// blwatch needs libcurl only to fetch a listing's lookup page or to send an alert: most runs (a
// scan with nothing new, `status`, `check`) never do. Linking libcurl would load it and its ~30
// dependencies (TLS, Kerberos, LDAP, SSH, IDN) into every run, about 6 MB of resident memory and
// their relocations at start-up. So nothing here links libcurl: the first call opens
// libcurl.so.4 with dlopen and resolves the few functions blwatch uses.
//
// curl/curl.h gives the types and constants only. Every function is reached through the
// blwatch_curl_* wrappers below; each is typed, so Swift never calls a variadic C function.
#ifndef BLWATCH_CCURL_H
#define BLWATCH_CCURL_H

#include <curl/curl.h>

typedef size_t (*blwatch_curl_data_callback)(char *data, size_t size, size_t count, void *context);

// Why libcurl could not be loaded ("libcurl.so.4: cannot open shared object file..."), or NULL
// once it is loaded. Loads it on the first call; safe from any thread.
const char *blwatch_curl_load_error(void);

// Each returns CURLE_FAILED_INIT (or NULL, or does nothing) when libcurl could not be loaded.
CURLcode blwatch_curl_global_init(long flags);
CURL *blwatch_curl_easy_init(void);
void blwatch_curl_easy_cleanup(CURL *handle);
CURLcode blwatch_curl_easy_perform(CURL *handle);
const char *blwatch_curl_easy_strerror(CURLcode code);
struct curl_slist *blwatch_curl_slist_append(struct curl_slist *list, const char *item);
void blwatch_curl_slist_free_all(struct curl_slist *list);
CURLU *blwatch_curl_url(void);
void blwatch_curl_url_cleanup(CURLU *url);
CURLUcode blwatch_curl_url_set(CURLU *url, CURLUPart part, const char *content, unsigned int flags);
CURLUcode blwatch_curl_url_get(const CURLU *url, CURLUPart part, char **content, unsigned int flags);
void blwatch_curl_free(void *pointer);

// Typed forms of the variadic curl_easy_setopt and curl_easy_getinfo: each passes exactly the
// argument type libcurl documents for that option or info.
CURLcode blwatch_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode blwatch_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode blwatch_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode blwatch_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode blwatch_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode blwatch_curl_setopt_data_callback(CURL *handle, CURLoption option, blwatch_curl_data_callback value);
CURLcode blwatch_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode blwatch_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode blwatch_curl_getinfo_string(CURL *handle, CURLINFO info, char **value);

#endif
