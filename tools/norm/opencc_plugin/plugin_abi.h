// The C interface of the norm command's OpenCC plug-in (norm-opencc.so).
// The command links libstdc++ statically and the plug-in (through libopencc)
// the shared one, so nothing crosses this boundary but C types: memory is
// freed on the side that allocated it, and no exception crosses it.
#pragma once

#include <stddef.h>
#include <stdint.h>

extern "C" {

// Bumped whenever a member changes; the command refuses another version.
#define NORM_OPENCC_PLUGIN_ABI 1

typedef void (*NormOpenccEntryFn)(void* ctx, const char* key, size_t key_len, const char* value,
                                  size_t value_len);

struct NormOpenccApi {
  int abi;  // NORM_OPENCC_PLUGIN_ABI
  // Loads a configuration file. Null on failure, with *kind set to an
  // OpenError::Kind and *error to a message (free with free_string).
  void* (*open)(const char* path, int* kind, char** error);
  void (*close)(void* source);
  int (*max_match_segmentation)(const void* source);
  size_t (*groups)(const void* source);
  // Writes at most cap leaf ids of the group to out; returns how many there are.
  size_t (*leaves)(const void* source, size_t group, uintptr_t* out, size_t cap);
  int (*for_each_entry)(const void* source, uintptr_t leaf, NormOpenccEntryFn fn, void* ctx);
  // The converted text (free with free_string), or null and *error.
  char* (*convert)(const void* source, const char* text, size_t len, size_t* out_len, char** error);
  void (*free_string)(char* s);
};

// The one symbol the plug-in exports.
const NormOpenccApi* norm_opencc_plugin_api(void);
}
