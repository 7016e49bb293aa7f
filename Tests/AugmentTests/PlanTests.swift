import Augment
import DmanCore
import Testing

@Suite struct PlanTests {
    @Test func symmetricAnglesAndLists() throws {
        #expect(try AugmentPlan.parseAngles("±5") == [-5, 0, 5])
        #expect(try AugmentPlan.parseAngles("+-5") == [-5, 0, 5])
        #expect(try AugmentPlan.parseAngles("+/-4", steps: 2) == [-4, -2, 0, 2, 4])
        #expect(try AugmentPlan.parseAngles("-6,-3,0,3,6") == [-6, -3, 0, 3, 6])
        #expect(try AugmentPlan.parseAngles("7") == [-7, 0, 7])
        #expect(throws: AugmentError.self) { try AugmentPlan.parseAngles("±x") }
        #expect(throws: AugmentError.self) { try AugmentPlan.parseAngles("1,,2") }
        #expect(try AugmentPlan.parsePercent("±3%", what: "--brightness") == 3)
        #expect(try AugmentPlan.parsePercent("+-2.5%", what: "--brightness") == 2.5)
        #expect(throws: AugmentError.self) { try AugmentPlan.parsePercent("-3%", what: "--brightness") }
    }

    static func seedPlan() throws -> AugmentPlan {
        var plan = AugmentPlan()
        plan.rotations = try AugmentPlan.parseAngles("±5")
        plan.unsharp = try UnsharpMask(parsing: "0x1+1+0.05")
        plan.flip = true
        plan.randomDraws = 4
        plan.seed = 1
        plan.size = 64
        return plan
    }

    @Test func gridIsTheProductWithoutTheIdentity() throws {
        let plan = try Self.seedPlan()
        let grid = plan.gridVariants
        #expect(grid.count == 3 * 2 * 2 - 1)
        #expect(Set(grid.map(\.name)).count == grid.count)
        #expect(grid.allSatisfy { !$0.steps.isEmpty })
        #expect(grid.map(\.name).contains("flip_r-5_usm"))
        #expect(plan.variantsPerSource == 15)
        #expect(plan.countLine(sources: 212) == "212 sources × 15 variants = 3180 (+212 originals)")
        var only = plan
        only.unsharpOnly = true
        #expect(only.gridVariants.count == 3 * 2)
        #expect(only.gridVariants.allSatisfy { $0.steps.contains { $0.name == "unsharp" } })
        var shifts = AugmentPlan()
        shifts.shift = 4
        shifts.scales = [0.95, 1, 1.05]
        #expect(shifts.gridVariants.count == 5 * 3 - 1)
    }

    @Test func outputsArePureAndRandomDrawsStayInRange() throws {
        var plan = try Self.seedPlan()
        plan.brightness = 3
        let a = plan.outputs(stem: "cat", parentID: "cat", width: 128, height: 128)
        let b = plan.outputs(stem: "cat", parentID: "cat", width: 128, height: 128)
        #expect(a == b)
        #expect(a.count == 16)
        #expect(a.first?.id == "cat_orig")
        #expect(a.allSatisfy { $0.steps.last == .resize(Resize(width: 64, height: 64)) })
        let other = plan.outputs(stem: "dog", parentID: "dog", width: 128, height: 128)
        #expect(a.suffix(4).map(\.steps) != other.suffix(4).map(\.steps), "each source draws its own parameters")
        for out in a.dropFirst() {
            for step in out.steps {
                switch step {
                case .rotate(let r): #expect(abs(r.angle) <= 5)
                case .brightness(let b): #expect(abs(b.percent) <= 3)
                default: break
                }
            }
            #expect(out.steps.contains { $0.name == "brightness" }, "jitter on every variant")
        }
        var reseeded = plan
        reseeded.seed = 2
        #expect(reseeded.outputs(stem: "cat", parentID: "cat", width: 128, height: 128) != a)
    }

    @Test func finalResizeKeepsAspect() {
        var plan = AugmentPlan()
        plan.size = 64
        #expect(plan.finalResize(width: 128, height: 128) == Resize(width: 64, height: 64))
        #expect(plan.finalResize(width: 200, height: 100) == Resize(width: 64, height: 32))
        #expect(plan.finalResize(width: 64, height: 64) == nil)
    }

    @Test func invalidPlansAreRefused() {
        var plan = AugmentPlan()
        plan.rotations = [60]
        #expect(throws: AugmentError.self) { try plan.validate() }
        plan = AugmentPlan()
        plan.unsharpOnly = true
        #expect(throws: AugmentError.self) { try plan.validate() }
        plan = AugmentPlan()
        plan.randomOnly = true
        #expect(throws: AugmentError.self) { try plan.validate() }
    }
}
