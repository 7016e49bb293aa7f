/// A layer that can differentiate its own forward and backward passes along an
/// input direction (forward-over-reverse, Pearlmutter's R-operator).
///
/// After a training ``Layer/forward(_:training:)`` at x and a
/// ``Layer/backward(_:)`` of g, a perturbation x + ε·dx changes the output by
/// ε·``tangentForward(_:)`` and — with g itself changing by ε·dg — the input
/// gradient by ε·``tangentBackward(gradient:tangent:)`` and each parameter
/// gradient by ε times what that call adds into ``Parameter/gradient`` (when
/// ``Layer/computesParameterGradients``). ``R1Penalty`` chains these through a
/// discriminator to get the exact gradient of ‖∇ₓD‖² with respect to D's
/// weights, which plain back-propagation cannot give.
///
/// Both calls use the state the last forward (and, for `tangentBackward`, the
/// last `tangentForward`) left; their results are owned by the layer and stay
/// valid until its next tangent call. Exact for piecewise-linear activations
/// (their second derivative is zero almost everywhere).
public protocol TangentLayer: Layer {
    /// The output's tangent for the input tangent `dx` (same shape as the last input).
    func tangentForward(_ dx: Tensor) -> Tensor
    /// The input gradient's tangent, given the upstream gradient `g` of the last
    /// backward and its tangent `dg`; adds the parameter gradients' tangents.
    func tangentBackward(gradient g: Tensor, tangent dg: Tensor) -> Tensor
}
