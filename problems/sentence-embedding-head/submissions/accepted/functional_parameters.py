import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class EmbeddingHead(nn.Module):
    def __init__(self, weight, bias):
        super().__init__()
        self.weight = nn.Parameter(torch.from_numpy(weight.copy()))
        self.bias = nn.Parameter(torch.from_numpy(bias.copy()))

    def forward(self, hidden, mask):
        B, T, D = hidden.shape if hidden.ndim == 3 else (None, None, None)
        if D != self.weight.shape[1] or mask.shape != (B, T):
            raise ValueError("hidden must be (B, T, D) and mask (B, T)")
        x = torch.from_numpy(hidden)
        m = torch.from_numpy(mask).to(x.dtype)
        pooled = torch.einsum("btd,bt->bd", x, m) / m.sum(dim=1, keepdim=True).clamp_min(1.0)
        out = F.normalize(F.linear(pooled, self.weight, self.bias), p=2, dim=1)
        return out.detach().numpy()
