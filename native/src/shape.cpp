// Views, reshapes, joins, splits and indexing.
#include "common.h"

#define VQ_DIMS_OP(name, expr)                                              \
  VQ_API Tensor vq_##name(Tensor t, const int64_t* d, int32_t n) {          \
    VQ_TRY                                                                  \
    return vq::wrap(expr);                                                  \
    VQ_CATCH(nullptr)                                                       \
  }

VQ_DIMS_OP(view, t->view(vq::dims(d, n)))
VQ_DIMS_OP(reshape, t->reshape(vq::dims(d, n)))
VQ_DIMS_OP(permute, t->permute(vq::dims(d, n)))
VQ_DIMS_OP(expand, t->expand(vq::dims(d, n)))
VQ_DIMS_OP(repeat, t->repeat(vq::dims(d, n)))
VQ_DIMS_OP(flip, t->flip(vq::dims(d, n)))

VQ_API Tensor vq_transpose(Tensor t, int64_t a, int64_t b) {
  VQ_TRY
  return vq::wrap(t->transpose(a, b));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_contiguous(Tensor t) {
  VQ_TRY
  return vq::wrap(t->contiguous());
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_narrow(Tensor t, int64_t dim, int64_t start, int64_t length) {
  VQ_TRY
  return vq::wrap(t->narrow(dim, start, length));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_slice(Tensor t, int64_t dim, int64_t start, int64_t end, int64_t step) {
  VQ_TRY
  return vq::wrap(t->slice(dim, start, end, step));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_select(Tensor t, int64_t dim, int64_t index) {
  VQ_TRY
  return vq::wrap(t->select(dim, index));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_unsqueeze(Tensor t, int64_t dim) {
  VQ_TRY
  return vq::wrap(t->unsqueeze(dim));
  VQ_CATCH(nullptr)
}

/// dim == INT64_MIN squeezes every size-1 dimension.
VQ_API Tensor vq_squeeze(Tensor t, int64_t dim) {
  VQ_TRY
  return vq::wrap(dim == INT64_MIN ? t->squeeze() : t->squeeze(dim));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_flatten(Tensor t, int64_t start, int64_t end) {
  VQ_TRY
  return vq::wrap(t->flatten(start, end));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_cat(const Tensor* ts, int32_t n, int64_t dim) {
  VQ_TRY
  return vq::wrap(at::cat(vq::list(ts, n), dim));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_stack(const Tensor* ts, int32_t n, int64_t dim) {
  VQ_TRY
  return vq::wrap(at::stack(vq::list(ts, n), dim));
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_split(Tensor t, int64_t size, int64_t dim, Tensor** out) {
  VQ_TRY
  return vq::wrap_list(t->split(size, dim), out);
  VQ_CATCH(-1)
}

VQ_API int32_t vq_split_sizes(Tensor t, const int64_t* sizes, int32_t n, int64_t dim, Tensor** out) {
  VQ_TRY
  return vq::wrap_list(t->split_with_sizes(vq::dims(sizes, n), dim), out);
  VQ_CATCH(-1)
}

VQ_API int32_t vq_chunk(Tensor t, int64_t chunks, int64_t dim, Tensor** out) {
  VQ_TRY
  return vq::wrap_list(t->chunk(chunks, dim), out);
  VQ_CATCH(-1)
}

VQ_API int32_t vq_unbind(Tensor t, int64_t dim, Tensor** out) {
  VQ_TRY
  return vq::wrap_list(t->unbind(dim), out);
  VQ_CATCH(-1)
}

VQ_API Tensor vq_index_select(Tensor t, int64_t dim, Tensor index) {
  VQ_TRY
  return vq::wrap(t->index_select(dim, *index));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_gather(Tensor t, int64_t dim, Tensor index) {
  VQ_TRY
  return vq::wrap(t->gather(dim, *index));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_scatter(Tensor t, int64_t dim, Tensor index, Tensor src) {
  VQ_TRY
  return vq::wrap(t->scatter(dim, *index, *src));
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_scatter_(Tensor t, int64_t dim, Tensor index, Tensor src) {
  VQ_TRY
  t->scatter_(dim, *index, *src);
  return 0;
  VQ_CATCH(-1)
}

VQ_API int32_t vq_scatter_value_(Tensor t, int64_t dim, Tensor index, VqScalar value) {
  VQ_TRY
  t->scatter_(dim, *index, vq::scalar(value));
  return 0;
  VQ_CATCH(-1)
}

VQ_API Tensor vq_scatter_add(Tensor t, int64_t dim, Tensor index, Tensor src) {
  VQ_TRY
  return vq::wrap(t->scatter_add(dim, *index, *src));
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_index_add_(Tensor t, int64_t dim, Tensor index, Tensor src, VqScalar alpha) {
  VQ_TRY
  t->index_add_(dim, *index, *src, vq::scalar(alpha));
  return 0;
  VQ_CATCH(-1)
}

VQ_API Tensor vq_index_add(Tensor t, int64_t dim, Tensor index, Tensor src, VqScalar alpha) {
  VQ_TRY
  return vq::wrap(t->index_add(dim, *index, *src, vq::scalar(alpha)));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_masked_fill(Tensor t, Tensor mask, VqScalar value) {
  VQ_TRY
  return vq::wrap(t->masked_fill(*mask, vq::scalar(value)));
  VQ_CATCH(nullptr)
}

VQ_API int32_t vq_masked_fill_(Tensor t, Tensor mask, VqScalar value) {
  VQ_TRY
  t->masked_fill_(*mask, vq::scalar(value));
  return 0;
  VQ_CATCH(-1)
}

VQ_API Tensor vq_masked_select(Tensor t, Tensor mask) {
  VQ_TRY
  return vq::wrap(t->masked_select(*mask));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_where(Tensor cond, Tensor a, Tensor b) {
  VQ_TRY
  return vq::wrap(at::where(*cond, *a, *b));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_nonzero(Tensor t) {
  VQ_TRY
  return vq::wrap(t->nonzero());
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_tril(Tensor t, int64_t diagonal) {
  VQ_TRY
  return vq::wrap(t->tril(diagonal));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_triu(Tensor t, int64_t diagonal) {
  VQ_TRY
  return vq::wrap(t->triu(diagonal));
  VQ_CATCH(nullptr)
}

VQ_API Tensor vq_roll(Tensor t, int64_t shift, int64_t dim) {
  VQ_TRY
  return vq::wrap(t->roll(shift, dim));
  VQ_CATCH(nullptr)
}

/// A view with explicit sizes, strides and storage offset (for rebuilding tensors read from files).
VQ_API Tensor vq_as_strided(Tensor t, const int64_t* sizes, const int64_t* strides, int32_t n, int64_t offset) {
  VQ_TRY
  return vq::wrap(t->as_strided(vq::dims(sizes, n), vq::dims(strides, n), offset));
  VQ_CATCH(nullptr)
}
