/// Training-mode BatchNorm with its fused activation, differentiated along dx.
///
/// With x̂ = (x − μ)·s, s = 1/σ: `dσ = mean(x̂·dx)`, `dx̂ = s·(dx − mean(dx) − x̂·dσ)`,
/// `dy = act'·γ·dx̂`. Backward, with gz = act'·g, M₁ = mean(gz), M₂ = mean(gz·x̂)
/// and h = gz − M₁ − x̂·M₂ (so ∂x = γ·s·h): `d∂x = γ·(ds·h + s·(dgz − dM₁ − dx̂·M₂ − x̂·dM₂))`
/// with ds = −s²·dσ, dM₂ = mean(dgz·x̂ + gz·dx̂); `d∂γ = n·dM₂`, `d∂β = n·dM₁`.
/// Sums are accumulated in Double, one channel per worker.
extension BatchNorm: TangentLayer {
    public func tangentForward(_ dx: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("BatchNorm.tangentForward before forward") }
        precondition(dx.count == x.count, "BatchNorm.tangentForward: shape \(dx.shape)")
        let length = x.count / channels
        tangentNormalized.resize(x.shape)
        tangentOutput.resize(x.shape)
        tangentSigma.resize([channels])
        let xs = SharedPointer(x.data), ys = SharedPointer(output.data), ts = SharedPointer(dx.data)
        let nh = SharedPointer(tangentNormalized.data), out = SharedPointer(tangentOutput.data), dsig = SharedPointer(tangentSigma.data)
        let gam = SharedPointer(weight.value.data), mu = SharedPointer(mean.data), inv = SharedPointer(invStd.data)
        let act = activation
        Compute.parallel(channels) { start, end in
            for c in start..<end {
                let xp = xs.p + c * length, yp = ys.p + c * length, tp = ts.p + c * length
                let m = mu.p[c], s = inv.p[c]
                var sumT = 0.0, sumXT = 0.0
                for i in 0..<length {
                    sumT += Double(tp[i])
                    sumXT += Double((xp[i] - m) * s) * Double(tp[i])
                }
                let n = Double(length)
                let a = Float(sumT / n), b = Float(sumXT / n)
                dsig.p[c] = b
                let hp = nh.p + c * length, op = out.p + c * length, gc = gam.p[c]
                for i in 0..<length {
                    let xhat = (xp[i] - m) * s
                    let t = s * (tp[i] - a - xhat * b)
                    hp[i] = t
                    op[i] = act.derivative(output: yp[i]) * gc * t
                }
            }
        }
        return tangentOutput
    }

    public func tangentBackward(gradient dy: Tensor, tangent ddy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("BatchNorm.tangentBackward before forward") }
        precondition(dy.count == x.count && ddy.count == x.count, "BatchNorm.tangentBackward: shape \(ddy.shape)")
        precondition(tangentNormalized.count == x.count, "BatchNorm.tangentBackward before tangentForward")
        let length = x.count / channels
        tangentInputGradient.resize(x.shape)
        let xs = SharedPointer(x.data), ys = SharedPointer(output.data), gs = SharedPointer(dy.data), dgs = SharedPointer(ddy.data)
        let nh = SharedPointer(tangentNormalized.data), res = SharedPointer(tangentInputGradient.data), dsig = SharedPointer(tangentSigma.data)
        let gam = SharedPointer(weight.value.data), dgam = SharedPointer(weight.gradient.data), dbet = SharedPointer(bias.gradient.data)
        let mu = SharedPointer(mean.data), inv = SharedPointer(invStd.data)
        let act = activation, params = computesParameterGradients, needDX = needsInputGradient
        Compute.parallel(channels) { start, end in
            for c in start..<end {
                let xp = xs.p + c * length, yp = ys.p + c * length, gp = gs.p + c * length, dgp = dgs.p + c * length
                let hp = nh.p + c * length
                let m = mu.p[c], s = inv.p[c]
                var m1 = 0.0, m2 = 0.0, dm1 = 0.0, dm2 = 0.0
                for i in 0..<length {
                    let d = act.derivative(output: yp[i])
                    let gz = Double(d * gp[i]), dgz = Double(d * dgp[i])
                    let xhat = Double((xp[i] - m) * s)
                    m1 += gz; m2 += gz * xhat
                    dm1 += dgz; dm2 += dgz * xhat + gz * Double(hp[i])
                }
                if params {
                    dgam.p[c] += Float(dm2)
                    dbet.p[c] += Float(dm1)
                }
                guard needDX else { continue }
                let n = Double(length)
                m1 /= n; m2 /= n; dm1 /= n; dm2 /= n
                let sd = Double(s), ds = -sd * sd * Double(dsig.p[c]), gc = Double(gam.p[c])
                let rp = res.p + c * length
                for i in 0..<length {
                    let d = act.derivative(output: yp[i])
                    let gz = Double(d * gp[i]), dgz = Double(d * dgp[i])
                    let xhat = Double((xp[i] - m) * s)
                    let h = gz - m1 - xhat * m2
                    let dh = dgz - dm1 - Double(hp[i]) * m2 - xhat * dm2
                    rp[i] = Float(gc * (ds * h + sd * dh))
                }
            }
        }
        return tangentInputGradient
    }
}
