"""Writes Tests/GANCoreTests/Fixtures/r1.safetensors: PyTorch's R1 penalty and its
gradient with respect to a DCGAN discriminator's weights, by double backward
(torch.autograd.grad(..., create_graph=True)), for GANCore's R1Penalty (issue 12).
From the repository root:

    python3 bench/gan-r1/make_golden.py Tests/GANCoreTests/Fixtures

Seeded (torch.manual_seed(20261207), one thread), float64 inside, stored as float32.
The discriminator is bench/gan/dcgan_torch.py's (carpedm20's: "SAME" 5x5 stride-2
convs, training-mode BatchNorm, leaky ReLU 0.2, flatten, linear) at 16 px, df 4,
on a batch of 4 images; weights are N(0, 0.3) (larger than DCGAN's 0.02, so the
second-order terms are not negligible), BatchNorm gamma 1 + N(0, 0.2), beta N(0, 0.2).

Tensors:
  r1.<state_dict name>        the weights (GANCore's names: d_h0_conv.weight, d_bn1.weight, ...)
  r1.x                        the real batch, NCHW
  r1.penalty                  [gamma/2 * mean_i |grad_x_i sum D(x)|^2], gamma = 0.5
  r1.<name>.grad              d penalty / d weight
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "gan"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "gan-fastgan"))
from dcgan_torch import Discriminator  # noqa: E402
from make_golden import save_safetensors  # noqa: E402  (the FastGAN golden script's writer; it seeds on import, so seed after)

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/GANCoreTests/Fixtures"
GAMMA = 0.5
torch.manual_seed(20261207)
torch.set_num_threads(1)


def main():
    d = Discriminator(size=16, df=4).double()
    with torch.no_grad():
        for name, p in d.named_parameters():
            if "bn" in name and name.endswith("weight"):
                p.copy_(1 + 0.2 * torch.randn_like(p))
            elif "bn" in name:
                p.copy_(0.2 * torch.randn_like(p))
            else:
                p.copy_(0.3 * torch.randn_like(p))
    d.train()
    x = torch.randn(4, 3, 16, 16, dtype=torch.float64).requires_grad_(True)
    logits = d(x)
    (gx,) = torch.autograd.grad(logits.sum(), x, create_graph=True)
    penalty = GAMMA / 2 * gx.pow(2).sum(dim=[1, 2, 3]).mean()
    params = dict(d.named_parameters())
    grads = torch.autograd.grad(penalty, list(params.values()), allow_unused=True)  # the last bias does not reach it
    out = {"r1.x": x.detach(), "r1.penalty": penalty.detach().reshape(1)}
    for (name, p), g in zip(params.items(), grads):
        out[f"r1.{name}"] = p.detach()
        out[f"r1.{name}.grad"] = torch.zeros_like(p) if g is None else g
    save_safetensors(out, os.path.join(OUT, "r1.safetensors"))
    print(f"penalty {penalty.item():.6f}; wrote {len(out)} tensors to {OUT}/r1.safetensors")


if __name__ == "__main__":
    main()
