"""Logistic regression over hashed n-gram features, fitted on the columns the rows use.

The linear models read up to a million hashed columns, of which a training set uses a
fraction (a slice of 24 texts a few thousand). A column no training row uses has a zero
gradient everywhere but the L2 penalty's, so its weight stays 0 from the start: fitting
on the used columns only finds the same weights, and each optimiser step costs what the
used columns cost instead of what all of them do (the slices CI trains ran 10-50x faster).
"""

from __future__ import annotations

from typing import Any

import numpy as np


def fit_used_columns(model: Any, x: Any, y: np.ndarray) -> Any:
    """``model.fit(x, y)`` for a scikit-learn linear classifier with an L2 penalty (or
    none), on the columns of the sparse ``x`` some row uses; the fitted model's weights are
    then spread back to all of ``x``'s columns (zero for the others), so it scores
    matrices of ``x``'s width as if fitted on all of them. The fit runs on one thread (BLAS
    and OpenMP alike): with more, sums are added in another order and the weights differ in
    their last bits from run to run, enough to move a chosen C or a score by a few tenths."""
    from scipy.sparse import csr_matrix
    from threadpoolctl import threadpool_limits

    x = csr_matrix(x)
    used = np.unique(x.indices)
    with threadpool_limits(limits=1):
        model.fit(x[:, used], y)
    coef = np.zeros((model.coef_.shape[0], x.shape[1]), dtype=model.coef_.dtype)
    coef[:, used] = model.coef_
    model.coef_ = coef
    model.n_features_in_ = x.shape[1]
    return model
