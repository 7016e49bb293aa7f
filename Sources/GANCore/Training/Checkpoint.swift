import DmanCore
import Foundation

/// Saving and restoring a whole training state as one safetensors file.
///
/// Tensor names follow a PyTorch `state_dict` of carpedm20's layer names:
/// generator `g_h0_lin.weight`, `g_bn0.running_mean`, `g_h1.weight` …,
/// discriminator `d_h0_conv.weight`, `d_bn1.weight` …, `d_h4_lin.bias`
/// (64×64). Adam moments are `optimizer.G.<name>.exp_avg` /
/// `.exp_avg_sq` (and `optimizer.D.…`). Metadata (strings): `format`
/// (`dman-dcgan-checkpoint`), `step` (completed iterations), `adam_g_step`,
/// `adam_d_step`, `seed`, `config` (the ``DCGANConfig`` JSON) and, with
/// `--ada-target`, `ada` (the ``AdaptiveAugmentation`` JSON). With
/// `--spectral-norm`, D's conv/linear weights are `<name>_orig`, `<name>_u`,
/// `<name>_v`, PyTorch's `spectral_norm` names. The random
/// state is (seed, step): every random draw of iteration `i` comes from
/// generators derived from the seed and `i`.
public enum Checkpoint {
    public static let formatTag = "dman-dcgan-checkpoint"

    /// The training state of `model` after `step` completed iterations.
    public static func encode(_ model: DCGAN, step: Int) -> Data {
        var st = SafeTensors()
        let normalised = spectrallyNormalisedNames(model)
        for net in [model.generator.network, model.discriminator.network] {
            for (name, t) in net.stateTensors {
                if name.hasSuffix("num_batches_tracked") {
                    st.add(name, shape: [], int64s: [Int64(t[0])])
                } else {
                    st.add(normalised.contains(name) ? name + "_orig" : name, shape: t.shape, floats: t.data, count: t.count)
                }
            }
        }
        for (tag, opt) in [("G", model.generatorOptimizer), ("D", model.discriminatorOptimizer)] {
            for (i, p) in opt.parameters.enumerated() {
                st.add("optimizer.\(tag).\(p.name).exp_avg", shape: p.value.shape, floats: opt.firstMoments[i].data, count: p.value.count)
                st.add("optimizer.\(tag).\(p.name).exp_avg_sq", shape: p.value.shape, floats: opt.secondMoments[i].data, count: p.value.count)
            }
        }
        if let sn = model.spectralNorm {
            for (p, norm) in zip(sn.parameters, sn.norms) {
                st.add(p.name + "_u", shape: [norm.rows], floats: norm.u, count: norm.rows)
                st.add(p.name + "_v", shape: [norm.cols], floats: norm.v, count: norm.cols)
            }
        }
        if let ema = model.ema {
            for (p, shadow) in zip(model.generator.network.parameters, ema.average.shadows) {
                st.add(emaPrefix + p.name, shape: p.value.shape, floats: shadow, count: shadow.count)
            }
            // The averaged weights' own BatchNorm statistics, for `dman generate`/`eval`.
            for (name, t) in ema.refresh().network.layers.flatMap(\.buffers) where !name.hasSuffix("num_batches_tracked") {
                st.add(emaPrefix + name, shape: t.shape, floats: t.data, count: t.count)
            }
        }
        st.metadata = [
            "format": formatTag,
            "step": String(step),
            "adam_g_step": String(model.generatorOptimizer.step),
            "adam_d_step": String(model.discriminatorOptimizer.step),
            "seed": String(model.config.seed),
            "config": String(decoding: (try? configEncoder.encode(model.config)) ?? Data(), as: UTF8.self),
        ]
        if let ema = model.ema { st.metadata["ema_updates"] = String(ema.average.updates) }
        if let ada = model.ada, let json = try? configEncoder.encode(ada) {
            st.metadata["ada"] = String(decoding: json, as: UTF8.self)
        }
        return st.encoded()
    }

    /// D's weights under spectral normalisation: stored as `<name>_orig` (the raw
    /// weight) beside `<name>_u` / `<name>_v`, as `torch.nn.utils.spectral_norm`'s
    /// `state_dict` names them.
    static func spectrallyNormalisedNames(_ model: DCGAN) -> Set<String> {
        Set(model.spectralNorm?.parameters.map(\.name) ?? [])
    }

    /// Prefix of the EMA copies of G's parameters (`ema.g_h1.weight` …) and of
    /// the BatchNorm statistics recomputed for them (`ema.g_bn0.running_mean` …).
    public static let emaPrefix = "ema."

    /// Sorted keys, so the same state always gives the same bytes.
    static var configEncoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }

    /// Reads the config stored in a checkpoint file.
    public static func config(of url: URL) throws(GANError) -> DCGANConfig {
        try config(of: read(url), file: url)
    }

    /// The configuration stored in an already read checkpoint `st` (read from `url`).
    static func config(of st: SafeTensors, file url: URL) throws(GANError) -> DCGANConfig {
        guard let text = st.metadata["config"],
              let cfg = try? JSONDecoder().decode(DCGANConfig.self, from: Data(text.utf8)) else {
            throw .checkpoint(file: url.path, reason: "no config in metadata")
        }
        return cfg
    }

    /// Loads a checkpoint into `model` (all tensors and optimiser steps);
    /// returns the number of completed iterations.
    @discardableResult
    public static func load(_ url: URL, into model: DCGAN) throws(GANError) -> Int {
        let st = try read(url)
        let normalised = spectrallyNormalisedNames(model)
        do {
            let nets = [model.generator.network, model.discriminator.network]
            for net in nets {
                for (name, t) in net.stateTensors {
                    if name.hasSuffix("num_batches_tracked") {
                        t[0] = Float(try st.int64s(name).first ?? 0)
                    } else {
                        // Checkpoints before weight_orig stored the raw weight under its own name.
                        let stored = normalised.contains(name) && st.entries[name + "_orig"] != nil ? name + "_orig" : name
                        let v = try st.floats(stored, shape: t.shape)
                        v.withUnsafeBufferPointer { t.data.update(from: $0.baseAddress!, count: t.count) }
                    }
                }
            }
            do {
                for (tag, opt) in [("G", model.generatorOptimizer), ("D", model.discriminatorOptimizer)] {
                    for (i, p) in opt.parameters.enumerated() {
                        for (suffix, t) in [("exp_avg", opt.firstMoments[i]), ("exp_avg_sq", opt.secondMoments[i])] {
                            let v = try st.floats("optimizer.\(tag).\(p.name).\(suffix)", shape: p.value.shape)
                            v.withUnsafeBufferPointer { t.data.update(from: $0.baseAddress!, count: t.count) }
                        }
                    }
                }
            }
            // Optional state: absent when the run trained without these flags
            // (then it starts fresh, as at initialisation).
            if let sn = model.spectralNorm {
                for (k, p) in sn.parameters.enumerated() where st.entries[p.name + "_u"] != nil {
                    sn.norms[k].u = try st.floats(p.name + "_u", shape: [sn.norms[k].rows])
                    sn.norms[k].v = try st.floats(p.name + "_v", shape: [sn.norms[k].cols])
                }
            }
            if let ema = model.ema {
                let params = model.generator.network.parameters
                if params.allSatisfy({ st.entries[emaPrefix + $0.name] != nil }) {
                    ema.average.shadows = try params.map { p throws(SafeTensorsError) in
                        try st.floats(emaPrefix + p.name, shape: p.value.shape)
                    }
                    ema.average.updates = st.metadata["ema_updates"].flatMap(Int.init) ?? 0
                } else {
                    ema.average = WeightEMA(copying: params.map(\.value.array), decay: ema.average.decay, warmUp: ema.average.warmUp)
                }
            }
        } catch {
            throw .checkpoint(file: url.path, reason: error.description)
        }
        guard let step = st.metadata["step"].flatMap(Int.init),
              let gs = st.metadata["adam_g_step"].flatMap(Int.init),
              let ds = st.metadata["adam_d_step"].flatMap(Int.init) else {
            throw .checkpoint(file: url.path, reason: "metadata lacks step counters")
        }
        model.generatorOptimizer.step = gs
        model.discriminatorOptimizer.step = ds
        if model.ada != nil, let text = st.metadata["ada"] {
            guard let saved = try? JSONDecoder().decode(AdaptiveAugmentation.self, from: Data(text.utf8)) else {
                throw .checkpoint(file: url.path, reason: "metadata 'ada' is not an adaptive-augmentation state")
            }
            model.ada = saved
        }
        return step
    }

    static func read(_ url: URL) throws(GANError) -> SafeTensors {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .checkpoint(file: url.path, reason: "cannot read: \((error as NSError).localizedDescription)")
        }
        let st: SafeTensors
        do { st = try SafeTensors(decoding: data) } catch { throw .checkpoint(file: url.path, reason: error.description) }
        guard st.metadata["format"] == formatTag else {
            throw .checkpoint(file: url.path, reason: "not a dman DCGAN checkpoint (metadata format tag missing)")
        }
        return st
    }
}
