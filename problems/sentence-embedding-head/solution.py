import numpy as np
import torch
from torch import nn


class EmbeddingHead(nn.Module):
    """Masked mean pooling, then a linear projection, then L2 normalisation."""

    def __init__(self, weight: np.ndarray, bias: np.ndarray):
        super().__init__()
        out_features, in_features = weight.shape
        self.linear = nn.Linear(in_features, out_features)
        with torch.no_grad():
            self.linear.weight.copy_(torch.from_numpy(weight))
            self.linear.bias.copy_(torch.from_numpy(bias))

    def forward(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if hidden.ndim != 3 or hidden.shape[2] != self.linear.in_features or mask.shape != hidden.shape[:2]:
            raise ValueError(f"hidden {hidden.shape} and mask {mask.shape} do not fit a head of "
                             f"input size {self.linear.in_features}")
        with torch.no_grad():
            states = torch.from_numpy(hidden)
            weights = torch.from_numpy(mask).to(states.dtype).unsqueeze(-1)  # (B, T, 1)
            counts = weights.sum(dim=1).clamp(min=1.0)  # (B, 1): an all-padding sequence pools to zeros
            pooled = (states * weights).sum(dim=1) / counts
            projected = self.linear(pooled)
            return nn.functional.normalize(projected, p=2.0, dim=1, eps=1e-12).numpy()
