import GANCore
import Testing

/// One whole training iteration (1 D step + 2 G steps) against PyTorch.
@Suite struct DCGANIterationTests {
    @Test func oneIterationMatchesPyTorch() throws {
        let st = try fixture("dcgan_iteration")
        var config = DCGANConfig()
        config.imageSize = 16; config.zDim = 8; config.generatorWidth = 4; config.discriminatorWidth = 4
        config.batchSize = 4; config.learningRate = 0.01; config.beta1 = 0.5; config.generatorSteps = 2
        #expect(st.metadata["size"] == "16" && st.metadata["lr"] == "0.01")
        let model = DCGAN(config: config)
        let nets = [model.generator.network, model.discriminator.network]
        for net in nets {
            for (name, t) in net.stateTensors where !name.hasSuffix("num_batches_tracked") {
                setValues(t, try st.tensor("init." + name).values)
            }
        }
        let real = try st.tensor("real"), z = try st.tensor("z")
        let losses = model.trainIteration(real: channelMajor(real.values, shape: real.shape),
                                          z: Tensor(shape: z.shape, values: z.values))
        let expected = try st.tensor("losses").values
        #expect(abs(losses.discriminatorReal - Double(expected[0])) < 1e-5)
        #expect(abs(losses.discriminatorFake - Double(expected[1])) < 1e-5)
        #expect(abs(losses.generator - Double(expected[2])) < 1e-5)
        // A conv bias followed by BatchNorm has an exactly zero gradient (BN
        // removes the channel mean), so its Adam update and the next running
        // mean follow rounding noise: those are checked for a ~0 gradient only.
        let noiseDriven: Set<String> = ["g_h1.bias", "g_bn1.running_mean", "d_h1_conv.bias", "d_bn1.running_mean"]
        var compared = 0
        for net in nets {
            for (name, t) in net.stateTensors where !noiseDriven.contains(name) {
                if name.hasSuffix("num_batches_tracked") {
                    #expect(Int64(t[0]) == (try st.int64s("final." + name)).first, "\(name)")
                } else {
                    expectClose(t.array, try st.tensor("final." + name).values, 1e-4, name)
                }
                compared += 1
            }
        }
        for (tag, opt) in [("G", model.generatorOptimizer), ("D", model.discriminatorOptimizer)] {
            for (i, p) in opt.parameters.enumerated() {
                if noiseDriven.contains(p.name) {
                    #expect(opt.firstMoments[i].array.allSatisfy { abs($0) < 1e-6 }, "\(p.name) gradient should be ~0")
                    continue
                }
                expectClose(opt.firstMoments[i].array, try st.tensor("final.optimizer.\(tag).\(p.name).exp_avg").values, 1e-4, "\(p.name) m")
                expectClose(opt.secondMoments[i].array, try st.tensor("final.optimizer.\(tag).\(p.name).exp_avg_sq").values, 1e-4, "\(p.name) v")
            }
        }
        #expect(compared == 23)  // 27 state tensors minus the 4 noise-driven ones
        #expect(model.generatorOptimizer.step == 2 && model.discriminatorOptimizer.step == 1)
    }
}
