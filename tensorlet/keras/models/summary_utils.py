"""The text of `model.summary()`: a Keras-3-style table of layers, shapes and parameters."""

from __future__ import annotations

import numpy as np

__all__ = ["summary_text", "count_params"]


def count_params(weights) -> int:
    """The number of scalars in `weights` (each counted once)."""
    seen, total = set(), 0
    for w in weights:
        if id(w) not in seen:
            seen.add(id(w))
            total += int(np.prod(w.shape.as_list())) if w.shape.rank else 1
    return total


def _readable_size(n_bytes: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n_bytes < 1024 or unit == "GB":
            return f"{n_bytes:.2f} {unit}"
        n_bytes /= 1024
    return f"{n_bytes:.2f} GB"


def _bytes(weights) -> int:
    return sum(int(np.prod(w.shape.as_list() or [1])) * w.dtype.size for w in weights)


def _output_shape(layer) -> str:
    if not layer._inbound_nodes:
        return "?"
    outputs = layer._inbound_nodes[-1].flat_outputs
    shapes = [str(tuple(t.shape.as_list())).replace(",)", ")") for t in outputs]
    return shapes[0] if len(shapes) == 1 else "[" + ", ".join(shapes) + "]"


def _connections(layer, model) -> str:
    texts = []
    for node in getattr(model, "_nodes", []):
        if node.layer is layer:
            for tensor in node.flat_inputs:
                parent, index = tensor._keras_history
                texts.append(f"{parent.layer.name}[0][{index}]")
    return ", ".join(texts) or "-"


def _wrap(text: str, width: int) -> list:
    lines = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width)
        cut = width if cut <= 0 else cut
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return lines + [text]


def _table(header: list, rows: list, widths: list, right: set) -> list:
    def line(left, mid, right_, fill):
        return left + mid.join(fill * (w + 2) for w in widths) + right_

    def cells(values, bar):
        wrapped = [_wrap(str(v), w) for v, w in zip(values, widths)]
        out = []
        for i in range(max(len(c) for c in wrapped)):
            parts = []
            for j, (column, w) in enumerate(zip(wrapped, widths)):
                text = column[i] if i < len(column) else ""
                parts.append(text.rjust(w) if j in right else text.ljust(w))
            out.append(bar + bar.join(f" {p} " for p in parts) + bar)
        return out

    lines = [line("┏", "┳", "┓", "━")] + cells(header, "┃") + [line("┡", "╇", "┩", "━")]
    for k, row in enumerate(rows):
        lines += cells(row, "│")
        if k < len(rows) - 1:
            lines.append(line("├", "┼", "┤", "─"))
    return lines + [line("└", "┴", "┘", "─")]


def summary_text(model, line_length=None, show_trainable=False) -> str:
    """The whole summary of `model` as one string."""
    functional = hasattr(model, "_nodes")
    header = ["Layer (type)", "Output Shape", "Param #"]
    widths = [31, 22, 13]
    if functional:
        header.append("Connected to")
        widths = [19, 17, 10, 17]
    if show_trainable:
        header.append("Trainable")
        widths.append(9)
    rows = []
    for layer in model.layers:
        row = [f"{layer.name} ({type(layer).__name__})", _output_shape(layer),
               f"{count_params(layer.weights):,}"]
        if functional:
            row.append(_connections(layer, model))
        if show_trainable:
            row.append("Y" if layer.trainable else "N")
        rows.append(row)
    weights, trainable = model.weights, model.trainable_weights
    trainable_ids = {id(w) for w in trainable}
    frozen = [w for w in weights if id(w) not in trainable_ids]
    lines = [f'Model: "{model.name}"'] + _table(header, rows, widths, {2})
    for label, group in (("Total", weights), ("Trainable", trainable),
                         ("Non-trainable", frozen)):
        lines.append(f" {label} params: {count_params(group):,} "
                     f"({_readable_size(_bytes(group))})")
    return "\n".join(lines)
