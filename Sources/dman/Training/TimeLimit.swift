import ArgumentParser
import GANCore

/// `--time-limit` reads GANCore's ``TimeLimit`` (`90s`, `20m`, `2h`).
extension TimeLimit: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }

}
