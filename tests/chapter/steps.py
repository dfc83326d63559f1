"""Chapter 12's glue, one `Step` per block that needs one (every other block runs as is).

The only blocks not executed are listed with `not_code` and a reason; the only edits are the
`rewrites`, each with its reason. Everything else runs verbatim.
"""

from . import glue_models as m
from . import glue_training as t
from .runner import Step

CHAPTER = "ch12-custom-models-and-training.md"

STEPS = [
    Step('model.compile(loss=huber_fn, optimizer="nadam")',
         before=m.notebook_data_and_model, after=m.huber_fit_lowered_the_loss,
         rewrites=(("[...]", "epochs=2",
                    "the book writes `[...]` for fit's other arguments (notebook: epochs=2)"),)),
    Step('load_model("my_model_with_a_custom_loss",',
         before=m.save_model_with_custom_loss, after=m.loaded_model_with_custom_loss),
    Step('"my_model_with_a_custom_loss_threshold_2"',
         before=m.save_model_with_closure_loss, after=m.loaded_model_with_closure_loss),
    Step("class HuberLoss(tf.keras.losses.Loss):", after=m.huber_loss_reductions),
    Step('load_model("my_model_with_a_custom_loss_class"',
         before=m.save_model_with_loss_class, after=m.loaded_model_with_loss_class),
    Step("def my_glorot_initializer(", after=m.custom_functions_values),
    Step("layer = tf.keras.layers.Dense(1, activation=my_softplus,",
         after=m.custom_parts_layer_trains),
    Step("class MyL1Regularizer(", after=m.regularizer_class_round_trip),
    Step("metrics=[create_huber(2.0)]", after=m.huber_metric_in_history),
    Step(">>> precision.reset_states()", after=m.precision_resets),
    Step("class HuberMetric(", after=m.huber_metric_values),
    Step("exponential_layer = ", after=m.exponential_layer_works),
    Step("class MyDense(", after=m.my_dense_works),
    Step("class MyMultiLayer(", after=m.multi_layer_works),
    Step("class MyGaussianNoise(", after=m.gaussian_noise_training_flag),
    Step("class ResidualRegressor(", after=m.residual_regressor_trains),
    Step("Epoch 1/5\n363/363",
         not_code="the training log of ReconstructingRegressor (output, not code); it is "
                  "compared with the log of fit(epochs=5) on the synthetic data",
         after=m.reconstructing_regressor_fit_log),
    Step("    tape.watch(c1)", after=t.jacobians_and_hessians),
    Step("    return tf.math.log(1 + tf.exp(-tf.abs(z)))", after=t.stable_softplus_values),
    Step("@tf.custom_gradient", after=t.custom_gradient_values),
    Step("l2_reg = tf.keras.regularizers.l2(0.05)", after=t.uncompiled_model_builds_lazily),
    Step("for epoch in range(1, n_epochs + 1):", after=t.custom_loop_output),
    Step("for variable in model.variables:", after=t.constraints_loop_runs),
    Step("@tf.function\ndef tf_cube(x):", after=t.tracing_rules),
    Step(">>> tf_cube.python_function(2)", after=t.function_rules),
]
