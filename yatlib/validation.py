r"""Checks on what a reader passes to yatlib, in one place (the role of scikit-learn's ``check_array``).

Every public function that takes data or settings runs them through these checks **outside**
``jax.jit`` (traced values: shapes only); a bad argument raises :class:`ValueError` naming the
argument, what is wrong and how to fix it. The checks: data, :func:`check_array`,
:func:`check_labels` (:math:`0 \le y < C`), :func:`check_xy`; numbers, :func:`check_scalar`,
:func:`check_positive` (:math:`> 0`, e.g. :math:`\varepsilon`), :func:`check_nonnegative`
(:math:`\ge 0`, e.g. :math:`b`), :func:`check_int`; the rest, :func:`check_choice`,
:func:`check_model`, :func:`check_image_shape`; and :func:`to_jax`, a checked array onto the device.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import jax
import numpy as np

__all__ = [
    "is_traced",
    "check_array",
    "check_labels",
    "check_xy",
    "model_inputs",
    "model_outputs",
    "check_model_inputs",
    "check_model_data",
    "check_scalar",
    "check_positive",
    "check_nonnegative",
    "check_int",
    "check_choice",
    "check_model",
    "check_image_shape",
    "to_jax",
]


def is_traced(a: object) -> bool:
    """True for a JAX tracer (a value inside ``jit`` / ``grad``), which has a shape but no values.

    Parameters
    ----------
    a : object
        Any value.

    Returns
    -------
    bool
        Whether ``a`` is a ``jax.core.Tracer``.
    """
    return isinstance(a, jax.core.Tracer)


def to_jax(a: Any) -> jax.Array:
    """``a`` as a JAX array, exactly as ``jnp.asarray(a)`` gives it (64-bit types become 32-bit without x64).

    A numpy array goes through ``jax.device_put``: ``jnp.asarray`` of a numpy array compiles a small
    identity program (``jit(stage)``) for each new shape and dtype, which costs far more than the copy.
    Anything else (a JAX array, a tracer, a number, a list) goes to ``jnp.asarray``.

    Parameters
    ----------
    a : array-like
        A numpy array, a JAX array, a tracer, a number or a (nested) list.

    Returns
    -------
    jax.Array
        ``a`` on the default device, with the dtype ``jnp.asarray`` gives it.
    """
    if isinstance(a, np.ndarray):
        return jax.device_put(a)
    return jax.numpy.asarray(a)


def _where(who: str | None) -> str:
    return f" before calling {who}" if who else ""


def _shape_hint(ndim: int) -> str:
    if ndim == 2:
        return "For a single item use x[None, :]; flatten images with X.reshape(len(X), -1)."
    if ndim == 1:
        return "Pass a flat vector, e.g. np.ravel(v)."
    return ""


def check_array(
    a: Any,
    name: str,
    *,
    ndim: int | Sequence[int] = 2,
    n_features: int | None = None,
    features_of: str = "",
    min_rows: int = 1,
    finite: bool = True,
    dtype: Any = np.float32,
    who: str | None = None,
) -> Any:
    """Check a numeric array and return it as a numpy array of ``dtype`` (a tracer is returned as it is).

    Parameters
    ----------
    a : array-like
        The argument.
    name : str
        Its name, as the reader wrote it (``"X"``, ``"x"``, ``"prototypes"``).
    ndim : int or sequence of int
        The allowed numbers of dimensions (2: ``[rows, features]``).
    n_features : int, optional
        The required size of the last axis; ``features_of`` says what it must
        match ("the model's 784 inputs").
    min_rows : int
        The smallest allowed length of the first axis.
    finite : bool
        Refuse NaN and infinite values.
    dtype : numpy dtype or None
        Convert to this dtype (None: keep a floating dtype, else float32).
    who : str, optional
        The public function doing the check, for the message.
    """
    allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    if a is None:
        raise ValueError(f"{name} is None; pass a numeric array of {allowed[0]} dimensions{_where(who)}.")
    traced = is_traced(a)
    if not traced:
        try:
            arr = np.asarray(a)
        except (ValueError, TypeError) as err:  # ragged nested lists
            raise ValueError(
                f"{name} is not a regular numeric array ({err}); "
                "make every row the same length and convert with np.asarray(..., dtype=np.float32)."
            ) from None
        if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
            raise ValueError(
                f"{name} must be a numeric array; got dtype {arr.dtype}. "
                f"Convert it with np.asarray({name}, dtype=np.float32)."
            )
        if np.iscomplexobj(arr):
            raise ValueError(f"{name} must be real-valued; got a complex array. Pass its real part or its modulus.")
    else:
        arr = a
    shape = tuple(arr.shape)
    if len(shape) not in allowed:
        dims = " or ".join(f"{d}-D" for d in allowed)
        form = " [rows, features]" if allowed == (2,) else ""
        raise ValueError(f"{name} must be a {dims} array{form}; got shape {shape}. {_shape_hint(allowed[0])}".rstrip())
    if len(shape) >= 1 and shape[0] < min_rows:
        need = "at least one row" if min_rows == 1 else f"at least {min_rows} rows"
        if shape[0] == 0:
            raise ValueError(f"{name} is empty (shape {shape}); it needs {need}.")
        raise ValueError(f"{name} has only {shape[0]} row(s) (shape {shape}); it needs {need}.")
    if n_features is not None and len(shape) >= 1 and shape[-1] != n_features:
        what = f" to match {features_of}" if features_of else ""
        raise ValueError(
            f"{name} must have {n_features} features per row{what}; got {shape[-1]} (shape {shape}). "
            "Pass data of the kind the model was built for."
        )
    if traced:
        return a
    if finite and arr.size and not np.isfinite(arr).all():
        bad = ~np.isfinite(arr)
        n_nan, n_inf = int(np.isnan(arr).sum()), int(np.isinf(arr).sum())
        first = np.argwhere(bad)[0]
        where = f"row {first[0]}" if arr.ndim >= 2 else f"position {first[0]}"
        raise ValueError(
            f"{name} contains NaN or infinite values ({n_nan} NaN, {n_inf} inf; first at {where}). "
            f"Remove those rows or impute the values{_where(who)}."
        )
    if dtype is None:
        return arr if np.issubdtype(arr.dtype, np.floating) else arr.astype(np.float32)
    return arr.astype(dtype, copy=False)


def check_labels(
    y: Any,
    name: str = "y",
    *,
    n: int | None = None,
    rows_of: str = "X",
    n_classes: int | None = None,
    classes_of: str = "",
    who: str | None = None,
) -> np.ndarray:
    """Check class labels: a 1-D array of whole numbers :math:`0 \\le y_i < C`; return it as ``int32``.

    Float labels are accepted when every one is a whole number (``3.0``).

    Parameters
    ----------
    y : array-like
        The labels.
    name : str
        The argument's name.
    n : int, optional
        The required number of labels (the rows of ``rows_of``).
    n_classes : int, optional
        The number of classes :math:`C`; ``classes_of`` says where it comes from.
    who : str, optional
        The public function doing the check.
    """
    if y is None:
        raise ValueError(f"{name} is None; pass a 1-D array of integer class labels{_where(who)}.")
    try:
        arr = np.asarray(y)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{name} is not a regular array of labels ({err}); pass a 1-D integer array.") from None
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of integer class labels; got shape {arr.shape}. "
            f"For one-hot labels use {name}.argmax(1); otherwise np.ravel({name})."
        )
    if arr.dtype == bool:
        arr = arr.astype(np.int32)
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number) or np.iscomplexobj(arr):
        raise ValueError(
            f"{name} must hold integer class labels 0, 1, ..., C-1; got dtype {arr.dtype}. "
            f"Map names to numbers first, e.g. classes, {name} = np.unique({name}, return_inverse=True)."
        )
    if n is not None and len(arr) != n:
        raise ValueError(f"{name} has {len(arr)} labels but {rows_of} has {n} rows; they must match one to one.")
    if np.issubdtype(arr.dtype, np.floating):
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains NaN or infinite labels; every item needs a class label 0, 1, ..., C-1.")
        if (arr != np.round(arr)).any():
            bad = float(arr[arr != np.round(arr)][0])
            raise ValueError(
                f"{name} must hold whole-number class labels; got {bad:g}. "
                f"Round them or map them to 0, 1, ..., C-1 with np.unique({name}, return_inverse=True)."
            )
    if len(arr) and arr.min() < 0:
        raise ValueError(
            f"{name} contains negative labels (smallest {arr.min()}); class labels must be 0, 1, ..., C-1. "
            f"Map them first, e.g. classes, {name} = np.unique({name}, return_inverse=True)."
        )
    if n_classes is not None and len(arr) and arr.max() >= n_classes:
        src = f" ({classes_of})" if classes_of else ""
        raise ValueError(
            f"{name} contains the label {arr.max()}, but there are {n_classes} classes{src}, "
            f"labels 0..{n_classes - 1}. Build the model with enough classes, or drop those items."
        )
    return arr.astype(np.int32)


def check_xy(
    X: Any,
    y: Any,
    *,
    n_features: int | None = None,
    features_of: str = "",
    n_classes: int | None = None,
    classes_of: str = "",
    who: str | None = None,
    X_name: str = "X",
    y_name: str = "y",
) -> tuple[np.ndarray, np.ndarray]:
    """Check a labelled data set: ``X [N, D]`` finite (float32) and ``y [N]`` labels in ``0..C-1`` (int32).

    Parameters
    ----------
    X : array-like ``[N, D]``
        The items: 2-D, numeric, finite.
    y : array-like ``[N]``
        Their class labels: whole numbers ``0 .. C-1``, one per row of ``X``.
    n_features : int, optional
        The required number of features ``D`` (None: any).
    features_of : str, optional
        What ``D`` must match, for the message (``"the model's inputs"``).
    n_classes : int, optional
        The number of classes :math:`C`; every label must be below it (None: any label ``>= 0``).
    classes_of : str, optional
        Where ``n_classes`` comes from, for the message.
    who : str, optional
        The public function doing the check, for the message.
    X_name : str, default "X"
        The name of ``X`` as the reader wrote it, for the messages.
    y_name : str, default "y"
        The name of ``y`` as the reader wrote it, for the messages.

    Returns
    -------
    X : float32 ndarray ``[N, D]``
        The items (a tracer is returned as it is).
    y : int32 ndarray ``[N]``
        The labels.
    """
    Xa = check_array(X, X_name, n_features=n_features, features_of=features_of, who=who)
    ya = check_labels(y, y_name, n=len(Xa), rows_of=X_name, n_classes=n_classes, classes_of=classes_of, who=who)
    return Xa, ya


def model_inputs(model: Any) -> int | None:
    """The number of input features of ``model`` (its ``in_features``, or its Yat layer's), or None when unknown.

    Parameters
    ----------
    model : object
        A network, e.g. a :class:`~yatlib.layers.YatMLP`; its ``in_features``, else its ``yat`` layer's, is read.

    Returns
    -------
    int or None
        The number of input features, or None when neither attribute is an ``int``.
    """
    for owner in (model, getattr(model, "yat", None)):
        n = getattr(owner, "in_features", None)
        if isinstance(n, int):
            return n
    return None


def model_outputs(model: Any, X: np.ndarray) -> int:
    """The number of outputs (classes) of ``model``: its readout's width, else read from a forward pass on ``X[:1]``.

    Parameters
    ----------
    model : nnx.Module
        A network mapping inputs ``[N, D]`` to logits ``[N, C]``.
    X : ndarray ``[N, D]``
        Inputs of the model (at least one row); only read when ``model`` has no ``readout.out_features``.

    Returns
    -------
    int
        The number of outputs :math:`C`.
    """
    n = getattr(getattr(model, "readout", None), "out_features", None)
    if isinstance(n, int):
        return n
    return int(np.asarray(model(to_jax(X[:1]))).shape[-1])


def check_model_inputs(model: Any, X: Any, *, who: str | None = None) -> np.ndarray:
    """Check ``X [N, D]`` as inputs of ``model``: finite, with as many features as the model's inputs.

    Parameters
    ----------
    model : nnx.Module
        The network the inputs are for; :func:`model_inputs` gives its number of features (unknown: any).
    X : array-like ``[N, D]``
        The inputs.
    who : str, optional
        The public function doing the check, for the message.

    Returns
    -------
    float32 ndarray ``[N, D]``
        ``X``, checked (a tracer is returned as it is).
    """
    return check_array(X, "X", n_features=model_inputs(model), features_of="the model's inputs", who=who)


def check_model_data(model: Any, X: Any, y: Any, *, who: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Check a labelled set for ``model``: ``X`` as its inputs and ``y [N]`` labels ``0..C-1`` of its ``C`` outputs.

    Parameters
    ----------
    model : nnx.Module
        The network the data are for.
    X : array-like ``[N, D]``
        Its inputs, with as many features as the model's inputs (:func:`check_model_inputs`).
    y : array-like ``[N]``
        Their class labels, ``0 .. C-1`` for the model's ``C`` outputs (:func:`model_outputs`).
    who : str, optional
        The public function doing the check, for the message.

    Returns
    -------
    X : float32 ndarray ``[N, D]``
        The inputs.
    y : int32 ndarray ``[N]``
        The labels.
    """
    Xa = check_model_inputs(model, X, who=who)
    n_classes = model_outputs(model, Xa)
    ya = check_labels(y, "y", n=len(Xa), rows_of="X", n_classes=n_classes, classes_of="the model's outputs", who=who)
    return Xa, ya


def check_scalar(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    why: str = "",
) -> float:
    """Check a finite real number in ``[low, high]`` (``(low, high]`` when ``low_open``); return it as float.

    A tracer is returned unchanged. ``why`` is appended to the message (what the number does).

    Parameters
    ----------
    value : number
        The argument: a real number or a 0-d array (a JAX tracer is not checked).
    name : str
        Its name, for the message.
    low, high : float, optional
        The allowed range, ends included (None: no bound on that side).
    low_open : bool, default False
        Exclude ``low`` itself: require ``value > low``.
    why : str, optional
        What the number does, appended to the message.

    Returns
    -------
    float
        ``value`` as a Python float (a tracer unchanged).
    """
    if is_traced(value):
        return value
    if isinstance(value, (str, bytes)) or value is None:
        raise ValueError(f"{name} must be a number; got {value!r}.")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number; got {value!r}.") from None
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar; got an array of shape {arr.shape}. Pass one number.")
    v = float(arr)
    tail = f" {why}" if why else ""
    if not np.isfinite(v):
        raise ValueError(f"{name} must be a finite number; got {v}.{tail}")
    if low is not None and (v <= low if low_open else v < low):
        op = ">" if low_open else ">="
        raise ValueError(f"{name} must be {op} {low:g}; got {v:g}.{tail}")
    if high is not None and v > high:
        raise ValueError(f"{name} must be <= {high:g}; got {v:g}.{tail}")
    return v


def check_positive(value: Any, name: str, *, why: str = "") -> float:
    """Check a finite number :math:`> 0` (e.g. :math:`\\varepsilon`, a learning rate, a bandwidth).

    Parameters
    ----------
    value : number
        The argument (a JAX tracer is not checked).
    name : str
        Its name, for the message.
    why : str, optional
        What the number does (and a value to try), appended to the message.

    Returns
    -------
    float
        ``value`` as a Python float (a tracer unchanged).
    """
    return check_scalar(value, name, low=0.0, low_open=True, why=why)


def check_nonnegative(value: Any, name: str, *, why: str = "") -> float:
    """Check a finite number :math:`\\ge 0` (e.g. the Yat kernel's :math:`b`, a threshold).

    Parameters
    ----------
    value : number
        The argument (a JAX tracer is not checked).
    name : str
        Its name, for the message.
    why : str, optional
        What the number does (and a value to try), appended to the message.

    Returns
    -------
    float
        ``value`` as a Python float (a tracer unchanged).
    """
    return check_scalar(value, name, low=0.0, why=why)


def check_int(value: Any, name: str, *, low: int | None = None, high: int | None = None, why: str = "") -> int:
    """Check a whole number in ``[low, high]``; return it as ``int`` (``True``/``False`` are refused).

    Parameters
    ----------
    value : int
        The argument: an ``int``, a numpy integer, or a float with a whole value (``3.0``).
    name : str
        Its name, for the message.
    low, high : int, optional
        The allowed range, ends included (None: no bound on that side).
    why : str, optional
        What the number does, appended to the message.

    Returns
    -------
    int
        ``value`` as a Python ``int``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name} must be a whole number; got {value!r}.")
    v = int(value)
    tail = f" {why}" if why else ""
    if low is not None and v < low:
        raise ValueError(f"{name} must be >= {low}; got {v}.{tail}")
    if high is not None and v > high:
        raise ValueError(f"{name} must be <= {high}; got {v}.{tail}")
    return v


def check_choice(value: Any, name: str, choices: Iterable[Any]) -> Any:
    """Check that ``value`` is one of ``choices``.

    Parameters
    ----------
    value : object
        The argument.
    name : str
        Its name, for the message.
    choices : iterable
        The allowed values (compared with ``==``).

    Returns
    -------
    object
        ``value``, unchanged.
    """
    options = list(choices)
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(repr(c) for c in options)}; got {value!r}.")
    return value


def check_model(model: Any, name: str, types: type | tuple[type, ...], *, why: str = "") -> Any:
    """Check that ``model`` is an instance of ``types`` (e.g. a :class:`~yatlib.layers.YatMLP`).

    Parameters
    ----------
    model : object
        The argument.
    name : str
        Its name, for the message.
    types : type or tuple of type
        The accepted classes (checked with ``isinstance``).
    why : str, optional
        Why that class is needed, appended to the message.

    Returns
    -------
    object
        ``model``, unchanged.
    """
    if not isinstance(model, types):
        want = " or ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))
        tail = f" {why}" if why else ""
        raise ValueError(f"{name} must be a {want}; got {type(model).__name__}.{tail}")
    return model


def check_image_shape(shape: Any, n_values: int, name: str = "shape") -> tuple[int, int]:
    """Check an image shape ``(height, width)`` against ``n_values`` values per image.

    ``None`` means a square image: ``n_values`` must then be a perfect square.

    Parameters
    ----------
    shape : (int, int) or None
        ``(height, width)`` with ``height * width == n_values``, or None for a square image.
    n_values : int
        Values per flattened image (784 for a 28 x 28 picture).
    name : str, default "shape"
        The argument's name, for the message.

    Returns
    -------
    (int, int)
        ``(height, width)``; for None, ``(side, side)`` with ``side * side == n_values``.
    """
    if shape is None:
        side = int(round(np.sqrt(n_values)))
        if side * side != n_values:
            raise ValueError(
                f"{name} is needed: {n_values} values per image are not a square picture. "
                f"Pass {name}=(height, width) with height * width = {n_values}."
            )
        return side, side
    try:
        h, w = (int(v) for v in shape)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (height, width) of positive integers; got {shape!r}.") from None
    if h < 1 or w < 1 or h * w != n_values:
        raise ValueError(
            f"{name}={tuple(shape)} does not fit {n_values} values per image (height * width = {h * w}). "
            f"Pass the shape the images were flattened from."
        )
    return h, w
