import Foundation
import FuzzInvariants

// One libFuzzer binary for every target; FUZZ_TARGET (a FuzzTarget raw value: FuzzCodec, FuzzPPRFState, ...)
// picks the invariant to check. FUZZ_TARGET=list prints every target's name, one a line (Fuzz/run.sh).
let names = FuzzTarget.allCases.map(\.rawValue)
let requested = ProcessInfo.processInfo.environment["FUZZ_TARGET"]
if requested == "list" {
    print(names.joined(separator: "\n"))
    exit(0)
}
guard let target = requested.flatMap(FuzzTarget.init(rawValue:)) else {
    FileHandle.standardError.write(Data("set FUZZ_TARGET to one of \(names.joined(separator: ", "))\n".utf8))
    exit(2)
}
let selected = target

/// libFuzzer's driver: SwiftPM renames an executable's `main`, so the target provides its own and hands
/// control to libFuzzer (linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(
    runFuzzerDriver(&argc, &argv) { data, count in
        if let violation = selected.check(Array(UnsafeBufferPointer(start: data, count: count))) {
            fatalError(violation)
        }
        return 0
    })
