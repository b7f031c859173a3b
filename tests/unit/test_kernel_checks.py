import numpy as np
import pytest

from yatlib import kernel_checks as kc
from yatlib import kernels


def test_yat_gram_matches_kernels_module():
    X = np.random.default_rng(0).standard_normal((10, 3))
    np.testing.assert_allclose(
        kc.yat_gram(X, b=0.3, eps=0.2), np.asarray(kernels.gram(X.astype(np.float32), "yat", b=0.3, eps=0.2)), rtol=1e-4
    )


def test_yat_psd_and_contrasts_not():
    r = kc.random_check(60, seed=1)
    assert r.worst_ratio_yat >= -1e-6
    assert r.worst_ratio_contrast < -1e-3  # -||x-y|| has zero trace: always a negative eigenvalue
    assert r.contrast_negative_fraction == 1.0 and type(r.contrast_negative_fraction) is float
    assert str(r).startswith("60 random draws: worst λ_min/λ_max") and "np.float64" not in str(r)
    X = np.random.default_rng(2).standard_normal((30, 2))
    assert kc.spectrum(kc.tanh_gram(X))[0] < 0


def test_bad_params():
    with pytest.raises(ValueError):
        kc.yat_gram(np.ones((3, 2)), eps=0.0)
    with pytest.raises(ValueError):
        kc.random_check(3, contrast="cosine")
