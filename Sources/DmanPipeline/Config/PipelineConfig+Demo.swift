import DmanCore

extension PipelineConfig {
    /// `dman demo`'s settings: small and quick. 32 px, recipe `fewshot`
    /// (DiffAugment translation,cutout + EMA of G + lazy R1) at width 32 (gf = df = 32),
    /// so the budget buys ~4× the iterations of width 64: at 200 iterations
    /// of width 64 with DiffAugment alone the run collapsed (modes 7 vs 129 of
    /// 256, SWD 202); see README for what this run reaches instead.
    public static func demo(size: Int, iterations: Int, seed: UInt64) -> PipelineConfig {
        var c = PipelineConfig()
        c[.crop] = [("size", .number(Double(size * 2)))]
        c[.augment] = [("seed", .string(String(seed))), ("size", .number(Double(size)))]
        c[.audit] = [("seed", .string(String(seed)))]
        c[.train] = [("checkpoint-every", .number(400)), ("df", .number(32)), ("gf", .number(32)),
                     ("iterations", .number(Double(iterations))), ("recipe", .string("fewshot")),
                     ("sample-every", .number(200)), ("seed", .string(String(seed)))]
        c[.generate] = [("seed", .string(String(seed)))]
        return c
    }
}
