// torch.save / torch.load compatible files: a zip archive holding a pickled dict of tensors.
// Only this file pulls in the (slow to compile) jit serialization header.
#include "common.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <fstream>
#include <iterator>

namespace {

struct LoadedDict {
  std::vector<std::string> keys;
  std::vector<at::Tensor> values;
};

}  // namespace

/// Writes {names[i]: tensors[i]} as torch.save would; Python's torch.load reads it.
VQ_API int32_t vq_save_dict(const char* path, const char** names, const Tensor* tensors, int32_t n) {
  VQ_TRY
  c10::Dict<std::string, at::Tensor> dict;
  for (int32_t i = 0; i < n; ++i) dict.insert(names[i], tensors[i]->detach());
  std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  TORCH_CHECK(out, "cannot open '", path, "' for writing");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  TORCH_CHECK(out, "writing '", path, "' failed");
  return 0;
  VQ_CATCH(-1)
}

/// Reads a file written by torch.save(dict of tensors); returns an opaque handle and the entry count.
VQ_API void* vq_load_dict(const char* path, int32_t* count) {
  VQ_TRY
  std::ifstream in(path, std::ios::binary);
  TORCH_CHECK(in, "cannot open '", path, "' for reading");
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  c10::IValue value = torch::jit::pickle_load(bytes);
  TORCH_CHECK(value.isGenericDict(), "'", path, "' holds a ", value.tagKind(), ", not a dict of tensors");
  auto result = std::make_unique<LoadedDict>();
  for (const auto& entry : value.toGenericDict()) {
    TORCH_CHECK(entry.key().isString(), "'", path, "' has a non-string key (", entry.key().tagKind(), ")");
    TORCH_CHECK(entry.value().isTensor(), "'", path, "' entry '", entry.key().toStringRef(), "' is a ",
                entry.value().tagKind(), ", not a tensor");
    result->keys.push_back(entry.key().toStringRef());
    result->values.push_back(entry.value().toTensor());
  }
  *count = static_cast<int32_t>(result->keys.size());
  return result.release();
  VQ_CATCH(nullptr)
}

VQ_API const char* vq_loaded_key(void* dict, int32_t i) {
  VQ_TRY
  return static_cast<LoadedDict*>(dict)->keys.at(static_cast<size_t>(i)).c_str();
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_loaded_tensor(void* dict, int32_t i) {
  VQ_TRY
  return vq::wrap(static_cast<LoadedDict*>(dict)->values.at(static_cast<size_t>(i)));
  VQ_CATCH(nullptr)
}

VQ_API void vq_loaded_free(void* dict) { delete static_cast<LoadedDict*>(dict); }
