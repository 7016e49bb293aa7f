"""Writes the golden files of Tests/GANCoreTests/Fixtures (see its README.md).

All arrays are NCHW / PyTorch layouts, float32, in safetensors files.
"""
import os
import sys
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(__file__))
from dcgan_torch import Generator, Discriminator, TF1Adam, SameConv2d, SameConvTranspose2d, train_iteration

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/GANCoreTests/Fixtures"
torch.manual_seed(20261129)
torch.set_num_threads(1)


def rand(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).float()


def layer_golden(name, layer, x, out_fn=None):
    x = x.clone().requires_grad_(True)
    y = layer(x) if out_fn is None else out_fn(layer, x)
    dy = rand(*y.shape)
    y.backward(dy)
    t = {"x": x.detach(), "y": y.detach().contiguous(), "dy": dy, "dx": x.grad}
    for pname, p in layer.named_parameters():
        t[pname] = p.detach().clone()
        t[pname + ".grad"] = p.grad.clone()
    return t


def conv_goldens():
    t = {}
    # TF "SAME" conv, 5x5 stride 2 (carpedm20), input 2x3x8x8 -> 2x4x4x4
    c = SameConv2d(3, 4, 5, 2)
    with torch.no_grad():
        c.weight.copy_(rand(4, 3, 5, 5, scale=0.2)); c.bias.copy_(rand(4, scale=0.1))
    for k, v in layer_golden("same", c, rand(2, 3, 8, 8)).items():
        t["same." + k] = v
    # PyTorch explicit padding 1, kernel 3, stride 2, odd input 2x2x7x7
    c = torch.nn.Conv2d(2, 3, 3, 2, padding=1)
    with torch.no_grad():
        c.weight.copy_(rand(3, 2, 3, 3, scale=0.3)); c.bias.copy_(rand(3, scale=0.1))
    for k, v in layer_golden("explicit", c, rand(2, 2, 7, 7)).items():
        t["explicit." + k] = v
    save_file(t, os.path.join(OUT, "conv2d.safetensors"))


def convt_goldens():
    t = {}
    c = SameConvTranspose2d(4, 3, 5, 2, padding=1)
    with torch.no_grad():
        c.weight.copy_(rand(4, 3, 5, 5, scale=0.2)); c.bias.copy_(rand(3, scale=0.1))
    for k, v in layer_golden("same", c, rand(2, 4, 4, 4)).items():
        t["same." + k] = v
    c = torch.nn.ConvTranspose2d(3, 2, 3, 2, padding=1, output_padding=1)
    with torch.no_grad():
        c.weight.copy_(rand(3, 2, 3, 3, scale=0.3)); c.bias.copy_(rand(2, scale=0.1))
    for k, v in layer_golden("explicit", c, rand(2, 3, 3, 5)).items():
        t["explicit." + k] = v
    save_file(t, os.path.join(OUT, "conv_transpose2d.safetensors"))


def bn_goldens():
    bn = torch.nn.BatchNorm2d(3, eps=1e-5, momentum=0.1)
    with torch.no_grad():
        bn.weight.copy_(1 + rand(3, scale=0.3)); bn.bias.copy_(rand(3, scale=0.3))
    t = layer_golden("bn", bn, rand(4, 3, 5, 5, scale=2.0) + 0.5)
    t["running_mean"] = bn.running_mean.clone()
    t["running_var"] = bn.running_var.clone()
    bn.eval()
    xe = rand(2, 3, 5, 5)
    t["eval.x"] = xe
    t["eval.y"] = bn(xe).detach()
    save_file(t, os.path.join(OUT, "batchnorm.safetensors"))


def linear_goldens():
    lin = torch.nn.Linear(6, 4)
    with torch.no_grad():
        lin.weight.copy_(rand(4, 6, scale=0.3)); lin.bias.copy_(rand(4, scale=0.1))
    save_file(layer_golden("lin", lin, rand(3, 6)), os.path.join(OUT, "linear.safetensors"))


def state(prefix, module):
    return {prefix + k: v.detach().clone() for k, v in module.state_dict().items()}


def dcgan_golden():
    size, z_dim, gf, df, n, lr = 16, 8, 4, 4, 4, 0.01
    G, D = Generator(size, z_dim, gf), Discriminator(size, df)
    with torch.no_grad():
        for name, p in list(G.named_parameters()) + list(D.named_parameters()):
            if "bn" in name and name.endswith("weight"):
                p.copy_(1 + rand(*p.shape, scale=0.1))
            elif name.endswith("bias"):
                p.copy_(rand(*p.shape, scale=0.05))
            else:
                p.copy_(rand(*p.shape, scale=0.1))
    t = {}
    t.update(state("init.", G))
    t.update(state("init.", D))
    real = torch.rand(n, 3, size, size) * 2 - 1
    z = torch.rand(n, z_dim) * 2 - 1
    t["real"], t["z"] = real, z
    optG, optD = TF1Adam(G.parameters(), lr=lr), TF1Adam(D.parameters(), lr=lr)
    lr_, lf, lg = train_iteration(G, D, optG, optD, real, z, g_steps=2)
    t["losses"] = torch.tensor([lr_, lf, lg], dtype=torch.float32)
    t.update(state("final.", G))
    t.update(state("final.", D))
    for tag, net, opt in (("G", G, optG), ("D", D, optD)):
        for (name, _), m, v in zip(net.named_parameters(), opt.m, opt.v):
            t[f"final.optimizer.{tag}.{name}.exp_avg"] = m.clone()
            t[f"final.optimizer.{tag}.{name}.exp_avg_sq"] = v.clone()
    t = {k: (v.float() if v.dtype != torch.int64 else v) for k, v in t.items()}
    save_file(t, os.path.join(OUT, "dcgan_iteration.safetensors"),
              metadata={"size": str(size), "z_dim": str(z_dim), "gf": str(gf), "df": str(df),
                        "batch": str(n), "lr": str(lr), "beta1": "0.5", "g_steps": "2"})


os.makedirs(OUT, exist_ok=True)
conv_goldens()
convt_goldens()
bn_goldens()
linear_goldens()
dcgan_golden()
for f in sorted(os.listdir(OUT)):
    print(f, os.path.getsize(os.path.join(OUT, f)))
