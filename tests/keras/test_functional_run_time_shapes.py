"""Functional models whose layers draw shapes at run time (Hands-On ML's VAE sampling layer),
one-element output lists, and Keras tensors given to TF ops (Keras 3's behaviours)."""

import numpy as np
import pytest

import tensorlet as tf


class Sampling(tf.keras.layers.Layer):
    def call(self, inputs):
        mean, log_var = inputs
        latent = -0.5 * tf.reduce_sum(1 + log_var - tf.exp(log_var) - tf.square(mean), axis=-1)
        self.add_loss(tf.reduce_mean(latent) / 784.0)
        return tf.random.normal(tf.shape(log_var)) * tf.exp(log_var / 2) + mean


def _variational_autoencoder():
    inputs = tf.keras.layers.Input(shape=[28, 28])
    z = tf.keras.layers.Dense(30, activation="relu")(tf.keras.layers.Flatten()(inputs))
    mean, log_var = tf.keras.layers.Dense(5)(z), tf.keras.layers.Dense(5)(z)
    encoder = tf.keras.Model(inputs=[inputs], outputs=[mean, log_var, Sampling()([mean, log_var])])
    decoder_inputs = tf.keras.layers.Input(shape=[5])
    pixels = tf.keras.layers.Dense(28 * 28, activation="sigmoid")(decoder_inputs)
    decoder = tf.keras.Model(inputs=[decoder_inputs],
                             outputs=[tf.keras.layers.Reshape([28, 28])(pixels)])
    _, _, codings = encoder(inputs)
    return encoder, tf.keras.Model(inputs=[inputs], outputs=[decoder(codings)])


def test_a_sampling_layer_draws_the_batch_shape_at_run_time_and_trains():
    tf.keras.utils.set_random_seed(0)
    encoder, vae = _variational_autoencoder()
    x = np.random.default_rng(0).random((64, 28, 28)).astype(np.float32)
    assert encoder(x[:3])[2].shape == (3, 5)
    vae.compile(loss="binary_crossentropy", optimizer="rmsprop")
    history = vae.fit(x, x, epochs=3, batch_size=32, verbose=0).history["loss"]
    assert np.all(np.isfinite(history)) and history[-1] < history[0]
    predicted = vae.predict(x[:5], verbose=0)  # outputs=[[t]]: a list of one array, as Keras
    assert isinstance(predicted, list) and predicted[0].shape == (5, 28, 28)


def test_one_element_output_lists_unwrap_on_values_only():
    inputs = tf.keras.layers.Input(shape=[4])
    model = tf.keras.Model(inputs=[inputs], outputs=[tf.keras.layers.Dense(2)(inputs)])
    assert isinstance(model(np.ones((1, 4), np.float32)), tf.Tensor)
    symbolic = model(inputs)
    assert isinstance(symbolic, list) and len(symbolic) == 1
    two = tf.keras.Model(inputs=[inputs], outputs=[inputs, inputs])
    assert isinstance(two(np.ones((1, 4), np.float32)), list)


def test_a_keras_tensor_given_to_a_tf_op_raises_keras_3s_error():
    inputs = tf.keras.layers.Input(shape=[4])
    with pytest.raises(ValueError, match="KerasTensor cannot be used as input to a TensorFlow"):
        tf.exp(inputs)
