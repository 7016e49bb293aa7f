"""carpedm20's DCGAN in PyTorch, laid out like dman's checkpoints.

Shared by make_golden.py, load_generator.py and bench_torch.py. Tensor names
match GANCore's checkpoints (carpedm20's layer names), so
`Generator(...).load_state_dict(safetensors.torch.load_file(ckpt), strict=False)`
loads a dman checkpoint.

TensorFlow "SAME" padding is reproduced exactly: for a 5x5 stride-2 conv on an
even size TF pads 1 before and 2 after, so Conv2d runs on F.pad(x, (1, 2, 1, 2));
TF's conv2d_transpose equals PyTorch's ConvTranspose2d(padding=1) with the
last row and column dropped. (padding=2, output_padding=1 is shifted by one
pixel: it does not match.)
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pads(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class SameConv2d(nn.Conv2d):
    def forward(self, x):
        t, b = same_pads(x.shape[2], self.kernel_size[0], self.stride[0])
        l, r = same_pads(x.shape[3], self.kernel_size[1], self.stride[1])
        return F.conv2d(F.pad(x, (l, r, t, b)), self.weight, self.bias, self.stride)


class SameConvTranspose2d(nn.ConvTranspose2d):
    """conv2d_transpose with 'SAME': output = input * stride."""

    def forward(self, x):
        h, w = x.shape[2] * self.stride[0], x.shape[3] * self.stride[1]
        pt = max((x.shape[2] - 1) * self.stride[0] + self.kernel_size[0] - h, 0) // 2
        pl = max((x.shape[3] - 1) * self.stride[1] + self.kernel_size[1] - w, 0) // 2
        assert pt == self.padding[0] and pl == self.padding[1]
        y = F.conv_transpose2d(x, self.weight, self.bias, self.stride, self.padding)
        return y[:, :, :h, :w]


def stages(size):
    s, side = 0, 4
    while side < size:
        side, s = side * 2, s + 1
    return s


class Generator(nn.Module):
    def __init__(self, size=64, z_dim=100, gf=64):
        super().__init__()
        s = stages(size)
        plan = [gf << (s - 1 - i) for i in range(s)] + [3]
        self.plan = plan
        self.s = s
        self.g_h0_lin = nn.Linear(z_dim, plan[0] * 16)
        self.g_bn0 = nn.BatchNorm2d(plan[0], eps=1e-5, momentum=0.1)
        for i in range(1, s + 1):
            setattr(self, f"g_h{i}", SameConvTranspose2d(plan[i - 1], plan[i], 5, 2, padding=1))
            if i < s:
                setattr(self, f"g_bn{i}", nn.BatchNorm2d(plan[i], eps=1e-5, momentum=0.1))

    def forward(self, z):
        x = self.g_h0_lin(z).view(z.shape[0], self.plan[0], 4, 4)
        x = F.relu(self.g_bn0(x))
        for i in range(1, self.s + 1):
            x = getattr(self, f"g_h{i}")(x)
            if i < self.s:
                x = F.relu(getattr(self, f"g_bn{i}")(x))
        return torch.tanh(x)


class Discriminator(nn.Module):
    def __init__(self, size=64, df=64):
        super().__init__()
        s = stages(size)
        self.s = s
        c = 3
        for i in range(s):
            setattr(self, f"d_h{i}_conv", SameConv2d(c, df << i, 5, 2))
            if i > 0:
                setattr(self, f"d_bn{i}", nn.BatchNorm2d(df << i, eps=1e-5, momentum=0.1))
            c = df << i
        setattr(self, f"d_h{s}_lin", nn.Linear(c * 16, 1))

    def forward(self, x):
        for i in range(self.s):
            x = getattr(self, f"d_h{i}_conv")(x)
            if i > 0:
                x = getattr(self, f"d_bn{i}")(x)
            x = F.leaky_relu(x, 0.2)
        return getattr(self, f"d_h{self.s}_lin")(x.flatten(1))


class TF1Adam:
    """TensorFlow 1 AdamOptimizer: lr_t = lr*sqrt(1-b2^t)/(1-b1^t); eps after sqrt(v)."""

    def __init__(self, params, lr=2e-4, beta1=0.5, beta2=0.999, eps=1e-8):
        self.params = list(params)
        self.lr, self.b1, self.b2, self.eps = lr, beta1, beta2, eps
        self.t = 0
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        self.t += 1
        lr_t = self.lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        lr_t = torch.tensor(lr_t, dtype=torch.float32)
        for p, m, v in zip(self.params, self.m, self.v):
            g = p.grad
            m.add_((g - m) * (1 - self.b1))
            v.add_((g * g - v) * (1 - self.b2))
            p.sub_(lr_t * m / (v.sqrt() + self.eps))


def bce(logits, label):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, label))


def train_iteration(G, D, optG, optD, real, z, g_steps=2):
    """One carpedm20 iteration, computed as GANCore does (see DCGAN.swift)."""
    fake = G(z)
    for p in D.parameters():
        p.requires_grad_(True)
    optD.zero_grad()
    loss_real = bce(D(real), 1.0)
    loss_real.backward()
    loss_fake = bce(D(fake.detach()), 0.0)
    loss_fake.backward()
    optD.step()
    for p in D.parameters():
        p.requires_grad_(False)
    loss_g = None
    for k in range(g_steps):
        if k > 0:
            fake = G(z)
        optG.zero_grad()
        loss_g = bce(D(fake), 1.0)
        loss_g.backward()
        optG.step()
    for p in D.parameters():
        p.requires_grad_(True)
    return loss_real.item(), loss_fake.item(), loss_g.item()
