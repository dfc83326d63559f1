"""Bad input to the array ops: TF 2.21's error class (checked on TF), TF's message text, and
the op's name in the message."""

import pytest

import tensorlet as tf

T = tf.constant([[1., 2., 3.], [4., 5., 6.]])
G = tf.constant([[1, 2, 3], [4, 5, 6]])
ArgErr = tf.errors.InvalidArgumentError

# (id, call, error class TF raises, fragments the message must contain)
CASES = [
    # reshape / broadcast_to
    ("reshape-size", lambda: tf.reshape(tf.range(6), [5]), ArgErr,
     ["reshape", "Input to reshape is a tensor with 6 values, but the requested shape has 5"]),
    ("reshape-multiple", lambda: tf.reshape(tf.range(6), [-1, 4]), ArgErr,
     ["reshape", "requires a multiple of 4"]),
    ("reshape-two-unknown", lambda: tf.reshape(tf.range(6), [-1, -1]), ArgErr,
     ["reshape", "Only one input size may be -1, not both 0 and 1"]),
    ("broadcast_to-incompatible", lambda: tf.broadcast_to(tf.constant([1, 2]), [3, 3]), ArgErr,
     ["broadcast_to", "Incompatible shapes: [2] vs. [3,3]"]),
    # transpose / squeeze / expand_dims
    ("transpose-repeated-axis", lambda: tf.transpose(T, [0, 0]), ArgErr,
     ["transpose", "1 is missing from {0,0}", "float32[2,3]"]),
    ("transpose-perm-length", lambda: tf.transpose(T, [0, 1, 2]), ArgErr,
     ["transpose", "expects a vector of size 2"]),
    ("transpose-perm-range", lambda: tf.transpose(T, [0, 2]), ArgErr,
     ["transpose", "2 is out of range [0 .. 2)"]),
    ("squeeze-not-one", lambda: tf.squeeze(T, 1), ArgErr,
     ["squeeze", "Can not squeeze dim[1], expected a dimension of 1, got 3"]),
    ("squeeze-axis-range", lambda: tf.squeeze(T, 5), ArgErr,
     ["squeeze", "Tried to squeeze dim index 5 for tensor with 2 dimensions"]),
    ("expand_dims-range", lambda: tf.expand_dims(T, 3), ArgErr,
     ["expand_dims", "Tried to expand dim index 3 for tensor with 2 dimensions"]),
    ("expand_dims-two-axes", lambda: tf.expand_dims(T, [0, 1]), ArgErr,
     ["expand_dims", "must be a tensor with a single value"]),
    # concat / stack / unstack / split
    ("concat-rank", lambda: tf.concat([T, tf.constant([1., 2.])], 0), ArgErr,
     ["concat", "Ranks of all input tensors should match: shape[0] = [2,3] vs. shape[1] = [2]"]),
    ("concat-dtype", lambda: tf.concat([T, tf.constant([[1, 2, 3]])], 0), ArgErr,
     ["ConcatV2", "expected to be a float tensor but is a int32 tensor", "tf.cast"]),
    ("concat-dims", lambda: tf.concat([T, tf.constant([[1., 2.]])], 0), ArgErr,
     ["concat", "Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [1,2]"]),
    ("concat-axis", lambda: tf.concat([T, T], 2), ArgErr,
     ["concat", "Expected concatenating dimensions in the range [-2, 2), but got 2"]),
    ("concat-empty", lambda: tf.concat([], 0), ArgErr, ["concat", "ConcatV2"]),
    ("stack-shapes", lambda: tf.stack([G, G[:, :2]]), ArgErr,
     ["stack", "Shapes of all inputs must match: values[0].shape = [2,3] != values[1].shape = "
      "[2,2]"]),
    ("stack-dtypes", lambda: tf.stack([G, T]), ArgErr,
     ["Pack", "expected to be a int32 tensor but is a float tensor"]),
    ("stack-axis", lambda: tf.stack([G, G], axis=3), ValueError,
     ["Argument `axis` = 3 not in range [-3, 3)"]),
    ("unstack-num", lambda: tf.unstack(G, num=3), ArgErr,
     ["unstack", "Input shape axis 0 must equal 3, got shape [2,3]"]),
    ("unstack-axis", lambda: tf.unstack(G, axis=2), ValueError,
     ["Argument `axis` = 2 not in range [-2, 2)"]),
    ("split-uneven", lambda: tf.split(G, 2, axis=1), ArgErr,
     ["split", "should evenly divide the split dimension", "int32[2,3]"]),
    ("split-sizes-sum", lambda: tf.split(G, [1, 1], axis=1), ArgErr,
     ["split", "Determined shape must either match input shape", "Got: 2"]),
    ("split-two-unknown", lambda: tf.split(G, [1, -1, -1], axis=1), ArgErr,
     ["split", "There can only be one -1 in the input."]),
    ("split-zero", lambda: tf.split(G, 0), ArgErr, ["split", "num_split"]),
    ("split-axis", lambda: tf.split(G, 3, axis=2), ArgErr,
     ["split", "-input rank(-2) <= split_dim < input rank (2), but got 2"]),
    # tile / repeat / pad / reverse / roll
    ("tile-length", lambda: tf.tile(G, [2]), ArgErr,
     ["tile", "Expected multiples argument to be a vector of length 2 but got length 1"]),
    ("tile-negative", lambda: tf.tile(G, [-1, 1]), ArgErr,
     ["tile", "Expected multiples[0] >= 0, but got -1"]),
    ("repeat-length", lambda: tf.repeat(G, [1, 2], axis=1), ValueError,
     ["Dimensions 3 and 2 are not compatible"]),
    ("pad-reflect-too-wide", lambda: tf.pad(G, [[1, 1], [3, 2]], "REFLECT"), ArgErr,
     ["pad", "paddings must be less than the dimension size: 3, 2 not less than 3"]),
    ("pad-symmetric-too-wide", lambda: tf.pad(G, [[2, 3], [3, 3]], "SYMMETRIC"), ArgErr,
     ["pad", "paddings must be no greater than the dimension size: 2, 3 greater than 2"]),
    ("pad-paddings-rank", lambda: tf.pad(G, [[1, 1]]), ArgErr,
     ["pad", "The first dimension of paddings must be the rank of inputs[1,2] [2,3]"]),
    ("pad-negative", lambda: tf.pad(G, [[-1, 1], [1, 1]]), ArgErr,
     ["pad", "Paddings must be non-negative: -1 1"]),
    ("pad-mode", lambda: tf.pad(G, [[1, 1], [1, 1]], "WRAP"), ValueError,
     ["`mode` expected to be one of", "WRAP"]),
    ("pad-constant-dtype", lambda: tf.pad(G, [[1, 1], [1, 1]], constant_values=1.5), TypeError,
     ["Cannot convert 1.5 to EagerTensor of dtype int32"]),
    ("reverse-axis-range", lambda: tf.reverse(G, [2]), ArgErr,
     ["reverse", "'axis'[0] = 2 is out of valid range"]),
    ("reverse-axis-twice", lambda: tf.reverse(G, [1, 1]), ArgErr,
     ["reverse", "axis 1 specified more than once."]),
    ("reverse-scalar-axis", lambda: tf.reverse(G, 1), ArgErr,
     ["reverse", "'dims' must be 1-dimension, not 0"]),
    ("roll-lengths", lambda: tf.roll(G, [1], [0, 1]), ArgErr,
     ["roll", "shift and axis must have the same size"]),
    ("roll-axis", lambda: tf.roll(G, 1, 2), ArgErr, ["roll", "axis 2 is out of range"]),
    # slice / strided_slice
    ("slice-size", lambda: tf.slice(G, [0, 1], [2, 3]), ArgErr,
     ["Expected size[1] in [0, 2], but got 3", "Slice"]),
    ("slice-rank", lambda: tf.slice(G, [0], [2]), ArgErr,
     ["Expected begin and size arguments to be 1-D tensors of size 2"]),
    ("slice-negative-begin", lambda: tf.slice(G, [-1, 0], [1, 1]), ArgErr,
     ["Expected begin[0] in [0, 2], but got -1"]),
    ("strided_slice-lengths", lambda: tf.strided_slice(G, [0, 0], [1]), ArgErr,
     ["strided_slice", "one length"]),
    # creation
    ("range-direction", lambda: tf.range(5, 1), ArgErr,
     ["range", "Requires start <= limit when delta > 0: 5/1"]),
    ("range-zero-delta", lambda: tf.range(1, 5, 0), ArgErr, ["range", "Requires delta != 0"]),
    ("range-dtype", lambda: tf.range(1.5, dtype=tf.int32), TypeError,
     ["Cannot convert 1.5 to EagerTensor of dtype int32"]),
    ("fill-negative-dim", lambda: tf.fill([2, -1], 3.), ArgErr,
     ["fill", "Dimension -1 must be >= 0"]),
    ("fill-not-scalar", lambda: tf.fill([2, 2], [1, 2]), ArgErr,
     ["fill", "value must represent a scalar, got shape [2]"]),
    ("zeros-negative-dim", lambda: tf.zeros([2, -1]), ArgErr, ["Dimension -1 must be >= 0"]),
    ("ones-string", lambda: tf.ones([2], tf.string), TypeError,
     ["Cannot convert 1 to EagerTensor of dtype string"]),
    ("one_hot-float-indices", lambda: tf.one_hot([0., 2.], 3), ArgErr,
     ["one_hot", "Value for attr 'TI' of float is not in the list of allowed values"]),
    ("one_hot-negative-depth", lambda: tf.one_hot([0, 2], -1), ArgErr,
     ["one_hot", "depth must be non-negative, got: -1"]),
    ("one_hot-on-value-vs-dtype", lambda: tf.one_hot([0], 3, on_value=1., dtype=tf.int32),
     TypeError, ["dtype <dtype: 'float32'> of on_value does not match dtype parameter "
                 "<dtype: 'int32'>"]),
    ("one_hot-on-vs-off", lambda: tf.one_hot([0], 3, on_value=1., off_value=0), TypeError,
     ["of on_value does not match dtype <dtype: 'int32'> of off_value"]),
    ("one_hot-axis", lambda: tf.one_hot([0, 2], 3, axis=3), ArgErr,
     ["one_hot", "Expected axis to be -1 or between [0, 2).  But received: 3"]),
    # gather / scatter / masks
    ("gather-index-range", lambda: tf.gather(tf.constant([1, 2, 3]), [0, 5]), ArgErr,
     ["gather", "indices[1] = 5 is not in [0, 3)"]),
    ("gather-negative-index", lambda: tf.gather(tf.constant([1, 2, 3]), [-1]), ArgErr,
     ["gather", "indices[0] = -1 is not in [0, 3)"]),
    ("gather-index-range-2d", lambda: tf.gather(G, [[0, 5]], axis=1), ArgErr,
     ["gather", "indices[0,1] = 5 is not in [0, 3)"]),
    ("gather-axis", lambda: tf.gather(G, [0], axis=2), ArgErr,
     ["gather", "Shape must be at least rank 3 but is rank 2"]),
    ("gather-float-indices", lambda: tf.gather(G, [0.5]), ArgErr,
     ["gather", "Value for attr 'Tindices' of float is not in the list of allowed values"]),
    ("gather-batch-dims", lambda: tf.gather(G, [[2], [0], [0]], axis=1, batch_dims=1), ArgErr,
     ["gather", "params.shape[0]: 2 should be equal to indices.shape[0]: 3"]),
    ("gather_nd-range", lambda: tf.gather_nd(G, [[1, 5]]), ArgErr,
     ["gather_nd", "indices[0] = [1, 5] does not index into param shape [2,3]"]),
    ("gather_nd-depth", lambda: tf.gather_nd(G, [[1, 1, 1]]), ArgErr,
     ["gather_nd", "index innermost dimension length must be <= params rank; saw: 3 vs. 2"]),
    ("scatter_nd-range", lambda: tf.scatter_nd([[5]], [1.], [4]), ArgErr,
     ["scatter_nd", "indices[0] = [5] does not index into shape [4]"]),
    ("scatter_nd-updates", lambda: tf.scatter_nd([[0, 1]], [[1.]], [2, 2]), ArgErr,
     ["scatter_nd", "Dimensions [2,2) of input[shape=[2,2]] must match dimensions [1,2) of "
      "updates[shape=[1,1]]"]),
    ("scatter_nd-shape-dtype",
     lambda: tf.scatter_nd(tf.constant([[1]]), [1.], tf.constant([3], tf.int64)), ArgErr,
     ["ScatterNd", "int64"]),
    ("tensor_scatter_nd_update-outer", lambda: tf.tensor_scatter_nd_update(T, [[0, 1]], [1., 1.]),
     ArgErr, ["tensor_scatter_nd_update", "Outer dimensions of indices and update must match"]),
    ("tensor_scatter_nd_update-range", lambda: tf.tensor_scatter_nd_update(T, [[0, 5]], [9.]),
     ArgErr, ["tensor_scatter_nd_update", "indices[0] = [0, 5] does not index into shape [2,3]"]),
    ("tensor_scatter_nd_update-dtype",
     lambda: tf.tensor_scatter_nd_update(T, [[0, 1]], tf.constant([9])), ArgErr,
     ["TensorScatterUpdate", "expected to be a float tensor but is a int32 tensor"]),
    ("tensor_scatter_nd_add-range", lambda: tf.tensor_scatter_nd_add(G, [[2]], [[1, 1, 1]]),
     ArgErr, ["tensor_scatter_nd_add", "indices[0] = [2] does not index into shape [2,3]"]),
    ("boolean_mask-shape", lambda: tf.boolean_mask(G, [True, False, True]), ValueError,
     ["Shapes (2,) and (3,) are incompatible"]),
    ("boolean_mask-scalar", lambda: tf.boolean_mask(G, True), ValueError,
     ["mask cannot be scalar."]),
    ("boolean_mask-string-mask", lambda: tf.boolean_mask(G, tf.constant([["a", "", "b"]] * 2)),
     ArgErr, ["boolean_mask", "string", "string[2,3]"]),
    # repeat / ones_like (found by the audit's bad-input sweep; classes checked on TF 2.21)
    ("repeat-axis-range", lambda: tf.repeat(G, 2, axis=5), ValueError,
     ["axis=5 out of bounds: expected -2<=axis<2"]),
    ("repeat-scalar-axis-1", lambda: tf.repeat(tf.constant(1.), [1, 2, 0], axis=1), ValueError,
     ["axis=1 out of bounds: expected -1<=axis<1"]),
    ("ones_like-string", lambda: tf.ones_like(tf.constant(["a"])), ArgErr,
     ["ones_like", "string"]),
    ("ones_like-string-dtype", lambda: tf.ones_like(T, dtype=tf.string), TypeError,
     ["Cannot convert 1 to EagerTensor of dtype string"]),
    # sorting
    ("sort-direction", lambda: tf.sort(T, direction="UP"), ValueError,
     ["Argument `direction` should be one of ASCENDING, DESCENDING. Received: direction=UP"]),
    ("sort-scalar", lambda: tf.sort(tf.constant(3.)), ArgErr, ["argsort", "float32[]"]),
    ("top_k-too-many", lambda: tf.math.top_k(tf.constant([1., 2.]), 5), ArgErr,
     ["top_k", "input must have at least k columns. Had 2, needed 5"]),
    ("top_k-negative", lambda: tf.math.top_k(tf.constant([1., 2.]), -1), ArgErr,
     ["top_k", "Need k >= 0, got -1"]),
    ("top_k-scalar", lambda: tf.math.top_k(tf.constant(1.), 1), ArgErr,
     ["top_k", "input must be >= 1-D, got shape []"]),
    ("unique-matrix", lambda: tf.unique(G), ArgErr, ["unique", "unique expects a 1D vector."]),
]


@pytest.mark.parametrize("call,error,fragments", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_raises_tf_error_class_and_names_the_problem(call, error, fragments):
    with pytest.raises(error) as info:
        call()
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))


def test_error_case_ids_are_unique():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_invalid_argument_errors_are_op_errors():
    with pytest.raises(tf.errors.OpError):
        tf.gather(tf.constant([1, 2, 3]), [3])


def test_unique_has_no_gradient_and_one_hot_gives_none():
    x = tf.constant([1., 2., 1.])
    on = tf.constant(2.)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, on])
        y = tf.unique(x).y
        h = tf.one_hot([0, 1], 2, on_value=on)
    assert tape.gradient(y, x) is None
    assert tape.gradient(h, on) is None


def test_integer_ops_have_no_gradient():
    x = tf.constant([3., 1., 2.])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        outs = [tf.argsort(x), tf.shape(x), tf.size(x), tf.rank(x), tf.range(tf.size(x))]
        as_float = [tf.cast(o, tf.float32) for o in outs]
    for f in as_float:
        assert tape.gradient(f, x) is None
