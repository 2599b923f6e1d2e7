using VqDna.Torch.Native;

namespace VqDna.Torch;

// Element-wise math, comparisons and products, as Tensor methods and C# operators.
public sealed partial class Tensor
{
    public Tensor neg() => Adopt(NativeMethods.vq_neg(this));
    public Tensor abs() => Adopt(NativeMethods.vq_abs(this));
    public Tensor exp() => Adopt(NativeMethods.vq_exp(this));
    public Tensor log() => Adopt(NativeMethods.vq_log(this));
    public Tensor log1p() => Adopt(NativeMethods.vq_log1p(this));
    public Tensor sqrt() => Adopt(NativeMethods.vq_sqrt(this));
    public Tensor rsqrt() => Adopt(NativeMethods.vq_rsqrt(this));
    public Tensor sin() => Adopt(NativeMethods.vq_sin(this));
    public Tensor cos() => Adopt(NativeMethods.vq_cos(this));
    public Tensor tanh() => Adopt(NativeMethods.vq_tanh(this));
    public Tensor sigmoid() => Adopt(NativeMethods.vq_sigmoid(this));
    public Tensor relu() => Adopt(NativeMethods.vq_relu(this));
    public Tensor floor() => Adopt(NativeMethods.vq_floor(this));
    public Tensor ceil() => Adopt(NativeMethods.vq_ceil(this));
    public Tensor round() => Adopt(NativeMethods.vq_round(this));
    public Tensor sign() => Adopt(NativeMethods.vq_sign(this));
    public Tensor reciprocal() => Adopt(NativeMethods.vq_reciprocal(this));
    public Tensor square() => Adopt(NativeMethods.vq_square(this));
    public Tensor logical_not() => Adopt(NativeMethods.vq_logical_not(this));
    public Tensor isnan() => Adopt(NativeMethods.vq_isnan(this));
    public Tensor isinf() => Adopt(NativeMethods.vq_isinf(this));
    public Tensor isfinite() => Adopt(NativeMethods.vq_isfinite(this));
    public Tensor softmax(long dim) => Adopt(NativeMethods.vq_softmax(this, dim));
    public Tensor log_softmax(long dim) => Adopt(NativeMethods.vq_log_softmax(this, dim));

    public Tensor add(Tensor other, Scalar? alpha = null) => Adopt(NativeMethods.vq_add(this, other, alpha ?? 1));
    public Tensor add(Scalar other) => Adopt(NativeMethods.vq_add_scalar(this, other));
    public Tensor sub(Tensor other, Scalar? alpha = null) => Adopt(NativeMethods.vq_sub(this, other, alpha ?? 1));
    public Tensor sub(Scalar other) => Adopt(NativeMethods.vq_sub_scalar(this, other));
    public Tensor mul(Tensor other) => Adopt(NativeMethods.vq_mul(this, other));
    public Tensor mul(Scalar other) => Adopt(NativeMethods.vq_mul_scalar(this, other));
    public Tensor div(Tensor other) => Adopt(NativeMethods.vq_div(this, other));
    public Tensor div(Scalar other) => Adopt(NativeMethods.vq_div_scalar(this, other));
    public Tensor pow(Tensor exponent) => Adopt(NativeMethods.vq_pow(this, exponent));
    public Tensor pow(Scalar exponent) => Adopt(NativeMethods.vq_pow_scalar(this, exponent));
    public Tensor remainder(Tensor other) => Adopt(NativeMethods.vq_remainder(this, other));
    public Tensor remainder(Scalar other) => Adopt(NativeMethods.vq_remainder_scalar(this, other));
    public Tensor maximum(Tensor other) => Adopt(NativeMethods.vq_maximum(this, other));
    public Tensor minimum(Tensor other) => Adopt(NativeMethods.vq_minimum(this, other));

    public Tensor eq(Tensor other) => Adopt(NativeMethods.vq_eq(this, other));
    public Tensor eq(Scalar other) => Adopt(NativeMethods.vq_eq_scalar(this, other));
    public Tensor ne(Tensor other) => Adopt(NativeMethods.vq_ne(this, other));
    public Tensor ne(Scalar other) => Adopt(NativeMethods.vq_ne_scalar(this, other));
    public Tensor lt(Tensor other) => Adopt(NativeMethods.vq_lt(this, other));
    public Tensor lt(Scalar other) => Adopt(NativeMethods.vq_lt_scalar(this, other));
    public Tensor le(Tensor other) => Adopt(NativeMethods.vq_le(this, other));
    public Tensor le(Scalar other) => Adopt(NativeMethods.vq_le_scalar(this, other));
    public Tensor gt(Tensor other) => Adopt(NativeMethods.vq_gt(this, other));
    public Tensor gt(Scalar other) => Adopt(NativeMethods.vq_gt_scalar(this, other));
    public Tensor ge(Tensor other) => Adopt(NativeMethods.vq_ge(this, other));
    public Tensor ge(Scalar other) => Adopt(NativeMethods.vq_ge_scalar(this, other));
    public Tensor logical_and(Tensor other) => Adopt(NativeMethods.vq_logical_and(this, other));
    public Tensor logical_or(Tensor other) => Adopt(NativeMethods.vq_logical_or(this, other));
    public Tensor logical_xor(Tensor other) => Adopt(NativeMethods.vq_logical_xor(this, other));

    public Tensor matmul(Tensor other) => Adopt(NativeMethods.vq_matmul(this, other));
    public Tensor mm(Tensor other) => Adopt(NativeMethods.vq_mm(this, other));
    public Tensor bmm(Tensor other) => Adopt(NativeMethods.vq_bmm(this, other));

    public Tensor clamp(double? min = null, double? max = null) =>
        Adopt(NativeMethods.vq_clamp(this, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));

    // in place
    public Tensor add_(Tensor other, Scalar? alpha = null) => Inplace(NativeMethods.vq_add_(this, other, alpha ?? 1));
    public Tensor add_(Scalar other) => Inplace(NativeMethods.vq_add_scalar_(this, other));
    public Tensor sub_(Tensor other, Scalar? alpha = null) => Inplace(NativeMethods.vq_sub_(this, other, alpha ?? 1));
    public Tensor sub_(Scalar other) => Inplace(NativeMethods.vq_sub_scalar_(this, other));
    public Tensor mul_(Tensor other) => Inplace(NativeMethods.vq_mul_(this, other));
    public Tensor mul_(Scalar other) => Inplace(NativeMethods.vq_mul_scalar_(this, other));
    public Tensor div_(Tensor other) => Inplace(NativeMethods.vq_div_(this, other));
    public Tensor div_(Scalar other) => Inplace(NativeMethods.vq_div_scalar_(this, other));
    public Tensor pow_(Scalar exponent) => Inplace(NativeMethods.vq_pow_scalar_(this, exponent));
    public Tensor sqrt_() => Inplace(NativeMethods.vq_sqrt_(this));
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar? value = null) => Inplace(NativeMethods.vq_addcmul_(this, tensor1, tensor2, value ?? 1));
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar? value = null) => Inplace(NativeMethods.vq_addcdiv_(this, tensor1, tensor2, value ?? 1));
    public Tensor lerp_(Tensor end, Scalar weight) => Inplace(NativeMethods.vq_lerp_(this, end, weight));

    public Tensor clamp_(double? min = null, double? max = null) =>
        Inplace(NativeMethods.vq_clamp_(this, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));

    private Tensor Inplace(int status)
    {
        NativeMethods.Check(status);
        return this;
    }

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
    public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, Scalar b) => a.sub(b);
    public static Tensor operator -(Scalar a, Tensor b) => Adopt(NativeMethods.vq_rsub_scalar(b, a));
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
    public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
    public static Tensor operator /(Scalar a, Tensor b) => Adopt(NativeMethods.vq_rdiv_scalar(b, a));
    public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
    public static Tensor operator %(Tensor a, Scalar b) => a.remainder(b);
    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    public static Tensor operator <(Tensor a, Scalar b) => a.lt(b);
    public static Tensor operator >(Tensor a, Scalar b) => a.gt(b);
    public static Tensor operator <=(Tensor a, Scalar b) => a.le(b);
    public static Tensor operator >=(Tensor a, Scalar b) => a.ge(b);
    public static Tensor operator &(Tensor a, Tensor b) => a.logical_and(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.logical_or(b);
    public static Tensor operator !(Tensor a) => a.logical_not();
}
