import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class EmbeddingHead(nn.Module):
    def __init__(self, weight: np.ndarray, bias: np.ndarray):
        super().__init__()
        self.proj = nn.Linear(weight.shape[1], weight.shape[0])
        with torch.no_grad():
            self.proj.weight.copy_(torch.from_numpy(weight))
            self.proj.bias.copy_(torch.from_numpy(bias))

    @torch.no_grad()
    def forward(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if hidden.ndim != 3 or hidden.shape[-1] != self.proj.in_features or mask.shape != hidden.shape[:2]:
            raise ValueError("shape mismatch")
        h = torch.from_numpy(hidden)
        m = torch.from_numpy(mask).unsqueeze(-1).float()
        summed = (h * m).sum(dim=1)
        counts = torch.clamp(m.sum(dim=1), min=1)
        return F.normalize(self.proj(summed / counts), dim=-1).numpy()
