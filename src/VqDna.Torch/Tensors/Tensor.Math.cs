using VqDna.Torch.Native;

namespace VqDna.Torch;

// Element-wise math, comparisons and products, as Tensor methods and C# operators.
public sealed partial class Tensor
{
    /// <summary>Element-wise negation, −x (torch.neg).</summary>
    public Tensor neg() => Adopt(NativeMethods.vq_neg(this));
    /// <summary>Element-wise absolute value (torch.abs).</summary>
    public Tensor abs() => Adopt(NativeMethods.vq_abs(this));
    /// <summary>Element-wise e^x (torch.exp).</summary>
    public Tensor exp() => Adopt(NativeMethods.vq_exp(this));
    /// <summary>Element-wise natural logarithm (torch.log).</summary>
    public Tensor log() => Adopt(NativeMethods.vq_log(this));
    /// <summary>Element-wise ln(1 + x), accurate for small x (torch.log1p).</summary>
    public Tensor log1p() => Adopt(NativeMethods.vq_log1p(this));
    /// <summary>Element-wise square root (torch.sqrt).</summary>
    public Tensor sqrt() => Adopt(NativeMethods.vq_sqrt(this));
    /// <summary>Element-wise reciprocal square root, 1/√x (torch.rsqrt).</summary>
    public Tensor rsqrt() => Adopt(NativeMethods.vq_rsqrt(this));
    /// <summary>Element-wise sine (torch.sin).</summary>
    public Tensor sin() => Adopt(NativeMethods.vq_sin(this));
    /// <summary>Element-wise cosine (torch.cos).</summary>
    public Tensor cos() => Adopt(NativeMethods.vq_cos(this));
    /// <summary>Element-wise hyperbolic tangent (torch.tanh).</summary>
    public Tensor tanh() => Adopt(NativeMethods.vq_tanh(this));
    /// <summary>Element-wise logistic sigmoid, 1/(1 + e^−x) (torch.sigmoid).</summary>
    public Tensor sigmoid() => Adopt(NativeMethods.vq_sigmoid(this));
    /// <summary>Element-wise max(x, 0) (torch.relu).</summary>
    public Tensor relu() => Adopt(NativeMethods.vq_relu(this));
    /// <summary>Element-wise round down (torch.floor).</summary>
    public Tensor floor() => Adopt(NativeMethods.vq_floor(this));
    /// <summary>Element-wise round up (torch.ceil).</summary>
    public Tensor ceil() => Adopt(NativeMethods.vq_ceil(this));
    /// <summary>Element-wise round to nearest, halves to even (torch.round).</summary>
    public Tensor round() => Adopt(NativeMethods.vq_round(this));
    /// <summary>Element-wise sign: −1, 0 or 1 (torch.sign).</summary>
    public Tensor sign() => Adopt(NativeMethods.vq_sign(this));
    /// <summary>Element-wise 1/x (torch.reciprocal).</summary>
    public Tensor reciprocal() => Adopt(NativeMethods.vq_reciprocal(this));
    /// <summary>Element-wise x² (torch.square).</summary>
    public Tensor square() => Adopt(NativeMethods.vq_square(this));
    /// <summary>Element-wise logical NOT; a bool tensor (torch.logical_not).</summary>
    public Tensor logical_not() => Adopt(NativeMethods.vq_logical_not(this));
    /// <summary>A bool tensor: true where an element is NaN (torch.isnan).</summary>
    public Tensor isnan() => Adopt(NativeMethods.vq_isnan(this));
    /// <summary>A bool tensor: true where an element is ±infinity (torch.isinf).</summary>
    public Tensor isinf() => Adopt(NativeMethods.vq_isinf(this));
    /// <summary>A bool tensor: true where an element is neither NaN nor infinite (torch.isfinite).</summary>
    public Tensor isfinite() => Adopt(NativeMethods.vq_isfinite(this));
    /// <summary>Softmax along <paramref name="dim"/> (torch.softmax).</summary>
    public Tensor softmax(long dim) => Adopt(NativeMethods.vq_softmax(this, dim));
    /// <summary>Log of the softmax along <paramref name="dim"/>, computed stably (torch.log_softmax).</summary>
    public Tensor log_softmax(long dim) => Adopt(NativeMethods.vq_log_softmax(this, dim));

    /// <summary>
    /// Element-wise this + <paramref name="alpha"/> × <paramref name="other"/>, broadcasting; alpha defaults to 1 (torch.add).
    /// </summary>
    public Tensor add(Tensor other, Scalar? alpha = null) => Adopt(NativeMethods.vq_add(this, other, alpha ?? 1));
    /// <summary>Adds a scalar to every element (torch.add).</summary>
    public Tensor add(Scalar other) => Adopt(NativeMethods.vq_add_scalar(this, other));
    /// <summary>
    /// Element-wise this − <paramref name="alpha"/> × <paramref name="other"/>, broadcasting; alpha defaults to 1 (torch.sub).
    /// </summary>
    public Tensor sub(Tensor other, Scalar? alpha = null) => Adopt(NativeMethods.vq_sub(this, other, alpha ?? 1));
    /// <summary>Subtracts a scalar from every element (torch.sub).</summary>
    public Tensor sub(Scalar other) => Adopt(NativeMethods.vq_sub_scalar(this, other));
    /// <summary>Element-wise product with <paramref name="other"/>, broadcasting (torch.mul).</summary>
    public Tensor mul(Tensor other) => Adopt(NativeMethods.vq_mul(this, other));
    /// <summary>Multiplies every element by a scalar (torch.mul).</summary>
    public Tensor mul(Scalar other) => Adopt(NativeMethods.vq_mul_scalar(this, other));
    /// <summary>Element-wise true division by <paramref name="other"/>, broadcasting (torch.div).</summary>
    public Tensor div(Tensor other) => Adopt(NativeMethods.vq_div(this, other));
    /// <summary>Divides every element by a scalar (torch.div).</summary>
    public Tensor div(Scalar other) => Adopt(NativeMethods.vq_div_scalar(this, other));
    /// <summary>Element-wise power with a tensor of exponents, broadcasting (torch.pow).</summary>
    public Tensor pow(Tensor exponent) => Adopt(NativeMethods.vq_pow(this, exponent));
    /// <summary>Raises every element to a scalar power (torch.pow).</summary>
    public Tensor pow(Scalar exponent) => Adopt(NativeMethods.vq_pow_scalar(this, exponent));
    /// <summary>Element-wise remainder with the sign of the divisor, as Python's % (torch.remainder).</summary>
    public Tensor remainder(Tensor other) => Adopt(NativeMethods.vq_remainder(this, other));
    /// <summary>Remainder of every element by a scalar, with the sign of the divisor (torch.remainder).</summary>
    public Tensor remainder(Scalar other) => Adopt(NativeMethods.vq_remainder_scalar(this, other));
    /// <summary>Element-wise maximum with <paramref name="other"/> (torch.maximum).</summary>
    public Tensor maximum(Tensor other) => Adopt(NativeMethods.vq_maximum(this, other));
    /// <summary>Element-wise minimum with <paramref name="other"/> (torch.minimum).</summary>
    public Tensor minimum(Tensor other) => Adopt(NativeMethods.vq_minimum(this, other));

    /// <summary>A bool tensor: this == <paramref name="other"/>, element-wise (torch.eq).</summary>
    public Tensor eq(Tensor other) => Adopt(NativeMethods.vq_eq(this, other));
    /// <summary>A bool tensor: each element == <paramref name="other"/> (torch.eq).</summary>
    public Tensor eq(Scalar other) => Adopt(NativeMethods.vq_eq_scalar(this, other));
    /// <summary>A bool tensor: this != <paramref name="other"/>, element-wise (torch.ne).</summary>
    public Tensor ne(Tensor other) => Adopt(NativeMethods.vq_ne(this, other));
    /// <summary>A bool tensor: each element != <paramref name="other"/> (torch.ne).</summary>
    public Tensor ne(Scalar other) => Adopt(NativeMethods.vq_ne_scalar(this, other));
    /// <summary>A bool tensor: this &lt; <paramref name="other"/>, element-wise (torch.lt).</summary>
    public Tensor lt(Tensor other) => Adopt(NativeMethods.vq_lt(this, other));
    /// <summary>A bool tensor: each element &lt; <paramref name="other"/> (torch.lt).</summary>
    public Tensor lt(Scalar other) => Adopt(NativeMethods.vq_lt_scalar(this, other));
    /// <summary>A bool tensor: this ≤ <paramref name="other"/>, element-wise (torch.le).</summary>
    public Tensor le(Tensor other) => Adopt(NativeMethods.vq_le(this, other));
    /// <summary>A bool tensor: each element ≤ <paramref name="other"/> (torch.le).</summary>
    public Tensor le(Scalar other) => Adopt(NativeMethods.vq_le_scalar(this, other));
    /// <summary>A bool tensor: this &gt; <paramref name="other"/>, element-wise (torch.gt).</summary>
    public Tensor gt(Tensor other) => Adopt(NativeMethods.vq_gt(this, other));
    /// <summary>A bool tensor: each element &gt; <paramref name="other"/> (torch.gt).</summary>
    public Tensor gt(Scalar other) => Adopt(NativeMethods.vq_gt_scalar(this, other));
    /// <summary>A bool tensor: this ≥ <paramref name="other"/>, element-wise (torch.ge).</summary>
    public Tensor ge(Tensor other) => Adopt(NativeMethods.vq_ge(this, other));
    /// <summary>A bool tensor: each element ≥ <paramref name="other"/> (torch.ge).</summary>
    public Tensor ge(Scalar other) => Adopt(NativeMethods.vq_ge_scalar(this, other));
    /// <summary>Element-wise logical AND; a bool tensor (torch.logical_and).</summary>
    public Tensor logical_and(Tensor other) => Adopt(NativeMethods.vq_logical_and(this, other));
    /// <summary>Element-wise logical OR; a bool tensor (torch.logical_or).</summary>
    public Tensor logical_or(Tensor other) => Adopt(NativeMethods.vq_logical_or(this, other));
    /// <summary>Element-wise logical XOR; a bool tensor (torch.logical_xor).</summary>
    public Tensor logical_xor(Tensor other) => Adopt(NativeMethods.vq_logical_xor(this, other));

    /// <summary>Matrix product with broadcasting over batch dimensions (torch.matmul).</summary>
    public Tensor matmul(Tensor other) => Adopt(NativeMethods.vq_matmul(this, other));
    /// <summary>Product of two 2-D matrices, (n, m) × (m, p) (torch.mm).</summary>
    public Tensor mm(Tensor other) => Adopt(NativeMethods.vq_mm(this, other));
    /// <summary>Batched product of 3-D tensors, (b, n, m) × (b, m, p) (torch.bmm).</summary>
    public Tensor bmm(Tensor other) => Adopt(NativeMethods.vq_bmm(this, other));

    /// <summary>
    /// Limits every element to [<paramref name="min"/>, <paramref name="max"/>]; a null bound is not applied (torch.clamp).
    /// </summary>
    public Tensor clamp(double? min = null, double? max = null) =>
        Adopt(NativeMethods.vq_clamp(this, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));

    // in place
    /// <summary>In place: this += <paramref name="alpha"/> × <paramref name="other"/>; returns this (Tensor.add_).</summary>
    public Tensor add_(Tensor other, Scalar? alpha = null) => Inplace(NativeMethods.vq_add_(this, other, alpha ?? 1));
    /// <summary>In place: adds a scalar to every element; returns this (Tensor.add_).</summary>
    public Tensor add_(Scalar other) => Inplace(NativeMethods.vq_add_scalar_(this, other));
    /// <summary>In place: this −= <paramref name="alpha"/> × <paramref name="other"/>; returns this (Tensor.sub_).</summary>
    public Tensor sub_(Tensor other, Scalar? alpha = null) => Inplace(NativeMethods.vq_sub_(this, other, alpha ?? 1));
    /// <summary>In place: subtracts a scalar from every element; returns this (Tensor.sub_).</summary>
    public Tensor sub_(Scalar other) => Inplace(NativeMethods.vq_sub_scalar_(this, other));
    /// <summary>In place: element-wise this ×= <paramref name="other"/>; returns this (Tensor.mul_).</summary>
    public Tensor mul_(Tensor other) => Inplace(NativeMethods.vq_mul_(this, other));
    /// <summary>In place: multiplies every element by a scalar; returns this (Tensor.mul_).</summary>
    public Tensor mul_(Scalar other) => Inplace(NativeMethods.vq_mul_scalar_(this, other));
    /// <summary>In place: element-wise this /= <paramref name="other"/>; returns this (Tensor.div_).</summary>
    public Tensor div_(Tensor other) => Inplace(NativeMethods.vq_div_(this, other));
    /// <summary>In place: divides every element by a scalar; returns this (Tensor.div_).</summary>
    public Tensor div_(Scalar other) => Inplace(NativeMethods.vq_div_scalar_(this, other));
    /// <summary>In place: raises every element to a scalar power; returns this (Tensor.pow_).</summary>
    public Tensor pow_(Scalar exponent) => Inplace(NativeMethods.vq_pow_scalar_(this, exponent));
    /// <summary>In place: element-wise square root; returns this (Tensor.sqrt_).</summary>
    public Tensor sqrt_() => Inplace(NativeMethods.vq_sqrt_(this));
    /// <summary>
    /// In place: this += <paramref name="value"/> × <paramref name="tensor1"/> × <paramref name="tensor2"/>; returns this
    /// (Tensor.addcmul_).
    /// </summary>
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar? value = null) => Inplace(NativeMethods.vq_addcmul_(this, tensor1, tensor2, value ?? 1));
    /// <summary>
    /// In place: this += <paramref name="value"/> × <paramref name="tensor1"/> / <paramref name="tensor2"/>; returns this
    /// (Tensor.addcdiv_).
    /// </summary>
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar? value = null) => Inplace(NativeMethods.vq_addcdiv_(this, tensor1, tensor2, value ?? 1));
    /// <summary>In place: this += <paramref name="weight"/> × (<paramref name="end"/> − this); returns this (Tensor.lerp_).</summary>
    public Tensor lerp_(Tensor end, Scalar weight) => Inplace(NativeMethods.vq_lerp_(this, end, weight));

    /// <summary>
    /// In place: limits every element to [<paramref name="min"/>, <paramref name="max"/>], a null bound not applied; returns this
    /// (Tensor.clamp_).
    /// </summary>
    public Tensor clamp_(double? min = null, double? max = null) =>
        Inplace(NativeMethods.vq_clamp_(this, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));

    private Tensor Inplace(int status)
    {
        NativeMethods.Check(status);
        return this;
    }

    /// <summary>Element-wise sum (torch.add).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    /// <summary>Adds a scalar to every element (torch.add).</summary>
    public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
    /// <summary>Adds a scalar to every element (torch.add).</summary>
    public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
    /// <summary>Element-wise difference (torch.sub).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    /// <summary>Subtracts a scalar from every element (torch.sub).</summary>
    public static Tensor operator -(Tensor a, Scalar b) => a.sub(b);
    /// <summary>The scalar minus every element (torch.rsub).</summary>
    public static Tensor operator -(Scalar a, Tensor b) => Adopt(NativeMethods.vq_rsub_scalar(b, a));
    /// <summary>Element-wise negation (torch.neg).</summary>
    public static Tensor operator -(Tensor a) => a.neg();
    /// <summary>Element-wise product (torch.mul).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    /// <summary>Multiplies every element by a scalar (torch.mul).</summary>
    public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
    /// <summary>Multiplies every element by a scalar (torch.mul).</summary>
    public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
    /// <summary>Element-wise true division (torch.div).</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    /// <summary>Divides every element by a scalar (torch.div).</summary>
    public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
    /// <summary>The scalar divided by every element, computed as a × (1/b) (torch.div with a scalar numerator).</summary>
    public static Tensor operator /(Scalar a, Tensor b) => Adopt(NativeMethods.vq_rdiv_scalar(b, a));
    /// <summary>Element-wise remainder with the sign of the divisor (torch.remainder).</summary>
    public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
    /// <summary>Remainder of every element by a scalar (torch.remainder).</summary>
    public static Tensor operator %(Tensor a, Scalar b) => a.remainder(b);
    /// <summary>A bool tensor: a &lt; b element-wise (torch.lt).</summary>
    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    /// <summary>A bool tensor: a &gt; b element-wise (torch.gt).</summary>
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    /// <summary>A bool tensor: a ≤ b element-wise (torch.le).</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    /// <summary>A bool tensor: a ≥ b element-wise (torch.ge).</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    /// <summary>A bool tensor: each element &lt; b (torch.lt).</summary>
    public static Tensor operator <(Tensor a, Scalar b) => a.lt(b);
    /// <summary>A bool tensor: each element &gt; b (torch.gt).</summary>
    public static Tensor operator >(Tensor a, Scalar b) => a.gt(b);
    /// <summary>A bool tensor: each element ≤ b (torch.le).</summary>
    public static Tensor operator <=(Tensor a, Scalar b) => a.le(b);
    /// <summary>A bool tensor: each element ≥ b (torch.ge).</summary>
    public static Tensor operator >=(Tensor a, Scalar b) => a.ge(b);
    /// <summary>Element-wise logical AND (torch.logical_and).</summary>
    public static Tensor operator &(Tensor a, Tensor b) => a.logical_and(b);
    /// <summary>Element-wise logical OR (torch.logical_or).</summary>
    public static Tensor operator |(Tensor a, Tensor b) => a.logical_or(b);
    /// <summary>Element-wise logical NOT (torch.logical_not).</summary>
    public static Tensor operator !(Tensor a) => a.logical_not();
}
