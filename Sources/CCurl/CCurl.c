// Loads libcurl.so.4 on first use (see include/CCurl.h for why) and forwards each call.
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The soname of libcurl 7.x and 8.x (Debian's libcurl4 package, whichever TLS flavour).
static const char *const library = "libcurl.so.4";

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
    void (*free)(void *);
} api;

static int loaded;
static char load_error[512] = "libcurl was not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // RTLD_LOCAL: libcurl's symbols (and its TLS library's) stay out of the global namespace.
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "cannot load libcurl (install the libcurl4 package): %s",
                 reason ? reason : library);
        return;
    }
    struct {
        void **slot;
        const char *name;
    } symbols[] = {
        {(void **)&api.global_init, "curl_global_init"},
        {(void **)&api.easy_init, "curl_easy_init"},
        {(void **)&api.easy_cleanup, "curl_easy_cleanup"},
        {(void **)&api.easy_perform, "curl_easy_perform"},
        {(void **)&api.easy_strerror, "curl_easy_strerror"},
        {(void **)&api.easy_setopt, "curl_easy_setopt"},
        {(void **)&api.easy_getinfo, "curl_easy_getinfo"},
        {(void **)&api.slist_append, "curl_slist_append"},
        {(void **)&api.slist_free_all, "curl_slist_free_all"},
        {(void **)&api.url, "curl_url"},
        {(void **)&api.url_cleanup, "curl_url_cleanup"},
        {(void **)&api.url_set, "curl_url_set"},
        {(void **)&api.url_get, "curl_url_get"},
        {(void **)&api.free, "curl_free"},
    };
    for (size_t index = 0; index < sizeof symbols / sizeof symbols[0]; index++) {
        *symbols[index].slot = dlsym(handle, symbols[index].name);
        if (*symbols[index].slot == NULL) {
            // curl_url* arrived in 7.62 (2018): an older libcurl is not one blwatch can use.
            snprintf(load_error, sizeof load_error, "%s has no %s: libcurl 7.62 or later is needed", library,
                     symbols[index].name);
            return;
        }
    }
    loaded = 1;
}

static int ready(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *blwatch_curl_load_error(void) { return ready() ? NULL : load_error; }

CURLcode blwatch_curl_global_init(long flags) { return ready() ? api.global_init(flags) : CURLE_FAILED_INIT; }
CURL *blwatch_curl_easy_init(void) { return ready() ? api.easy_init() : NULL; }
void blwatch_curl_easy_cleanup(CURL *handle) {
    if (ready()) api.easy_cleanup(handle);
}
CURLcode blwatch_curl_easy_perform(CURL *handle) { return ready() ? api.easy_perform(handle) : CURLE_FAILED_INIT; }
const char *blwatch_curl_easy_strerror(CURLcode code) {
    return ready() ? api.easy_strerror(code) : load_error;
}
struct curl_slist *blwatch_curl_slist_append(struct curl_slist *list, const char *item) {
    return ready() ? api.slist_append(list, item) : NULL;
}
void blwatch_curl_slist_free_all(struct curl_slist *list) {
    if (ready()) api.slist_free_all(list);
}
CURLU *blwatch_curl_url(void) { return ready() ? api.url() : NULL; }
void blwatch_curl_url_cleanup(CURLU *url) {
    if (ready()) api.url_cleanup(url);
}
CURLUcode blwatch_curl_url_set(CURLU *url, CURLUPart part, const char *content, unsigned int flags) {
    return ready() ? api.url_set(url, part, content, flags) : CURLUE_OUT_OF_MEMORY;
}
CURLUcode blwatch_curl_url_get(const CURLU *url, CURLUPart part, char **content, unsigned int flags) {
    return ready() ? api.url_get(url, part, content, flags) : CURLUE_OUT_OF_MEMORY;
}
void blwatch_curl_free(void *pointer) {
    if (ready()) api.free(pointer);
}

CURLcode blwatch_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_setopt_data_callback(CURL *handle, CURLoption option, blwatch_curl_data_callback value) {
    return ready() ? api.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return ready() ? api.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return ready() ? api.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}
CURLcode blwatch_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return ready() ? api.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}
