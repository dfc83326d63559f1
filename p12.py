import tensorflow as tf, numpy as np, copy
def tryit(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__, repr(r))
    except Exception as e:
        print(label, "RAISES", type(e).__name__, repr(str(e))[:200])
def partial():
    v = tf.Variable([1.], shape=[None]); v.assign([1., 2., 3.]); return v.numpy().shape, v.shape
tryit("partial", partial)
tryit("assign_add rv False", lambda: tf.Variable([1.]).assign_add([1.], read_value=False))
tryit("asarray v writeable", lambda: np.asarray(tf.Variable([1.])).flags.writeable)
tryit("deepcopy trainable", lambda: copy.deepcopy(tf.Variable([1.], name="z", trainable=False)).trainable)
def sub():
    v = tf.Variable([[1., 2., 3.], [4., 5., 6.]]); v.scatter_nd_sub(indices=[[1]], updates=[[1.,1.,1.]]); return v.numpy()
tryit("snd sub", sub)
tryit("IS shape", lambda: tf.IndexedSlices(tf.constant([[1., 2.]]), tf.constant([1]), [3, 2]).shape)
tryit("IS shape none", lambda: tf.IndexedSlices(tf.constant([[1., 2.]]), tf.constant([1])).shape)
tryit("IS dtype", lambda: tf.IndexedSlices(tf.constant([[1., 2.]]), tf.constant([1])).dtype)
tryit("fmt d", lambda: f"{tf.constant(7):>3d}")
tryit("v.assign(v)", lambda: (lambda v: v.assign(v) is v)(tf.Variable(1.)))
tryit("np.float32(3.4028235e38) max type", lambda: type(tf.float32.max))
tryit("tensor == None", lambda: tf.constant([1.]) == None)
tryit("i/2 dtype", lambda: (tf.constant([1,2]) / 2).dtype)
tryit("mult u8 300", lambda: tf.multiply(tf.constant([1], tf.uint8), 300))
tryit("nest pack_sequence_as tuple subclass", lambda: tf.nest.pack_sequence_as((1, [2]), ["x", "y"]))
tryit("np.zeros(TensorShape)", lambda: np.zeros(tf.TensorShape([2, 3])).shape)
tryit("S == 2", lambda: tf.TensorShape([2]) == 2)
tryit("with_rank_at_most", lambda: tf.TensorShape([1, 2]).with_rank_at_most(1))
tryit("with_rank_at_least", lambda: tf.TensorShape([1]).with_rank_at_least(2))
tryit("pickle tensor", lambda: __import__('pickle').loads(__import__('pickle').dumps(tf.constant([1.]))))
tryit("v + 1 type", lambda: type(tf.Variable([1.]) + 1).__name__)
tryit("spec eq name", lambda: tf.TensorSpec([2]) == tf.TensorSpec([2], "float32"))
tryit("grad frozen", lambda: (lambda w, f: (lambda tape: tape.gradient(w * f, [w, f]))(tf.GradientTape()))(tf.Variable(3.), tf.Variable(3., trainable=False)))
w, fr = tf.Variable(3.), tf.Variable(3., trainable=False)
with tf.GradientTape() as tape:
    y = w * fr
print("grads", tape.gradient(y, [w, fr]))
