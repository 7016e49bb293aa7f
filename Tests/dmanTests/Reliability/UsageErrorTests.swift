import DmanTestSupport
import Foundation
import Testing

/// Issue 17: bad usage on every subcommand is exit 64 and exactly one line
/// on stderr naming the flag (including values only a library can judge:
/// the augment plan's ranges, the trainer's configuration), and nothing is
/// written. One row per rule; the paths need not exist (usage is checked first).
@Suite struct UsageErrorTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var args: [String]
        var mentions: String
        var testDescription: String { args.joined(separator: " ") }
        init(_ args: String, _ mentions: String) {
            self.args = args.split(separator: " ").map(String.init)
            self.mentions = mentions
        }
    }

    static let rows: [Row] = [
        // crop
        Row("crop m.json -o out --size -5", "--size"), Row("crop m.json -o out --size 0", "--size"),
        Row("crop m.json -o out --size 16385", "--size"), Row("crop m.json -o out --jobs 0", "--jobs"),
        Row("crop m.json -o out --jobs -1", "--jobs"), Row("crop m.json -o out --margin -1", "--margin"),
        Row("crop m.json -o out --margin nan", "--margin"), Row("crop m.json -o out --pad weird", "--pad"),
        Row("crop m.json -o out --pad color:#GGGGGG", "--pad"), Row("crop m.json -o out --max-pad 2", "--max-pad"),
        Row("crop m.json -o out --min-size -1", "--min-size"), Row("crop m.json -o out --shard 3/2", "--shard"),
        Row("crop m.json -o out --background nocolor", "--background"), Row("crop m.json -o out --format xyz", "--format"),
        Row("crop m.json -o out --size abc", "--size"),
        // augment (the plan's ranges are the library's: AugmentPlan.validate)
        Row("augment in -o out --rotations abc", "--rotations"), Row("augment in -o out --rotations ±400", "--rotations"),
        Row("augment in -o out --unsharp x", "--unsharp"), Row("augment in -o out --unsharp 0x-1+1+0", "unsharp"),
        Row("augment in -o out --size -3", "--size"), Row("augment in -o out --size 0", "--size"),
        Row("augment in -o out --size 100000", "--size"), Row("augment in -o out --jobs 0", "--jobs"),
        Row("augment in -o out --scales 0", "scale"), Row("augment in -o out --scales abc", "--scales"),
        Row("augment in -o out --shifts -2", "--shifts"), Row("augment in -o out --shifts nan", "shift"),
        Row("augment in -o out --brightness abc", "--brightness"), Row("augment in -o out --brightness ±200%", "brightness"),
        Row("augment in -o out --saturation x", "--saturation"), Row("augment in -o out --random -1", "--random"),
        Row("augment in -o out --rotation-steps 0", "--rotation-steps"), Row("augment in -o out --random-only", "--random"),
        Row("augment in -o out --preview-sources 0", "--preview-sources"), Row("augment in -o out --shard 1/1", "--shard"),
        Row("augment in -o out --rotation-fill wavy", "--rotation-fill"), Row("augment in --replay-to x.png", "--replay"),
        // audit
        Row("audit in --batch 0", "--batch"), Row("audit in --batch -4", "--batch"), Row("audit in --jobs 0", "--jobs"),
        Row("audit in --threshold 64", "--threshold"), Row("audit in --threshold -1", "--threshold"),
        Row("audit in --combined 200", "--combined"), Row("audit in --cap 0", "--cap"), Row("audit in --checks foo", "checks"),
        Row("audit in --order other", "--order"), Row("audit in --dry-run", "--dry-run"),
        Row("audit in --restore --dedupe", "--restore"), Row("audit in --shard 0/2 --dedupe", "--shard"),
        Row("audit in --hash sha1", "--hash"),
        // train (DCGANConfig.validate judges the rest)
        Row("train in -o run --size 33", "--size"), Row("train in -o run --size -1", "--size"),
        Row("train in -o run --batch 0", "--batch"), Row("train in -o run --batch -4", "--batch"),
        Row("train in -o run --epochs 0", "--epochs"), Row("train in -o run --iterations 0", "--iterations"),
        Row("train in -o run --iterations -1", "--iterations"), Row("train in -o run --lr -1", "--lr"),
        Row("train in -o run --lr nan", "--lr"), Row("train in -o run --lr 0", "--lr"), Row("train in -o run --beta1 1.5", "--beta1"),
        Row("train in -o run --z-dim 0", "--z-dim"), Row("train in -o run --gf 0", "--gf"), Row("train in -o run --df -1", "--df"),
        Row("train in -o run --g-steps 0", "--g-steps"), Row("train in -o run --threads 0", "--threads"),
        Row("train in -o run --jobs 0", "--jobs"), Row("train in -o run --sample-every -1", "--sample-every"),
        Row("train in -o run --checkpoint-every -1", "--checkpoint-every"), Row("train in -o run --keep-checkpoints -1", "--keep-checkpoints"),
        Row("train in -o run --diffaugment foo", "--diffaugment"), Row("train in -o run --ema 1.5", "--ema"),
        Row("train in -o run --ema -0.1", "--ema"), Row("train in -o run --ema 0", "--ema"), Row("train in -o run --loss wgan", "--loss"),
        // generate, eval
        Row("generate run -n 0", "-n"), Row("generate run -n -1", "-n"), Row("generate run --jobs 0", "--jobs"),
        Row("eval run in --count 0", "--count"), Row("eval run in --count 1", "--count"),
        Row("eval run in --checkpoints foo", "--checkpoints"), Row("eval run in --jobs 0", "--jobs"),
        // demo, pipeline, merge, export, bench
        Row("demo -o d --count 0", "--count"), Row("demo -o d --count -1", "--count"), Row("demo -o d --size 33", "--size"),
        Row("demo -o d --iterations -1", "--iterations"), Row("demo -o d --jobs 0", "--jobs"),
        Row("pipeline m.json -o p --stages foo", "stages"), Row("pipeline m.json -o p --jobs 0", "--jobs"),
        Row("merge a b --jobs 0 -o m", "--jobs"), Row("merge a b", "--output"),
        Row("export in -o e --layout foo", "--layout"), Row("export in -o e --jobs 0", "--jobs"), Row("export in --layout imagefolder", "--output"),
        Row("bench --foo", "--foo"), Row("bench extra", "extra"), Row("no-such-command", "no-such-command"),
        // label, review (servers: usage is refused before anything binds)
        Row("label pics --port -1", "--port"), Row("label pics --port 70000", "--port"), Row("label pics --port abc", "--port"),
        Row("label pics --margin -1", "--margin"), Row("label pics --margin nan", "--margin"), Row("label pics --max-pad 2", "--max-pad"),
        Row("label pics --max-pad nan", "--max-pad"), Row("label pics --format xyz", "--format"), Row("label pics --labels ,", "--labels"),
        Row("label pics --host", "--host"), Row("review ds --port -1", "--port"), Row("review ds --port 99999", "--port"),
        Row("review ds --host", "--host"), Row("generate run -n abc", "-n"),
    ]

    @Test(arguments: rows)
    func badUsageIsExit64AndOneLine(_ row: Row) throws {
        let tmp = TemporaryDirectory("dman-usage")
        let r = try CLIRunner.run(row.args, in: tmp.url)
        #expect(r.status == 64, "exit \(r.status): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(lines.count) lines: \(r.stderr)")
        #expect(lines.first?.hasPrefix("error: ") == true && r.stderr.contains(row.mentions), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty, "bad usage wrote something")
    }

    /// Help and version are not errors.
    @Test func helpAndVersionStillExitZero() throws {
        #expect(try CLIRunner.run(["crop", "--help"]).status == 0)
        #expect(try CLIRunner.run(["--version"]).status == 0)
    }
}
