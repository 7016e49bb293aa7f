import DmanCore
import GANCore
import Testing

/// The exact R1 penalty (forward-over-reverse through D): against PyTorch's
/// double backward, against finite differences, per layer, and in training.
@Suite struct R1PenaltyTests {
    /// A 16 px DCGAN discriminator (df 4) with the golden file's weights.
    static func goldenDiscriminator(_ st: SafeTensors) throws -> DCGANDiscriminator {
        var config = DCGANConfig()
        config.imageSize = 16; config.discriminatorWidth = 4
        let d = DCGANDiscriminator(config: config, workspace: Workspace())
        for p in d.network.parameters { setValues(p.value, try st.tensor("r1.\(p.name)").values) }
        return d
    }

    /// bench/gan-r1/make_golden.py: the penalty and every weight's gradient, by PyTorch's double backward.
    @Test func matchesPyTorchDoubleBackward() throws {
        let st = try fixture("r1")
        let d = try Self.goldenDiscriminator(st)
        let x = try st.tensor("r1.x")
        _ = d.forward(channelMajor(x.values, shape: x.shape), training: true)
        d.network.zeroGradients()
        d.network.needsInputGradient = false
        let r1 = try #require(R1Penalty(network: d.network, gamma: 0.5, interval: 1))
        let penalty = r1.accumulate(into: d.network, batch: 4)
        let expected = Double(try st.tensor("r1.penalty").values[0])
        #expect(abs(penalty - expected) <= 1e-4 * expected, "penalty \(penalty) vs PyTorch \(expected)")
        #expect(d.network.needsInputGradient == false)
        for p in d.network.parameters {
            let golden = try st.tensor("r1.\(p.name).grad").values
            if p.name == "d_h1_conv.bias" {
                // A bias just before a training-mode BatchNorm does not reach the output: both sides are ~0.
                #expect(p.gradient.array.allSatisfy { abs($0) < 1e-4 } && golden.allSatisfy { abs($0) < 1e-4 }, "\(p.name)")
            } else {
                expectClose(p.gradient.array, golden, 1e-3, "\(p.name) R1 gradient")
            }
        }
    }

    /// With `interval` k the gradient is k times one application's; the reported penalty is not.
    @Test func intervalScalesTheGradientNotThePenalty() throws {
        let st = try fixture("r1")
        var grads: [[Float]] = [], penalties: [Double] = []
        for k in [1, 16] {
            let d = try Self.goldenDiscriminator(st)
            let x = try st.tensor("r1.x")
            _ = d.forward(channelMajor(x.values, shape: x.shape), training: true)
            d.network.zeroGradients()
            let r1 = try #require(R1Penalty(network: d.network, gamma: 0.5, interval: k))
            penalties.append(r1.accumulate(into: d.network, batch: 4))
            grads.append(d.network.parameters.flatMap(\.gradient.array))
            #expect(r1.isDue(step: 0) && r1.isDue(step: k) && (k == 1 || !r1.isDue(step: 1)))
        }
        #expect(abs(penalties[0] - penalties[1]) < 1e-9)
        expectClose(grads[1], grads[0].map { 16 * $0 }, 1e-5, "interval 16")
    }

    /// A smooth network (conv → BatchNorm → conv → BatchNorm → linear, identity
    /// activations): central differences of the penalty along a random weight
    /// direction equal the gradient's projection on it. Independent of PyTorch.
    @Test func gradientMatchesFiniteDifferencesOfThePenalty() throws {
        let ws = Workspace()
        let net = Sequential([
            Conv2d(name: "c0", inputChannels: 3, outputChannels: 4, kernelSize: 3, stride: 2, padding: .same, workspace: ws),
            BatchNorm(name: "bn0", channels: 4),
            Conv2d(name: "c1", inputChannels: 4, outputChannels: 6, kernelSize: 3, stride: 2, padding: .same, workspace: ws),
            BatchNorm(name: "bn1", channels: 6, activation: .identity),
            Flatten(),
            Linear(name: "lin", inputFeatures: 6 * 4, outputFeatures: 1),
        ])
        for (i, p) in net.parameters.enumerated() {
            let v = randomValues(p.value.count, seed: 40 + UInt64(i), scale: 0.6)
            setValues(p.value, p.name.hasPrefix("bn") && p.name.hasSuffix("weight") ? v.map { 1 + $0 / 2 } : v)
        }
        let x = Tensor(shape: [3, 5, 8, 8], values: randomValues(3 * 5 * 64, seed: 3))
        let r1 = try #require(R1Penalty(network: net, gamma: 2, interval: 1))
        func penalty() -> Double {
            _ = net.forward(x, training: true)
            net.zeroGradients()
            return r1.accumulate(into: net, batch: 5)
        }
        _ = penalty()
        let gradient = net.parameters.map(\.gradient.array)
        let direction = net.parameters.enumerated().map { i, p in randomValues(p.value.count, seed: 90 + UInt64(i)) }
        var projected = 0.0
        for (g, u) in zip(gradient, direction) { for (a, b) in zip(g, u) { projected += Double(a) * Double(b) } }
        func moved(_ h: Float) -> Double {
            let saved = net.parameters.map(\.value.array)
            for (p, u) in zip(net.parameters, direction) { for i in 0..<p.value.count { p.value[i] += h * u[i] } }
            defer { for (p, v) in zip(net.parameters, saved) { setValues(p.value, v) } }
            return penalty()
        }
        let h: Float = 2e-3
        let numeric = (moved(h) - moved(-h)) / (2 * Double(h))
        #expect(abs(projected) > 1e-2, "a degenerate check: projection \(projected)")
        #expect(abs(numeric - projected) <= 2e-2 * abs(projected), "finite difference \(numeric) vs gradient \(projected)")
    }

    /// BatchNorm's tangents (its forward and its backward differentiated along dx, with g moving by dg) against
    /// central differences of its own forward and backward.
    @Test func batchNormTangentsMatchFiniteDifferences() throws {
        let bn = BatchNorm(name: "bn", channels: 3, activation: .identity)
        setValues(bn.weight.value, [1.3, 0.7, -0.9]); setValues(bn.bias.value, [0.1, -0.2, 0.3])
        let shape = [3, 4, 3, 3], count = 3 * 4 * 9
        let x = randomValues(count, seed: 1), dx = randomValues(count, seed: 2)
        let g = randomValues(count, seed: 3), dg = randomValues(count, seed: 4)
        func run(_ e: Float) -> (y: [Float], gx: [Float], gamma: [Float], beta: [Float]) {
            let xs = Tensor(shape: shape, values: zip(x, dx).map { $0 + e * $1 })
            let y = bn.forward(xs, training: true).array
            bn.weight.zeroGradient(); bn.bias.zeroGradient()
            let gx = bn.backward(Tensor(shape: shape, values: zip(g, dg).map { $0 + e * $1 })).array
            return (y, gx, bn.weight.gradient.array, bn.bias.gradient.array)
        }
        let h: Float = 1e-2
        let p = run(h), m = run(-h)
        func fd(_ a: [Float], _ b: [Float]) -> [Float] { zip(a, b).map { ($0 - $1) / (2 * h) } }
        _ = run(0)
        let gt = Tensor(shape: shape, values: g)
        bn.weight.zeroGradient(); bn.bias.zeroGradient()
        let dy = bn.tangentForward(Tensor(shape: shape, values: dx)).array
        let dgx = bn.tangentBackward(gradient: gt, tangent: Tensor(shape: shape, values: dg)).array
        expectClose(dy, fd(p.y, m.y), 2e-3, "BatchNorm output tangent")
        expectClose(dgx, fd(p.gx, m.gx), 2e-3, "BatchNorm input-gradient tangent")
        expectClose(bn.weight.gradient.array, fd(p.gamma, m.gamma), 2e-3, "BatchNorm γ-gradient tangent")
        expectClose(bn.bias.gradient.array, fd(p.beta, m.beta), 2e-3, "BatchNorm β-gradient tangent")
    }

    /// FastGAN's discriminator (reconstruction branch) and smooth activations have no exact tangents here.
    @Test func refusesNetworksWithoutExactTangents() {
        var config = DCGANConfig()
        config.imageSize = 16; config.discriminatorWidth = 4; config.architecture = .fastgan
        let d = DCGANDiscriminator(config: config, workspace: Workspace())
        #expect(R1Penalty(network: d.network, gamma: 1, interval: 1) == nil)
        #expect(R1Penalty(network: Sequential([ActivationLayer(.tanh)]), gamma: 1, interval: 1) == nil)
        config.r1Gamma = 0.1
        #expect(throws: GANError.self) { try config.validate() }
        config.architecture = nil
        #expect(throws: Never.self) { try config.validate() }
        config.r1Interval = 0
        #expect(throws: GANError.self) { try config.validate() }
    }

    /// The learning test: D trained with R1 ends with a much flatter response to the real images than the
    /// same D trained without it (a sign error or a missing term makes it steeper or equal), and the penalty
    /// is logged only on the iterations that apply it.
    @Test func trainingWithR1FlattensDiscriminatorOnReals() throws {
        var config = DCGANConfig()
        config.imageSize = 16; config.zDim = 8; config.generatorWidth = 8; config.discriminatorWidth = 8
        config.batchSize = 8; config.seed = 5; config.threads = 1
        let real = Tensor(shape: [3, 8, 16, 16], values: randomValues(3 * 8 * 256, seed: 11))
        let z = Tensor(shape: [8, 8], values: randomValues(64, seed: 12))
        func trainedPenalty(gamma: Float?) throws -> (penalty: Double, logged: [Int]) {
            var c = config
            c.r1Gamma = gamma; c.r1Interval = 2
            let gan = DCGAN(config: c)
            var logged: [Int] = []
            for step in 0..<40 {
                let batch = Tensor(shape: real.shape, values: real.array)
                if gan.trainIteration(real: batch, z: z, step: step).r1Penalty != nil { logged.append(step) }
            }
            let d = gan.discriminator.network
            _ = d.forward(real, training: true)
            let probe = try #require(R1Penalty(network: d, gamma: 1, interval: 1))
            return (probe.accumulate(into: d, batch: 8), logged)
        }
        let with = try trainedPenalty(gamma: 20), without = try trainedPenalty(gamma: nil)
        #expect(with.logged == Array(stride(from: 0, to: 40, by: 2)))
        #expect(without.logged.isEmpty)
        #expect(with.penalty < 0.5 * without.penalty, "‖∇D‖² on reals: \(with.penalty) with R1, \(without.penalty) without")
    }
}
