import Foundation
import MLSCrypto

/// Where measured figures come from (issue 14): the CPU and the features that decide which code the
/// libraries run, the compiler and the libraries' versions, each with the way it was found.
public struct MachineInfo: Sendable, Equatable {
    /// `model name` from /proc/cpuinfo, or "unknown CPU".
    public let cpuModel: String
    /// The CPU features that matter here, from the `flags` line of /proc/cpuinfo: `sha_ni` (SHA-256 in
    /// hardware), `avx2` (vector SHA-512 and BLAKE2b code), `aes_ni` (the `aes` flag: AES-GCM).
    public let cpuFeatures: [String: Bool]
    /// Active processor count.
    public let cores: Int
    /// The operating system's version text.
    public let operatingSystem: String
    /// The Swift compiler that built this binary, from compile-time `#if compiler(...)` checks.
    public let swiftVersion: String
    /// "release" or "debug" (`#if DEBUG`).
    public let build: String
    /// `sodium_version_string()`.
    public let libsodium: String
    /// `OpenSSL_version(OPENSSL_VERSION)`.
    public let openSSL: String
    /// Whether OpenSSL's capability vector (`OPENSSL_CPU_INFO`) has the SHA extensions; nil when unknown.
    public let openSSLUsesSHANI: Bool?
    /// libb2's package version from `pkg-config --modversion libb2` at report time (libb2 has no version
    /// function), or "unknown (pkg-config failed)".
    public let libb2: String

    /// How ``swiftVersion`` was found.
    public static let swiftVersionSource = "compile-time #if compiler(...) checks"
    /// How ``libb2`` was found.
    public static let libb2VersionSource = "pkg-config --modversion libb2 at report time"

    /// The features reported, in order: /proc/cpuinfo flag name and the name used here.
    static let featureFlags: [(flag: String, name: String)] = [
        ("sha_ni", "sha_ni"), ("avx2", "avx2"), ("aes", "aes_ni"),
    ]

    /// This machine.
    public static func current() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let (model, features) = parse(cpuinfo: cpuinfo)
        #if DEBUG
            let build = "debug"
        #else
            let build = "release"
        #endif
        return MachineInfo(
            cpuModel: model, cpuFeatures: features, cores: ProcessInfo.processInfo.activeProcessorCount,
            operatingSystem: ProcessInfo.processInfo.operatingSystemVersionString, swiftVersion: compilerVersion,
            build: build, libsodium: CryptoLibrary.sodiumVersion, openSSL: CryptoLibrary.openSSLVersion,
            openSSLUsesSHANI: CryptoLibrary.openSSLSeesSHAExtensions, libb2: libb2Version())
    }

    /// The CPU model and the features of ``featureFlags`` from a /proc/cpuinfo text (the first processor's).
    static func parse(cpuinfo: String) -> (model: String, features: [String: Bool]) {
        let lines = cpuinfo.split(separator: "\n")
        func value(_ key: String) -> String? {
            guard let line = lines.first(where: { $0.hasPrefix(key) && $0.contains(":") }),
                let colon = line.firstIndex(of: ":")
            else { return nil }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let model = value("model name").flatMap { $0.isEmpty ? nil : $0 } ?? "unknown CPU"
        let flags = Set((value("flags") ?? "").split(separator: " ").map(String.init))
        var features: [String: Bool] = [:]
        for (flag, name) in featureFlags { features[name] = flags.contains(flag) }
        return (model, features)
    }

    /// The compiler version, as precise as `#if compiler` can tell.
    static var compilerVersion: String {
        #if compiler(>=6.4)
            return "6.4 or later"
        #elseif compiler(>=6.3.2)
            return "6.3.2 or a later 6.3"
        #elseif compiler(>=6.3.1)
            return "6.3.1"
        #elseif compiler(>=6.3)
            return "6.3.0"
        #elseif compiler(>=6.2)
            return "6.2.x"
        #else
            return "6.1.x or earlier"
        #endif
    }

    /// libb2's version from pkg-config, or "unknown (pkg-config failed)".
    static func libb2Version() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--modversion", "libb2"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "unknown (pkg-config failed)"
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !text.isEmpty else { return "unknown (pkg-config failed)" }
        return text
    }

    /// One line for a report's header: CPU, features, cores, OS, compiler, libraries, build.
    public var summary: String {
        let features = Self.featureFlags.map { "\($0.name) \(cpuFeatures[$0.name] == true ? "yes" : "no")" }
        let sha = openSSLUsesSHANI.map { $0 ? "uses SHA-NI" : "without SHA-NI" } ?? "SHA-NI use unknown"
        return "\(cpuModel) (\(features.joined(separator: ", "))), \(cores) cores, \(operatingSystem); "
            + "Swift \(swiftVersion) (\(Self.swiftVersionSource)), \(build) build; libsodium \(libsodium), "
            + "\(openSSL) (\(sha)), libb2 \(libb2) (\(Self.libb2VersionSource))"
    }
}
